package dev.netlab.http1.client;

import dev.netlab.http1.HeaderFields;
import dev.netlab.kit.StubException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A minimal HTTP/1.1 client over one raw socket, kept alive between requests (RFC 9112
 * §9.3). Redirects are returned, not followed. Not thread-safe: one request at a time.
 *
 * <p>Your job, in {@code send}: open a socket when there is none (connect and read
 * timeouts = {@code timeout}; count it in {@link #connectionsOpened()}); write
 * {@code METHOD target HTTP/1.1}, {@code Host} (a client MUST send it, RFC 9112 §3.2), the
 * given fields and, with a body, {@code Content-Length}; then read the response as a client
 * must (RFC 9112 §6.3): skip interim 1xx responses; no content for HEAD, 204 and 304;
 * chunked (remove the coding, drop the trailers); Content-Length; otherwise until the
 * close. Close the socket after a response with {@code Connection: close} (or an HTTP/1.0
 * one without keep-alive), so the next request reconnects. Bound what you read: at most
 * {@link #MAX_HEADER_BYTES} of header section, {@link #MAX_BODY} of content.
 */
public final class Http1Client implements AutoCloseable {
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    public static final int MAX_BODY = 16 * 1024 * 1024;

    public Http1Client(InetSocketAddress server, Duration timeout) {
        // keep both; the socket opens on the first request
    }

    public ClientResponse get(String target) throws IOException {
        return send("GET", target, new HeaderFields(), null);
    }

    public ClientResponse post(String target, String contentType, byte[] body) throws IOException {
        return send("POST", target, HeaderFields.of("Content-Type", contentType), body);
    }

    /** One request on the kept-alive connection; {@code body} null means no content. */
    public ClientResponse send(String method, String target, HeaderFields headers, byte[] body) throws IOException {
        throw StubException.notImplemented("3.16", "A raw-socket HTTP/1.1 client with keep-alive", "day3-http11/README.md#a-client-over-a-raw-socket");
    }

    /** How many TCP connections this client has opened: 1 while keep-alive works. */
    public int connectionsOpened() {
        throw StubException.notImplemented("3.16", "A raw-socket HTTP/1.1 client with keep-alive", "day3-http11/README.md#a-client-over-a-raw-socket");
    }

    @Override
    public void close() throws IOException {
        // close the socket if one is open
    }
}
