package dev.netlab.http2.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The 9-octet frame header (RFC 9113 §4.1). Mistakes it catches: the 24-bit length read as
 * 16 bits or little-endian; type and flags swapped; the reserved bit kept in the stream id
 * (a negative or huge id) or written back as 1; a sign-extended octet (0xff read as −1); the
 * position not moved past the header. Mutant run on the reference (2026-12-05): the reserved bit kept
 * in the stream id fails {@code reservedBitIgnored}.
 */
@Checkpoint(id = "5.01", title = "The frame header: length, type, flags, stream id",
        edit = "dev/netlab/http2/frame/FrameHeader.java",
        hint = "Length is 24 bits big-endian, then Type, Flags, then R + 31-bit Stream Identifier: mask the R bit off when reading, write it as 0",
        readme = "#frames")
class FrameHeaderTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("RFC 9113 §4.1: Length (24), Type (8), Flags (8), R (1), Stream Identifier (31), big-endian")
    void readsTheFields() {
        ByteBuffer in = ByteBuffer.wrap(HEX.parseHex("0a0b0c" + "01" + "25" + "00000003" + "ff"));
        FrameHeader h = FrameHeader.read(in);
        assertThat(h.length()).isEqualTo(0x0a0b0c);
        assertThat(h.type()).isEqualTo(0x01);
        assertThat(h.frameType()).isEqualTo(FrameType.HEADERS);
        assertThat(h.flags()).isEqualTo(0x25);
        assertThat(h.has(Flags.END_STREAM)).isTrue();
        assertThat(h.has(Flags.END_HEADERS)).isTrue();
        assertThat(h.has(Flags.PADDED)).isFalse();
        assertThat(h.has(Flags.PRIORITY)).isTrue();
        assertThat(h.streamId()).isEqualTo(3);
        assertThat(in.position()).as("the position moves past the 9 header octets only").isEqualTo(9);
    }

    @Test
    @DisplayName("the largest values: a length of 2^24-1, type and flags 0xff, stream 2^31-1")
    void largestValues() {
        FrameHeader h = FrameHeader.read(ByteBuffer.wrap(HEX.parseHex("ffffff" + "ff" + "ff" + "7fffffff")));
        assertThat(h.length()).isEqualTo(16_777_215);
        assertThat(h.type()).isEqualTo(0xff);
        assertThat(h.frameType()).as("0xff is no type of RFC 9113").isNull();
        assertThat(h.flags()).isEqualTo(0xff);
        assertThat(h.streamId()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    @DisplayName("RFC 9113 §4.1: the reserved bit \"MUST be ignored when receiving\"")
    void reservedBitIgnored() {
        FrameHeader h = FrameHeader.read(ByteBuffer.wrap(HEX.parseHex("000000" + "00" + "00" + "80000001")));
        assertThat(h.streamId()).isEqualTo(1);
        FrameHeader zero = FrameHeader.read(ByteBuffer.wrap(HEX.parseHex("000000" + "06" + "00" + "80000000")));
        assertThat(zero.streamId()).as("R set on stream 0 is still stream 0").isZero();
    }

    @Test
    @DisplayName("write produces the same 9 octets, reserved bit 0 (\"MUST remain unset (0x00) when sending\")")
    void writes() {
        ByteBuffer out = ByteBuffer.allocate(10);
        new FrameHeader(0x123456, 0x0, 0x09, 0x7fff_fffe).write(out);
        assertThat(out.position()).isEqualTo(9);
        assertThat(HEX.formatHex(out.array(), 0, 9)).isEqualTo("123456" + "00" + "09" + "7ffffffe");
        ByteBuffer again = ByteBuffer.allocate(9);
        new FrameHeader(16_384, 0x4, 0x1, 0).write(again);
        assertThat(HEX.formatHex(again.array())).isEqualTo("004000" + "04" + "01" + "00000000");
    }

    @Test
    @DisplayName("every length, type, flags and stream id survives write then read")
    void roundTrip() {
        int[] lengths = {0, 1, 255, 256, 16_383, 16_384, 65_535, 65_536, 1 << 23, (1 << 24) - 1};
        int[] ids = {0, 1, 2, 255, 256, 65_536, 1 << 30, Integer.MAX_VALUE};
        for (int length : lengths) {
            for (int id : ids) {
                for (int type = 0; type < 256; type += 51) {
                    FrameHeader h = new FrameHeader(length, type, 255 - type, id);
                    ByteBuffer b = ByteBuffer.allocate(9);
                    h.write(b);
                    assertThat(FrameHeader.read(b.flip())).isEqualTo(h);
                }
            }
        }
    }

    @Test
    @DisplayName("fewer than 9 octets is not a header")
    void tooShort() {
        assertThatThrownBy(() -> FrameHeader.read(ByteBuffer.allocate(8))).isInstanceOf(IllegalArgumentException.class);
    }
}
