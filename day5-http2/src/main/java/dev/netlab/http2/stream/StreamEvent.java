package dev.netlab.http2.stream;

/**
 * What can happen to a stream (RFC 9113 §5.1): a frame received ({@code RECV_*}) or sent
 * ({@code SEND_*}). END_STREAM is an event of its own, applied right after the HEADERS or
 * DATA frame that carries it: "HEADERS + END_STREAM" is {@code RECV_HEADERS} then
 * {@code RECV_END_STREAM}. CONTINUATION frames are part of their HEADERS and no event.
 */
public enum StreamEvent {
    RECV_HEADERS,
    RECV_DATA,
    RECV_END_STREAM,
    RECV_RST_STREAM,
    RECV_PRIORITY,
    RECV_WINDOW_UPDATE,
    RECV_PUSH_PROMISE,
    SEND_HEADERS,
    SEND_DATA,
    SEND_END_STREAM,
    SEND_RST_STREAM,
    SEND_PUSH_PROMISE;

    /** True for the events of frames received from the peer. */
    public boolean received() {
        return name().startsWith("RECV_");
    }
}
