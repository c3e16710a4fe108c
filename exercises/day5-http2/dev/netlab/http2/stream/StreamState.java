package dev.netlab.http2.stream;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;

/**
 * The life of a stream (RFC 9113 §5.1) as an enum and a pure transition function,
 * {@link #next(StreamEvent, int)}: every arrow of the RFC's diagram, and every frame a state
 * does not allow, is testable without a socket.
 *
 * <pre>
 *                              +--------+
 *                      send PP |        | recv PP
 *                     ,--------+  idle  +--------.
 *                    /         |        |         \
 *                   v          +--------+          v
 *            +----------+          |           +----------+
 *            |          |          | send H /  |          |
 *     ,------+ reserved |          | recv H    | reserved +------.
 *     |      | (local)  |          |           | (remote) |      |
 *     |      +---+------+          v           +------+---+      |
 *     |          |             +--------+             |          |
 *     |          |     recv ES |        | send ES     |          |
 *     |   send H |     ,-------+  open  +-------.     | recv H   |
 *     |          |    /        |        |        \    |          |
 *     |          v   v         +---+----+         v   v          |
 *     |      +----------+          |           +----------+      |
 *     |      |   half-  |          |           |   half-  |      |
 *     |      |  closed  |          | send R /  |  closed  |      |
 *     |      | (remote) |          | recv R    | (local)  |      |
 *     |      +----+-----+          |           +-----+----+      |
 *     |           |                |                 |           |
 *     |           | send ES /      |       recv ES / |           |
 *     |           |  send R /      v        send R / |           |
 *     |           |  recv R    +--------+   recv R   |           |
 *     | send R /  `-----------&gt;|        |&lt;-----------'  send R / |
 *     | recv R                 | closed |               recv R   |
 *     `-----------------------&gt;|        |&lt;-----------------------'
 *                              +--------+
 *
 *    send:   endpoint sends this frame          H:  HEADERS frame (with implied CONTINUATION frames)
 *    recv:   endpoint receives this frame       ES: END_STREAM flag
 *                                               R:  RST_STREAM frame     PP: PUSH_PROMISE frame
 * </pre>
 *
 * <p>The RFC's one "closed" state is three here, because §5.1 asks for different reactions
 * depending on how it was reached: {@link #CLOSED} (both sides ended the stream: DATA or
 * HEADERS now are a connection error STREAM_CLOSED), {@link #RESET_RECEIVED} ("An endpoint that
 * receives any frame other than PRIORITY after receiving a RST_STREAM MUST treat that as a
 * stream error of type STREAM_CLOSED") and {@link #RESET_SENT} ("An endpoint MUST ignore
 * frames that it receives on closed streams after it has sent a RST_STREAM frame").
 *
 * <p>Errors: receiving a frame a state forbids is an {@link Http2Exception} of the scope and
 * code §5.1 gives; sending one is a bug of this endpoint, an {@link IllegalStateException}.
 * A frame that must be ignored leaves the state as it is.
 */
public enum StreamState {
    IDLE,
    RESERVED_LOCAL,
    RESERVED_REMOTE,
    OPEN,
    HALF_CLOSED_LOCAL,
    HALF_CLOSED_REMOTE,
    /** Closed after END_STREAM both ways. */
    CLOSED,
    /** Closed by a RST_STREAM this endpoint received. */
    RESET_RECEIVED,
    /** Closed by a RST_STREAM this endpoint sent. */
    RESET_SENT;

    /** One of the three closed states. */
    public boolean isClosed() {
        throw StubException.notImplemented("5.09", "The stream state machine (RFC 9113 §5.1) as a pure transition function", "day5-http2/README.md#streams-and-their-states");
    }

    /** "open" or "half-closed (remote)": this endpoint may still send HEADERS or DATA. */
    public boolean canSend() {
        throw StubException.notImplemented("5.09", "The stream state machine (RFC 9113 §5.1) as a pure transition function", "day5-http2/README.md#streams-and-their-states");
    }

    /** "open" and "half-closed (local)": the peer may still send HEADERS or DATA. */
    public boolean canReceive() {
        throw StubException.notImplemented("5.09", "The stream state machine (RFC 9113 §5.1) as a pure transition function", "day5-http2/README.md#streams-and-their-states");
    }

    /**
     * The state after {@code event} on stream {@code streamId}.
     *
     * @throws Http2Exception when the peer sent a frame this state does not allow
     * @throws IllegalStateException when this endpoint would send a frame it must not
     */
    public StreamState next(StreamEvent event, int streamId) throws Http2Exception {
        throw StubException.notImplemented("5.09", "The stream state machine (RFC 9113 §5.1) as a pure transition function", "day5-http2/README.md#streams-and-their-states");
    }
}
