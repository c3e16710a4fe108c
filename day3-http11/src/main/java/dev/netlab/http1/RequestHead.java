package dev.netlab.http1;

/**
 * A parsed request line and header section (RFC 9112 §2.1: {@code start-line
 * *( field-line CRLF ) CRLF}).
 */
public record RequestHead(String method, RequestTarget target, HttpVersion version, HeaderFields headers) {
    public boolean isHead() {
        return method.equals("HEAD");
    }
}
