package dev.netlab.http2.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.Checkpoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Flow-control windows (RFC 9113 §5.2, §6.9) and the frames a response becomes. Mistakes it
 * catches: an int overflow past 2^31−1 instead of FLOW_CONTROL_ERROR; the overflow error with
 * the wrong scope (stream vs connection); a negative window treated as "send anyway"; credit
 * taken from one window only; DATA frames larger than the peer's max frame size; a field block
 * split without CONTINUATION, END_HEADERS on the wrong frame, END_STREAM on a CONTINUATION. Mutant run on the reference (2026-12-05): the overflow check of
 * WINDOW_UPDATE removed fails {@code overflow}. Killed since the PIT run of 2026-12-06: a new
 * SETTINGS_INITIAL_WINDOW_SIZE that brings a window to exactly 2^31−1 refused ({@code negative}).
 * Equivalent survivor: {@code nextData} taking 0 octets of credit instead of returning early.
 */
@Checkpoint(id = "5.10", title = "Flow control: windows, WINDOW_UPDATE overflow, negative windows; response frames",
        edit = {"dev/netlab/http2/stream/FlowWindow.java", "dev/netlab/http2/stream/ResponseFrames.java"},
        hint = "keep the window in a long so 2^31 is visible; consume/expand/adjust check the limit; a DATA frame is min(content, max frame size, both windows)",
        readme = "#flow-control")
class FlowWindowTest {
    @Test
    @DisplayName("receiving: consume within the window; more is FLOW_CONTROL_ERROR (stream error on a stream, connection error on 0)")
    void consume() throws Http2Exception {
        FlowWindow w = new FlowWindow(3, 100);
        w.consume(60);
        w.consume(40);
        assertThat(w.size()).isZero();
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> w.consume(1));
        assertThat(e.code()).isEqualTo(ErrorCode.FLOW_CONTROL_ERROR);
        assertThat(e.scope()).isEqualTo(Http2Exception.Scope.STREAM);
        FlowWindow c = new FlowWindow(0, 10);
        Http2Exception ce = catchThrowableOfType(Http2Exception.class, () -> c.consume(11));
        assertThat(ce.isConnectionError()).isTrue();
    }

    @Test
    @DisplayName("RFC 9113 §6.9.1: a WINDOW_UPDATE past 2^31-1 is FLOW_CONTROL_ERROR; exactly 2^31-1 is fine")
    void overflow() throws Http2Exception {
        FlowWindow w = new FlowWindow(1, 65_535);
        w.expand(Integer.MAX_VALUE - 65_535);
        assertThat(w.size()).isEqualTo(Integer.MAX_VALUE);
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> w.expand(1));
        assertThat(e.code()).isEqualTo(ErrorCode.FLOW_CONTROL_ERROR);
        assertThat(e.streamId()).isEqualTo(1);
        assertThat(w.size()).as("unchanged after the error").isEqualTo(Integer.MAX_VALUE);
        FlowWindow c = new FlowWindow(0, 65_535);
        Http2Exception ce = catchThrowableOfType(Http2Exception.class, () -> c.expand(Integer.MAX_VALUE));
        assertThat(ce.isConnectionError()).isTrue();
    }

    @Test
    @DisplayName("RFC 9113 §6.9.2: a smaller INITIAL_WINDOW_SIZE can make a window negative; nothing is sent until it is positive again")
    void negative() throws Http2Exception {
        FlowWindow w = new FlowWindow(1, 3);
        assertThat(w.take(3)).isEqualTo(3);
        w.adjust(2 - 3); // SETTINGS_INITIAL_WINDOW_SIZE 3 -> 2
        assertThat(w.size()).isEqualTo(-1);
        assertThat(w.take(10)).isZero();
        w.expand(2);
        assertThat(w.size()).isEqualTo(1);
        assertThat(w.take(10)).isEqualTo(1);
        FlowWindow big = new FlowWindow(5, Integer.MAX_VALUE - 10);
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> big.adjust(11));
        assertThat(e.code()).isEqualTo(ErrorCode.FLOW_CONTROL_ERROR);
        assertThat(e.isConnectionError()).as("§6.9.2: a connection error").isTrue();
        big.adjust(10);
        assertThat(big.size()).as("exactly 2^31-1 is not past it").isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    @DisplayName("RFC 9113 §6.9.1: a DATA frame takes the smallest of the content, the frame size and both windows, from both windows")
    void nextData() {
        FlowWindow connection = new FlowWindow(0, 100_000);
        FlowWindow stream = new FlowWindow(1, 20_000);
        assertThat(ResponseFrames.nextData(50_000, 16_384, connection, stream)).isEqualTo(16_384);
        assertThat(ResponseFrames.nextData(50_000, 16_384, connection, stream)).isEqualTo(20_000 - 16_384);
        assertThat(stream.size()).isZero();
        assertThat(connection.size()).isEqualTo(80_000);
        assertThat(ResponseFrames.nextData(50_000, 16_384, connection, stream)).as("no stream credit: wait").isZero();
        assertThat(connection.size()).as("nothing taken when nothing can be sent").isEqualTo(80_000);
        FlowWindow small = new FlowWindow(0, 1);
        assertThat(ResponseFrames.nextData(5, 16_384, small, new FlowWindow(3, 100))).isEqualTo(1);
        assertThat(ResponseFrames.nextData(7, 16_384, new FlowWindow(0, 100), new FlowWindow(3, 100))).isEqualTo(7);
    }

    @Test
    @DisplayName("a field block over the frame size: HEADERS then CONTINUATION, END_HEADERS on the last, END_STREAM on HEADERS")
    void headersSplit() {
        byte[] block = new byte[40_000];
        var frames = ResponseFrames.headers(5, block, true, 16_384);
        assertThat(frames).hasSize(3);
        var first = (dev.netlab.http2.frame.HeadersFrame) frames.get(0);
        assertThat(first.fragment()).hasSize(16_384);
        assertThat(first.endStream()).isTrue();
        assertThat(first.endHeaders()).isFalse();
        var second = (dev.netlab.http2.frame.ContinuationFrame) frames.get(1);
        assertThat(second.endHeaders()).isFalse();
        var third = (dev.netlab.http2.frame.ContinuationFrame) frames.get(2);
        assertThat(third.fragment()).hasSize(40_000 - 2 * 16_384);
        assertThat(third.endHeaders()).isTrue();
        assertThat(third.streamId()).isEqualTo(5);
        var one = ResponseFrames.headers(1, new byte[16_384], false, 16_384);
        assertThat(one).hasSize(1);
        assertThat(((dev.netlab.http2.frame.HeadersFrame) one.get(0)).endHeaders()).isTrue();
    }
}
