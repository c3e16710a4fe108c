package dev.netlab.http2.stream;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;

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
        return this == CLOSED || this == RESET_RECEIVED || this == RESET_SENT;
    }

    /** "open" or "half-closed (remote)": this endpoint may still send HEADERS or DATA. */
    public boolean canSend() {
        return this == OPEN || this == HALF_CLOSED_REMOTE;
    }

    /** "open" and "half-closed (local)": the peer may still send HEADERS or DATA. */
    public boolean canReceive() {
        return this == OPEN || this == HALF_CLOSED_LOCAL;
    }

    /**
     * The state after {@code event} on stream {@code streamId}.
     *
     * @throws Http2Exception when the peer sent a frame this state does not allow
     * @throws IllegalStateException when this endpoint would send a frame it must not
     */
    public StreamState next(StreamEvent event, int streamId) throws Http2Exception {
        if (event == StreamEvent.RECV_RST_STREAM && this != IDLE) {
            return isClosed() ? this : RESET_RECEIVED;
        }
        if (event == StreamEvent.SEND_RST_STREAM && this != IDLE) {
            return isClosed() ? this : RESET_SENT;
        }
        // PRIORITY "can be sent and received in any state" (§5.1, §6.3)
        if (event == StreamEvent.RECV_PRIORITY) {
            return this;
        }
        return switch (this) {
            case IDLE -> switch (event) {
                case RECV_HEADERS, SEND_HEADERS -> OPEN;
                case RECV_PUSH_PROMISE -> RESERVED_REMOTE;
                case SEND_PUSH_PROMISE -> RESERVED_LOCAL;
                // "Receiving any frame other than HEADERS or PRIORITY on a stream in this state
                // MUST be treated as a connection error (Section 5.4.1) of type PROTOCOL_ERROR."
                default -> refuse(event, streamId, Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR,
                        "%s on idle stream %d", frameOf(event), streamId));
            };
            case RESERVED_LOCAL -> switch (event) {
                case SEND_HEADERS -> HALF_CLOSED_REMOTE;
                case RECV_WINDOW_UPDATE -> this;
                // "Receiving any type of frame other than RST_STREAM, PRIORITY, or WINDOW_UPDATE on
                // a stream in this state MUST be treated as a connection error ... PROTOCOL_ERROR."
                default -> refuse(event, streamId, Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR,
                        "%s on reserved (local) stream %d", frameOf(event), streamId));
            };
            case RESERVED_REMOTE -> switch (event) {
                case RECV_HEADERS -> HALF_CLOSED_LOCAL;
                case RECV_WINDOW_UPDATE -> this;
                default -> refuse(event, streamId, Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR,
                        "%s on reserved (remote) stream %d", frameOf(event), streamId));
            };
            case OPEN -> switch (event) {
                case RECV_HEADERS, RECV_DATA, RECV_WINDOW_UPDATE, SEND_HEADERS, SEND_DATA -> this;
                case RECV_END_STREAM -> HALF_CLOSED_REMOTE;
                case SEND_END_STREAM -> HALF_CLOSED_LOCAL;
                default -> refuse(event, streamId, Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR,
                        "%s on open stream %d", frameOf(event), streamId));
            };
            case HALF_CLOSED_LOCAL -> switch (event) {
                case RECV_HEADERS, RECV_DATA, RECV_WINDOW_UPDATE -> this;
                case RECV_END_STREAM -> CLOSED;
                default -> refuse(event, streamId, Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR,
                        "%s on half-closed (local) stream %d", frameOf(event), streamId));
            };
            case HALF_CLOSED_REMOTE -> switch (event) {
                case RECV_WINDOW_UPDATE, SEND_HEADERS, SEND_DATA -> this;
                case SEND_END_STREAM -> CLOSED;
                // "If an endpoint receives additional frames, other than WINDOW_UPDATE, PRIORITY,
                // or RST_STREAM, for a stream that is in this state, it MUST respond with a stream
                // error (Section 5.4.2) of type STREAM_CLOSED."
                default -> refuse(event, streamId, Http2Exception.streamError(streamId, ErrorCode.STREAM_CLOSED,
                        "%s on half-closed (remote) stream %d", frameOf(event), streamId));
            };
            case CLOSED -> switch (event) {
                // "An endpoint that sends a frame with the END_STREAM flag set or a RST_STREAM frame
                // might receive a WINDOW_UPDATE or RST_STREAM frame from its peer" shortly after.
                case RECV_WINDOW_UPDATE -> this;
                // "An endpoint MAY treat receipt of any other type of frame on a closed stream as a
                // connection error (Section 5.4.1) of type STREAM_CLOSED"
                default -> refuse(event, streamId, Http2Exception.connectionError(ErrorCode.STREAM_CLOSED,
                        "%s on closed stream %d", frameOf(event), streamId));
            };
            case RESET_RECEIVED -> refuse(event, streamId, Http2Exception.streamError(streamId, ErrorCode.STREAM_CLOSED,
                    "%s on stream %d after the peer reset it", frameOf(event), streamId));
            // "An endpoint MUST ignore frames that it receives on closed streams after it has sent
            // a RST_STREAM frame."
            case RESET_SENT -> event.received() ? this : refuse(event, streamId, null);
        };
    }

    private StreamState refuse(StreamEvent event, int streamId, Http2Exception error) throws Http2Exception {
        if (!event.received()) {
            throw new IllegalStateException("stream " + streamId + " is " + this + ": this endpoint must not " + event);
        }
        throw error;
    }

    private static String frameOf(StreamEvent event) {
        return switch (event) {
            case RECV_END_STREAM, SEND_END_STREAM -> "END_STREAM";
            default -> event.name().substring(5);
        };
    }
}
