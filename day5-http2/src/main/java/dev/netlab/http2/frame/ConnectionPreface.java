package dev.netlab.http2.frame;

import java.nio.charset.StandardCharsets;

/**
 * The client connection preface (RFC 9113 §3.4): 24 fixed octets, then a SETTINGS frame.
 *
 * <pre>
 *   PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n      0x505249202a20485454502f322e300d0a0d0a534d0d0a0d0a
 * </pre>
 *
 * It was chosen so that an HTTP/1.1 server reads it as a request with the unknown method
 * {@code PRI} and fails, instead of taking what follows for HTTP/1.1. The server's preface is
 * just a SETTINGS frame, its first frame. "Clients and servers MUST treat an invalid connection
 * preface as a connection error (Section 5.4.1) of type PROTOCOL_ERROR."
 */
public final class ConnectionPreface {
    /** The 24 octets every client sends first. */
    private static final byte[] CLIENT = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Its length, 24. */
    public static final int LENGTH = CLIENT.length;

    private ConnectionPreface() {}

    /** A copy of the 24 octets. */
    public static byte[] client() {
        return CLIENT.clone();
    }

    /** The octet at {@code index} (0 to 23). */
    public static byte at(int index) {
        return CLIENT[index];
    }
}
