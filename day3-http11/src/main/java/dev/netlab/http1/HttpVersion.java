package dev.netlab.http1;

/**
 * The two versions an HTTP/1.1 server speaks (RFC 9112 §2.3): {@code HTTP-version =
 * HTTP-name "/" DIGIT "." DIGIT}. Anything else well formed (HTTP/2.0, HTTP/0.9, HTTP/1.2
 * is a different minor version but same major: see {@code RequestLineParser}) is 505.
 */
public enum HttpVersion {
    HTTP_1_0("HTTP/1.0"),
    HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** "HTTP/1.0" or "HTTP/1.1". */
    public String text() {
        return text;
    }

    /**
     * RFC 9112 §9.3: HTTP/1.1 connections persist unless "close" is sent; HTTP/1.0 ones
     * close unless "keep-alive" is sent.
     */
    public boolean persistentByDefault() {
        return this == HTTP_1_1;
    }

    @Override
    public String toString() {
        return text;
    }
}
