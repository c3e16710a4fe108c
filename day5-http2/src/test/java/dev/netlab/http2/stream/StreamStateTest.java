package dev.netlab.http2.stream;

import static dev.netlab.http2.stream.StreamEvent.*;
import static dev.netlab.http2.stream.StreamState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.Checkpoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stream state machine of RFC 9113 §5.1 as a pure function. Mistakes it catches: END_STREAM
 * received taking "open" to half-closed (local) instead of (remote); DATA on an idle stream
 * treated as a stream error (it is a connection error); frames after END_STREAM from the peer
 * accepted, or refused with the wrong code or scope; WINDOW_UPDATE, PRIORITY or RST_STREAM
 * refused on a half-closed (remote) stream; the three closed states answered alike (after a
 * RST_STREAM we sent, frames are ignored; after one we received, they are stream errors;
 * after END_STREAM both ways, DATA is a connection error STREAM_CLOSED); sending on a stream
 * this endpoint may not send on accepted silently. Mutant run on the reference (2026-12-05): END_STREAM
 * received in "open" giving half-closed (local) fails 2 of 48 cases ({@code arrows}, {@code aRequest}).
 * Killed since the PIT run of 2026-12-06 ({@code whoMaySend}): {@code canSend()} true in
 * "half-closed (local)", "reserved" or closed, or false in "open".
 */
@Checkpoint(id = "5.09", title = "The stream state machine (RFC 9113 §5.1) as a pure transition function",
        edit = "dev/netlab/http2/stream/StreamState.java",
        hint = "switch on the state, then on the event; receiving what a state forbids throws with the code and scope §5.1 gives, sending it is an IllegalStateException",
        readme = "#streams-and-their-states")
class StreamStateTest {
    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @DisplayName("every arrow of the RFC 9113 §5.1 diagram")
    @CsvSource({
            "IDLE, RECV_HEADERS, OPEN",
            "IDLE, SEND_HEADERS, OPEN",
            "IDLE, SEND_PUSH_PROMISE, RESERVED_LOCAL",
            "IDLE, RECV_PUSH_PROMISE, RESERVED_REMOTE",
            "IDLE, RECV_PRIORITY, IDLE",
            "RESERVED_LOCAL, SEND_HEADERS, HALF_CLOSED_REMOTE",
            "RESERVED_LOCAL, SEND_RST_STREAM, RESET_SENT",
            "RESERVED_LOCAL, RECV_RST_STREAM, RESET_RECEIVED",
            "RESERVED_REMOTE, RECV_HEADERS, HALF_CLOSED_LOCAL",
            "RESERVED_REMOTE, RECV_RST_STREAM, RESET_RECEIVED",
            "OPEN, RECV_END_STREAM, HALF_CLOSED_REMOTE",
            "OPEN, SEND_END_STREAM, HALF_CLOSED_LOCAL",
            "OPEN, RECV_DATA, OPEN",
            "OPEN, SEND_DATA, OPEN",
            "OPEN, RECV_WINDOW_UPDATE, OPEN",
            "OPEN, SEND_RST_STREAM, RESET_SENT",
            "OPEN, RECV_RST_STREAM, RESET_RECEIVED",
            "HALF_CLOSED_REMOTE, SEND_HEADERS, HALF_CLOSED_REMOTE",
            "HALF_CLOSED_REMOTE, SEND_DATA, HALF_CLOSED_REMOTE",
            "HALF_CLOSED_REMOTE, SEND_END_STREAM, CLOSED",
            "HALF_CLOSED_REMOTE, RECV_WINDOW_UPDATE, HALF_CLOSED_REMOTE",
            "HALF_CLOSED_REMOTE, RECV_PRIORITY, HALF_CLOSED_REMOTE",
            "HALF_CLOSED_REMOTE, RECV_RST_STREAM, RESET_RECEIVED",
            "HALF_CLOSED_REMOTE, SEND_RST_STREAM, RESET_SENT",
            "HALF_CLOSED_LOCAL, RECV_DATA, HALF_CLOSED_LOCAL",
            "HALF_CLOSED_LOCAL, RECV_END_STREAM, CLOSED",
            "HALF_CLOSED_LOCAL, RECV_RST_STREAM, RESET_RECEIVED",
            "CLOSED, RECV_PRIORITY, CLOSED",
            "CLOSED, RECV_WINDOW_UPDATE, CLOSED",
            "CLOSED, RECV_RST_STREAM, CLOSED",
            "RESET_SENT, RECV_DATA, RESET_SENT",
            "RESET_SENT, RECV_HEADERS, RESET_SENT",
            "RESET_SENT, RECV_WINDOW_UPDATE, RESET_SENT",
            "RESET_RECEIVED, RECV_PRIORITY, RESET_RECEIVED",
    })
    void arrows(StreamState from, StreamEvent event, StreamState to) throws Http2Exception {
        assertThat(from.next(event, 1)).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} + {1}: {2} {3}")
    @DisplayName("frames a state forbids: the code and scope RFC 9113 §5.1 gives")
    @CsvSource({
            // "Receiving any frame other than HEADERS or PRIORITY on a stream in this state MUST be
            // treated as a connection error of type PROTOCOL_ERROR." (idle)
            "IDLE, RECV_DATA, CONNECTION, PROTOCOL_ERROR",
            "IDLE, RECV_RST_STREAM, CONNECTION, PROTOCOL_ERROR",
            "IDLE, RECV_WINDOW_UPDATE, CONNECTION, PROTOCOL_ERROR",
            "RESERVED_REMOTE, RECV_DATA, CONNECTION, PROTOCOL_ERROR",
            // half-closed (remote): "it MUST respond with a stream error of type STREAM_CLOSED"
            "HALF_CLOSED_REMOTE, RECV_DATA, STREAM, STREAM_CLOSED",
            "HALF_CLOSED_REMOTE, RECV_HEADERS, STREAM, STREAM_CLOSED",
            "HALF_CLOSED_REMOTE, RECV_END_STREAM, STREAM, STREAM_CLOSED",
            // closed after END_STREAM both ways: "MAY treat ... as a connection error of type STREAM_CLOSED"
            "CLOSED, RECV_DATA, CONNECTION, STREAM_CLOSED",
            "CLOSED, RECV_HEADERS, CONNECTION, STREAM_CLOSED",
            // after a RST_STREAM received: a stream error STREAM_CLOSED
            "RESET_RECEIVED, RECV_DATA, STREAM, STREAM_CLOSED",
            "RESET_RECEIVED, RECV_HEADERS, STREAM, STREAM_CLOSED",
            "RESET_RECEIVED, RECV_WINDOW_UPDATE, STREAM, STREAM_CLOSED",
    })
    void forbidden(StreamState from, StreamEvent event, Http2Exception.Scope scope, ErrorCode code) {
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> from.next(event, 7));
        assertThat(e).as("%s + %s", from, event).isNotNull();
        assertThat(e.scope()).isEqualTo(scope);
        assertThat(e.code()).isEqualTo(code);
        if (scope == Http2Exception.Scope.STREAM) {
            assertThat(e.streamId()).isEqualTo(7);
        }
    }

    @Test
    @DisplayName("sending what a state does not allow is this endpoint's bug: IllegalStateException")
    void illegalSends() {
        assertThatThrownBy(() -> HALF_CLOSED_LOCAL.next(SEND_DATA, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CLOSED.next(SEND_HEADERS, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> IDLE.next(SEND_DATA, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RESET_RECEIVED.next(SEND_DATA, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("RFC 9113 §5.1: this endpoint may send HEADERS or DATA in \"open\" and \"half-closed (remote)\" only;"
            + " the peer in \"open\" and \"half-closed (local)\" only")
    void whoMaySend() {
        for (StreamState s : StreamState.values()) {
            assertThat(s.canSend()).as("canSend in %s", s).isEqualTo(s == OPEN || s == HALF_CLOSED_REMOTE);
            assertThat(s.canReceive()).as("canReceive in %s", s).isEqualTo(s == OPEN || s == HALF_CLOSED_LOCAL);
        }
    }

    @Test
    @DisplayName("a request's whole life: HEADERS, DATA, END_STREAM received, HEADERS, DATA, END_STREAM sent")
    void aRequest() throws Http2Exception {
        StreamState s = IDLE;
        for (StreamEvent e : new StreamEvent[] {RECV_HEADERS, RECV_DATA, RECV_DATA, RECV_END_STREAM, SEND_HEADERS, SEND_DATA, SEND_END_STREAM}) {
            s = s.next(e, 1);
        }
        assertThat(s).isEqualTo(CLOSED);
        assertThat(s.isClosed()).isTrue();
        assertThat(HALF_CLOSED_REMOTE.canSend()).isTrue();
        assertThat(HALF_CLOSED_REMOTE.canReceive()).isFalse();
        assertThat(RESET_SENT.isClosed()).isTrue();
    }
}
