package dev.netlab.http2.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What runs over an HTTP/2 stream after an extended CONNECT was accepted (RFC 8441): the
 * server has answered {@code :status 200} and the stream stays open both ways. {@code in}
 * yields the peer's DATA payloads and ends at its END_STREAM; {@code out} sends DATA within both
 * flow-control windows, and closing it sends END_STREAM. Once the stream is reset (RST_STREAM either
 * way, RFC 9113 §6.4) both fail with a {@link StreamResetException} carrying the code and who sent it
 * — a read or a write blocked at that moment at once — and nothing more is sent on the stream. To
 * abort the tunnel (a TCP reset: RST_STREAM CANCEL, RFC 8441 §5), throw from {@code run}; returning,
 * or closing {@code out}, ends it cleanly. The capstone runs WebSocket (RFC 8441 §5) over these two
 * streams.
 */
@FunctionalInterface
public interface Tunnel {
    void run(InputStream in, OutputStream out) throws IOException;
}
