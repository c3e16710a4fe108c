package dev.netlab.http2.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.Checkpoint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every frame type of RFC 9113 §6 and its validation, through {@link FrameDecoder}. Mistakes
 * it catches: padding not removed (or the Pad Length octet left in the data), a pad length
 * equal to the payload accepted (off by one), a PADDED frame without room for its Pad Length;
 * the HEADERS priority fields read before the Pad Length, weight off by one (the wire carries
 * weight − 1), the E bit left in the dependency; fixed lengths not checked (PRIORITY 5,
 * RST_STREAM 4, PING 8, WINDOW_UPDATE 4, SETTINGS a multiple of 6, an ACK empty) or checked
 * with the wrong scope; stream-id rules missing (DATA/HEADERS/PRIORITY/RST_STREAM/
 * CONTINUATION on 0, SETTINGS/PING/GOAWAY elsewhere); SETTINGS values not checked
 * (ENABLE_PUSH 0/1, INITIAL_WINDOW_SIZE ≤ 2^31−1 as FLOW_CONTROL_ERROR, MAX_FRAME_SIZE range);
 * the reserved bit kept in WINDOW_UPDATE/GOAWAY ids; an increment of 0 accepted; an unknown
 * type rejected instead of ignored; the length checked only after the payload was read.
 * Killed since the PIT run of 2026-12-06: the padding of an encoded DATA, HEADERS or
 * PUSH_PROMISE frame left out (the octets after the fragment are whatever the buffer held, the
 * next frame starts too early), and PUSH_PROMISE's flags combined with {@code &}
 * ({@code encodePadding}); a GOAWAY of exactly 8 octets, without debug data, refused
 * ({@code goAway}); SETTINGS_MAX_FRAME_SIZE 2^14 or 2^24−1 refused by
 * {@code maxFrameSize(int)} ({@code maxFrameSize}); a CONTINUATION's payload length not its
 * fragment's ({@code continuation}). Equivalent survivors: DATA's type code replaced by 0
 * (it is 0), the capacity of SETTINGS' list, and {@code decode(header, payload)} without its
 * own length check ({@code decode(ByteBuffer)} checks the header first).
 */
@Checkpoint(id = "5.02", title = "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules",
        edit = {"dev/netlab/http2/frame/FrameDecoder.java", "dev/netlab/http2/frame/DataFrame.java",
                "dev/netlab/http2/frame/HeadersFrame.java", "dev/netlab/http2/frame/PriorityFrame.java",
                "dev/netlab/http2/frame/RstStreamFrame.java", "dev/netlab/http2/frame/SettingsFrame.java",
                "dev/netlab/http2/frame/PushPromiseFrame.java", "dev/netlab/http2/frame/PingFrame.java",
                "dev/netlab/http2/frame/GoAwayFrame.java", "dev/netlab/http2/frame/WindowUpdateFrame.java",
                "dev/netlab/http2/frame/ContinuationFrame.java"},
        hint = "one record per type: decode checks the stream id, the fixed length, then strips padding (Pad Length < payload); encode writes the header then the payload",
        readme = "#frames")
class FramesTest {
    private static final HexFormat HEX = HexFormat.of();

    static Frame decode(String hex) throws Http2Exception {
        ByteBuffer in = ByteBuffer.wrap(HEX.parseHex(hex.replace(" ", "")));
        Frame f = new FrameDecoder().decode(in);
        assertThat(f).as("a whole frame was given").isNotNull();
        assertThat(in.hasRemaining()).as("the decoder consumed exactly one frame").isFalse();
        return f;
    }

    static Http2Exception error(String hex) {
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> decode(hex));
        assertThat(e).as("an Http2Exception for %s", hex).isNotNull();
        return e;
    }

    static void assertConnectionError(String hex, ErrorCode code) {
        Http2Exception e = error(hex);
        assertThat(e.code()).as("error code of %s", e).isEqualTo(code);
        assertThat(e.scope()).as("scope of %s", e).isEqualTo(Http2Exception.Scope.CONNECTION);
    }

    static void assertStreamError(String hex, int stream, ErrorCode code) {
        Http2Exception e = error(hex);
        assertThat(e.code()).as("error code of %s", e).isEqualTo(code);
        assertThat(e.scope()).as("scope of %s", e).isEqualTo(Http2Exception.Scope.STREAM);
        assertThat(e.streamId()).isEqualTo(stream);
    }

    static <F extends Frame> F roundTrip(F frame) throws Http2Exception {
        byte[] bytes = frame.toBytes();
        assertThat(bytes).hasSize(FrameHeader.LENGTH + frame.payloadLength());
        @SuppressWarnings("unchecked")
        F back = (F) decode(HEX.formatHex(bytes));
        return back;
    }

    // ---------------------------------------------------------------- DATA

    @Test
    @DisplayName("DATA: END_STREAM and the data; encode then decode gives the same frame")
    void data() throws Http2Exception {
        DataFrame d = (DataFrame) decode("000005 00 01 00000001 68656c6c6f");
        assertThat(d.streamId()).isEqualTo(1);
        assertThat(new String(d.data(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(d.endStream()).isTrue();
        assertThat(d.padLength()).isEqualTo(-1);
        assertThat(d.payloadLength()).isEqualTo(5);
        assertThat(HEX.formatHex(new DataFrame(3, "hi".getBytes(StandardCharsets.US_ASCII), false).toBytes()))
                .isEqualTo("000002" + "00" + "00" + "00000003" + "6869");
    }

    @Test
    @DisplayName("DATA with PADDED: the Pad Length octet and the padding are not data, but count in payloadLength (flow control)")
    void dataPadded() throws Http2Exception {
        // length 9: Pad Length 3, "hello", 3 zero octets
        DataFrame d = (DataFrame) decode("000009 00 08 00000001 03 68656c6c6f 000000");
        assertThat(new String(d.data(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(d.padLength()).isEqualTo(3);
        assertThat(d.endStream()).isFalse();
        assertThat(d.payloadLength()).as("RFC 9113 §6.1: the entire payload is flow-controlled").isEqualTo(9);
        DataFrame back = roundTrip(new DataFrame(5, new byte[] {1, 2}, true, 7));
        assertThat(back.data()).containsExactly(1, 2);
        assertThat(back.padLength()).isEqualTo(7);
        assertThat(back.endStream()).isTrue();
    }

    @Test
    @DisplayName("DATA: a Pad Length of payload length - 1 leaves empty data, which is fine")
    void dataAllPadding() throws Http2Exception {
        DataFrame d = (DataFrame) decode("000004 00 08 00000001 03 000000");
        assertThat(d.data()).isEmpty();
        assertThat(d.payloadLength()).isEqualTo(4);
    }

    @Test
    @DisplayName("RFC 9113 §6.1: \"If the length of the padding is the length of the frame payload or greater ... connection error ... PROTOCOL_ERROR\"")
    void dataPaddingTooLong() {
        assertConnectionError("000004 00 08 00000001 04 000000", ErrorCode.PROTOCOL_ERROR);
        assertConnectionError("000001 00 08 00000001 ff", ErrorCode.PROTOCOL_ERROR);
        assertConnectionError("000001 00 08 00000001 01", ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("RFC 9113 §4.2: a PADDED frame too small for its Pad Length is FRAME_SIZE_ERROR")
    void paddedWithoutRoom() {
        assertConnectionError("000000 00 08 00000001", ErrorCode.FRAME_SIZE_ERROR);
        assertConnectionError("000000 01 0c 00000001", ErrorCode.FRAME_SIZE_ERROR);
    }

    @Test
    @DisplayName("RFC 9113 §6.1: DATA on stream 0 is a connection error PROTOCOL_ERROR")
    void dataOnStreamZero() {
        assertConnectionError("000001 00 00 00000000 61", ErrorCode.PROTOCOL_ERROR);
    }

    // ---------------------------------------------------------------- HEADERS

    @Test
    @DisplayName("HEADERS: END_STREAM, END_HEADERS and the fragment")
    void headers() throws Http2Exception {
        HeadersFrame h = (HeadersFrame) decode("000003 01 05 00000001 828684");
        assertThat(h.streamId()).isEqualTo(1);
        assertThat(h.fragment()).containsExactly(0x82, 0x86, 0x84);
        assertThat(h.endStream()).isTrue();
        assertThat(h.endHeaders()).isTrue();
        assertThat(h.priority()).isNull();
    }

    @Test
    @DisplayName("HEADERS with PADDED and PRIORITY: Pad Length, then E + dependency, weight - 1, fragment, padding")
    void headersPaddedWithPriority() throws Http2Exception {
        // Pad Length 2 | E=1 dependency 3 | weight 16 (wire 15) | fragment 82 | padding 0000
        HeadersFrame h = (HeadersFrame) decode("000009 01 2c 00000005 02 80000003 0f 82 0000");
        assertThat(h.priority()).isEqualTo(new Priority(true, 3, 16));
        assertThat(h.fragment()).containsExactly(0x82);
        assertThat(h.padLength()).isEqualTo(2);
        assertThat(h.endHeaders()).isTrue();
        assertThat(h.endStream()).isFalse();
        assertThat(h.payloadLength()).isEqualTo(9);
        HeadersFrame back = roundTrip(new HeadersFrame(7, new byte[] {(byte) 0x82, (byte) 0x84}, true, false,
                new Priority(false, 1, 256), 4));
        assertThat(back.priority()).isEqualTo(new Priority(false, 1, 256));
        assertThat(back.fragment()).containsExactly(0x82, 0x84);
        assertThat(back.padLength()).isEqualTo(4);
        assertThat(back.endStream()).isTrue();
        assertThat(back.endHeaders()).isFalse();
    }

    @Test
    @DisplayName("RFC 9113 §6.2: padding that exceeds the room left for the field block fragment is PROTOCOL_ERROR; stream 0 too")
    void headersErrors() {
        // padded + priority: 1 + 5 fixed octets, 2 left, Pad Length 3
        assertConnectionError("000008 01 2c 00000001 03 00000000 0f 8200", ErrorCode.PROTOCOL_ERROR);
        assertConnectionError("000001 01 04 00000000 82", ErrorCode.PROTOCOL_ERROR);
        assertConnectionError("000004 01 24 00000001 00000000", ErrorCode.FRAME_SIZE_ERROR);
    }

    @Test
    @DisplayName("a HEADERS frame that depends on itself still decodes: the field block must reach HPACK (RFC 9113 §4.3)")
    void headersSelfDependencyDecodes() throws Http2Exception {
        HeadersFrame h = (HeadersFrame) decode("000006 01 24 00000003 00000003 0f 82");
        assertThat(h.priority().dependency()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- PRIORITY

    @Test
    @DisplayName("PRIORITY: E, dependency, weight")
    void priority() throws Http2Exception {
        PriorityFrame p = (PriorityFrame) decode("000005 02 00 00000003 80000001 00");
        assertThat(p.priority()).isEqualTo(new Priority(true, 1, 1));
        assertThat(roundTrip(new PriorityFrame(9, new Priority(false, 0, 200))).priority()).isEqualTo(new Priority(false, 0, 200));
    }

    @Test
    @DisplayName("RFC 9113 §6.3: PRIORITY on stream 0 is a connection error; a length other than 5 a STREAM error FRAME_SIZE_ERROR; §5.3.1 self-dependency a stream error PROTOCOL_ERROR")
    void priorityErrors() {
        assertConnectionError("000005 02 00 00000000 00000001 00", ErrorCode.PROTOCOL_ERROR);
        assertStreamError("000004 02 00 00000003 00000001", 3, ErrorCode.FRAME_SIZE_ERROR);
        assertStreamError("000006 02 00 00000003 00000001 0000", 3, ErrorCode.FRAME_SIZE_ERROR);
        assertStreamError("000005 02 00 00000003 00000003 10", 3, ErrorCode.PROTOCOL_ERROR);
    }

    // ---------------------------------------------------------------- RST_STREAM

    @Test
    @DisplayName("RST_STREAM: the error code; unknown codes are kept and read as INTERNAL_ERROR (RFC 9113 §7)")
    void rstStream() throws Http2Exception {
        RstStreamFrame r = (RstStreamFrame) decode("000004 03 00 00000001 00000008");
        assertThat(r.code()).isEqualTo(ErrorCode.CANCEL);
        RstStreamFrame unknown = (RstStreamFrame) decode("000004 03 00 00000001 ffffffff");
        assertThat(unknown.errorCode()).isEqualTo(0xffff_ffff);
        assertThat(unknown.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(HEX.formatHex(new RstStreamFrame(5, ErrorCode.REFUSED_STREAM).toBytes())).isEqualTo("000004030000000005" + "00000007");
    }

    @Test
    @DisplayName("RFC 9113 §6.4: RST_STREAM on stream 0 is PROTOCOL_ERROR, a length other than 4 a connection error FRAME_SIZE_ERROR")
    void rstStreamErrors() {
        assertConnectionError("000004 03 00 00000000 00000008", ErrorCode.PROTOCOL_ERROR);
        assertConnectionError("000003 03 00 00000001 000008", ErrorCode.FRAME_SIZE_ERROR);
        assertConnectionError("000005 03 00 00000001 0000000800", ErrorCode.FRAME_SIZE_ERROR);
    }

    // ---------------------------------------------------------------- SETTINGS

    @Test
    @DisplayName("SETTINGS: parameters in order, unknown identifiers kept; ACK; encode")
    void settings() throws Http2Exception {
        SettingsFrame s = (SettingsFrame) decode("000012 04 00 00000000 0003 00000064 0004 0000ffff 00ff 12345678");
        assertThat(s.ack()).isFalse();
        assertThat(s.settings()).containsExactly(new Setting(Setting.MAX_CONCURRENT_STREAMS, 100),
                new Setting(Setting.INITIAL_WINDOW_SIZE, 65_535), new Setting(0xff, 0x1234_5678));
        assertThat(((SettingsFrame) decode("000000 04 01 00000000")).ack()).isTrue();
        assertThat(HEX.formatHex(SettingsFrame.of(new Setting(Setting.MAX_FRAME_SIZE, 16_777_215)).toBytes()))
                .isEqualTo("000006" + "04" + "00" + "00000000" + "0005" + "00ffffff");
        assertThat(HEX.formatHex(SettingsFrame.ACK.toBytes())).isEqualTo("000000040100000000");
        SettingsFrame big = (SettingsFrame) decode("000006 04 00 00000000 0006 ffffffff");
        assertThat(big.settings().get(0).value()).as("values are 32 bits unsigned").isEqualTo(0xffff_ffffL);
    }

    @Test
    @DisplayName("RFC 9113 §6.5: SETTINGS off stream 0 is PROTOCOL_ERROR; an ACK with payload or a length not a multiple of 6 is FRAME_SIZE_ERROR")
    void settingsFrameErrors() {
        assertConnectionError("000006 04 00 00000001 0003 00000064", ErrorCode.PROTOCOL_ERROR);
        assertConnectionError("000006 04 01 00000000 0003 00000064", ErrorCode.FRAME_SIZE_ERROR);
        assertConnectionError("000005 04 00 00000000 0003 000000", ErrorCode.FRAME_SIZE_ERROR);
        assertConnectionError("000007 04 00 00000000 0003 00000064 00", ErrorCode.FRAME_SIZE_ERROR);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("RFC 9113 §6.5.2 (and RFC 8441 §3): values outside their range are connection errors")
    @CsvSource({
            "ENABLE_PUSH 2,                        0002 00000002, PROTOCOL_ERROR",
            "INITIAL_WINDOW_SIZE 2^31,             0004 80000000, FLOW_CONTROL_ERROR",
            "INITIAL_WINDOW_SIZE 2^32-1,           0004 ffffffff, FLOW_CONTROL_ERROR",
            "MAX_FRAME_SIZE 2^14-1,                0005 00003fff, PROTOCOL_ERROR",
            "MAX_FRAME_SIZE 2^24,                  0005 01000000, PROTOCOL_ERROR",
            "ENABLE_CONNECT_PROTOCOL 2,            0008 00000002, PROTOCOL_ERROR",
    })
    void settingsValueErrors(String name, String setting, ErrorCode code) {
        assertConnectionError("000006 04 00 00000000 " + setting, code);
    }

    @Test
    @DisplayName("the boundary values are accepted: ENABLE_PUSH 0 and 1, INITIAL_WINDOW_SIZE 2^31-1, MAX_FRAME_SIZE 2^14 and 2^24-1")
    void settingsBoundaries() throws Http2Exception {
        SettingsFrame s = (SettingsFrame) decode("00001e 04 00 00000000 0002 00000000 0002 00000001 0004 7fffffff 0005 00004000 0005 00ffffff");
        assertThat(s.settings()).hasSize(5);
        assertThat(Settings.INITIAL.apply(s.settings()).initialWindowSize()).isEqualTo(Integer.MAX_VALUE);
    }

    // ---------------------------------------------------------------- PUSH_PROMISE, PING, GOAWAY

    @Test
    @DisplayName("PUSH_PROMISE: promised stream id (reserved bit masked), fragment, padding")
    void pushPromise() throws Http2Exception {
        PushPromiseFrame p = (PushPromiseFrame) decode("000008 05 0c 00000001 02 80000002 82 0000");
        assertThat(p.promisedStreamId()).isEqualTo(2);
        assertThat(p.fragment()).containsExactly(0x82);
        assertThat(p.endHeaders()).isTrue();
        PushPromiseFrame back = roundTrip(new PushPromiseFrame(3, 4, new byte[] {1}, false, -1));
        assertThat(back.promisedStreamId()).isEqualTo(4);
        assertThat(back.endHeaders()).isFalse();
        assertConnectionError("000004 05 04 00000000 00000002", ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("PING: 8 opaque octets and ACK; undefined flags are ignored (RFC 9113 §4.1)")
    void ping() throws Http2Exception {
        PingFrame p = (PingFrame) decode("000008 06 fe 00000000 0102030405060708");
        assertThat(p.ack()).as("0xfe has no ACK bit").isFalse();
        assertThat(p.opaqueData()).isEqualTo(0x0102_0304_0506_0708L);
        assertThat(HEX.formatHex(p.acknowledge().toBytes())).isEqualTo("000008" + "06" + "01" + "00000000" + "0102030405060708");
    }

    @Test
    @DisplayName("RFC 9113 §6.7: PING off stream 0 is PROTOCOL_ERROR, a length other than 8 FRAME_SIZE_ERROR")
    void pingErrors() {
        assertConnectionError("000008 06 00 00000001 0000000000000000", ErrorCode.PROTOCOL_ERROR);
        assertConnectionError("000007 06 00 00000000 00000000000000", ErrorCode.FRAME_SIZE_ERROR);
        assertConnectionError("000009 06 00 00000000 000000000000000000", ErrorCode.FRAME_SIZE_ERROR);
    }

    @Test
    @DisplayName("GOAWAY: last stream id (reserved bit masked), error code, debug data; off stream 0 PROTOCOL_ERROR")
    void goAway() throws Http2Exception {
        GoAwayFrame g = (GoAwayFrame) decode("00000a 07 00 00000000 80000005 0000000b 6869");
        assertThat(g.lastStreamId()).isEqualTo(5);
        assertThat(g.code()).isEqualTo(ErrorCode.ENHANCE_YOUR_CALM);
        assertThat(new String(g.debugData(), StandardCharsets.US_ASCII)).isEqualTo("hi");
        GoAwayFrame back = roundTrip(new GoAwayFrame(Integer.MAX_VALUE, ErrorCode.NO_ERROR, "bye"));
        assertThat(back.lastStreamId()).isEqualTo(Integer.MAX_VALUE);
        assertThat(back.code()).isEqualTo(ErrorCode.NO_ERROR);
        assertConnectionError("000008 07 00 00000001 00000000 00000000", ErrorCode.PROTOCOL_ERROR);
        assertConnectionError("000007 07 00 00000000 00000000 000000", ErrorCode.FRAME_SIZE_ERROR);
        GoAwayFrame bare = (GoAwayFrame) decode("000008 07 00 00000000 00000003 00000000");
        assertThat(bare.lastStreamId()).as("8 octets, no debug data: the smallest GOAWAY").isEqualTo(3);
        assertThat(bare.debugData()).isEmpty();
    }

    // ---------------------------------------------------------------- WINDOW_UPDATE, CONTINUATION

    @Test
    @DisplayName("WINDOW_UPDATE: a 31-bit increment, the reserved bit ignored")
    void windowUpdate() throws Http2Exception {
        WindowUpdateFrame w = (WindowUpdateFrame) decode("000004 08 00 00000001 80000010");
        assertThat(w.increment()).isEqualTo(16);
        assertThat(roundTrip(new WindowUpdateFrame(0, Integer.MAX_VALUE)).increment()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    @DisplayName("RFC 9113 §6.9: an increment of 0 is a stream error on a stream, a connection error on stream 0; a length other than 4 FRAME_SIZE_ERROR")
    void windowUpdateErrors() {
        assertStreamError("000004 08 00 00000003 00000000", 3, ErrorCode.PROTOCOL_ERROR);
        assertStreamError("000004 08 00 00000003 80000000", 3, ErrorCode.PROTOCOL_ERROR);
        assertConnectionError("000004 08 00 00000000 00000000", ErrorCode.PROTOCOL_ERROR);
        assertConnectionError("000003 08 00 00000000 000001", ErrorCode.FRAME_SIZE_ERROR);
        assertConnectionError("000005 08 00 00000001 0000000100", ErrorCode.FRAME_SIZE_ERROR);
    }

    @Test
    @DisplayName("CONTINUATION: END_HEADERS and the fragment; on stream 0 PROTOCOL_ERROR")
    void continuation() throws Http2Exception {
        ContinuationFrame c = (ContinuationFrame) decode("000002 09 04 00000001 8486");
        assertThat(c.fragment()).containsExactly(0x84, 0x86);
        assertThat(c.endHeaders()).isTrue();
        assertThat(c.payloadLength()).isEqualTo(2);
        assertThat(roundTrip(new ContinuationFrame(3, new byte[0], false)).endHeaders()).isFalse();
        assertConnectionError("000001 09 04 00000000 82", ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    @DisplayName("RFC 9113 §6.1: \"Padding octets MUST be set to zero when sending\": encode writes them after the data,"
            + " and the next frame starts after them")
    void encodePadding() {
        ByteBuffer out = ByteBuffer.allocate(64);
        while (out.hasRemaining()) {
            out.put((byte) 0xff); // a buffer that held something before
        }
        out.clear();
        new DataFrame(1, new byte[] {'h', 'i'}, true, 2).encode(out);
        new HeadersFrame(3, new byte[] {(byte) 0x82}, false, true, null, 1).encode(out);
        new PushPromiseFrame(3, 2, new byte[] {(byte) 0x82}, true, 3).encode(out);
        assertThat(HEX.formatHex(out.array(), 0, out.position())).isEqualTo((
                "000005 00 09 00000001 02 6869 0000" // END_STREAM | PADDED, Pad Length 2
                + "000003 01 0c 00000003 01 82 00" // END_HEADERS | PADDED, Pad Length 1
                + "000009 05 0c 00000003 03 00000002 82 000000").replace(" ", "")); // END_HEADERS | PADDED
    }

    // ---------------------------------------------------------------- the decoder

    @Test
    @DisplayName("RFC 9113 §4.1: \"Implementations MUST ignore and discard frames of unknown types\": they decode as UnknownFrame")
    void unknownType() throws Http2Exception {
        Frame f = decode("000003 fa 07 00000009 616263");
        assertThat(f).isInstanceOf(UnknownFrame.class);
        UnknownFrame u = (UnknownFrame) f;
        assertThat(u.typeCode()).isEqualTo(0xfa);
        assertThat(u.streamId()).isEqualTo(9);
        assertThat(u.payload()).containsExactly('a', 'b', 'c');
    }

    @Test
    @DisplayName("RFC 9113 §4.2: a frame over SETTINGS_MAX_FRAME_SIZE is FRAME_SIZE_ERROR as soon as its header is seen")
    void tooLong() {
        FrameDecoder decoder = new FrameDecoder();
        // only the header: 16,385 octets announced; the payload is never needed to refuse it
        ByteBuffer header = ByteBuffer.wrap(HEX.parseHex("004001" + "00" + "00" + "00000001"));
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> decoder.decode(header));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.FRAME_SIZE_ERROR);
        assertThat(e.isConnectionError()).isTrue();
    }

    @Test
    @DisplayName("2^14 octets are always accepted; a larger SETTINGS_MAX_FRAME_SIZE raises the limit")
    void maxFrameSize() throws Http2Exception {
        FrameDecoder decoder = new FrameDecoder();
        ByteBuffer exact = ByteBuffer.allocate(9 + 16_384);
        new FrameHeader(16_384, 0, 0, 1).write(exact);
        assertThat(decoder.decode(exact.position(0))).isInstanceOf(DataFrame.class);
        ByteBuffer larger = ByteBuffer.allocate(9 + 20_000);
        new FrameHeader(20_000, 0, 0, 1).write(larger);
        decoder.maxFrameSize(20_000);
        assertThat(((DataFrame) decoder.decode(larger.position(0))).data()).hasSize(20_000);
        // RFC 9113 §6.5.2: "between this initial value and the maximum allowed frame size
        // (2^24-1 or 16,777,215 octets), inclusive"
        decoder.maxFrameSize(16_384);
        assertThat(decoder.maxFrameSize()).isEqualTo(16_384);
        decoder.maxFrameSize(16_777_215);
        assertThat(decoder.maxFrameSize()).isEqualTo(16_777_215);
    }

    @Test
    @DisplayName("decode(ByteBuffer) returns null until a whole frame is there and leaves the position alone; then the frames come one by one")
    void incremental() throws Http2Exception {
        byte[] two = HEX.parseHex("000005000100000001" + "68656c6c6f" + "000008060000000000" + "0000000000000001");
        for (int cut = 0; cut <= two.length; cut++) {
            FrameDecoder decoder = new FrameDecoder();
            ByteBuffer in = ByteBuffer.wrap(two, 0, cut);
            List<Frame> frames = new java.util.ArrayList<>();
            Frame f;
            while ((f = decoder.decode(in)) != null) {
                frames.add(f);
            }
            int consumed = frames.isEmpty() ? 0 : frames.size() == 1 ? 14 : 31;
            assertThat(in.position()).as("cut at %d", cut).isEqualTo(consumed);
            ByteBuffer rest = ByteBuffer.wrap(two, in.position(), two.length - in.position());
            while ((f = decoder.decode(rest)) != null) {
                frames.add(f);
            }
            assertThat(frames).hasSize(2);
            assertThat(frames.get(0)).isInstanceOf(DataFrame.class);
            assertThat(((PingFrame) frames.get(1)).opaqueData()).isEqualTo(1);
        }
    }
}
