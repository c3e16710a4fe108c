package dev.netlab.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkpoint 7.21. Mistakes it catches: the length taken from the wrong bits (low instead of
 * the two high ones), the prefix bits left in the value, little-endian assembly, a boundary
 * value (63, 16383, 2^30-1) written one size too long or too short, a value of 2^62 accepted,
 * a truncated integer read as if padded (or the position moved before the error), a
 * non-minimal encoding refused on reading (RFC 9000 allows it).
 */
@Checkpoint(id = "7.21", title = "QUIC variable-length integers",
        edit = "dev/netlab/quic/VarInt.java",
        hint = "the two high bits of the first octet give the length (1, 2, 4, 8); mask them off, then big-endian",
        readme = "ADVANCED.md#variable-length-integers")
class VarIntTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("RFC 9000 Appendix A.1's examples decode, non-minimal 0x4025 included")
    @CsvSource({
            "c2197c5eff14e88c, 151288809941952652",
            "9d7f3e7d, 494878333",
            "7bbd, 15293",
            "25, 37",
            "4025, 37",
    })
    void rfc9000_A_1(String hex, long value) throws QuicException {
        ByteBuffer in = ByteBuffer.wrap(HEX.parseHex(hex + "ff"));
        assertThat(VarInt.read(in)).isEqualTo(value);
        assertThat(in.position()).as("the position moves past the integer only").isEqualTo(hex.length() / 2);
        assertThat(VarInt.lengthOf(HEX.parseHex(hex)[0])).isEqualTo(hex.length() / 2);
    }

    @ParameterizedTest(name = "{0} in {1} octets: {2}")
    @DisplayName("values are written in their shortest encoding, with the length in the two high bits")
    @CsvSource({
            "0, 1, 00",
            "63, 1, 3f",
            "64, 2, 4040",
            "16383, 2, 7fff",
            "16384, 4, 80004000",
            "1073741823, 4, bfffffff",
            "1073741824, 8, c000000040000000",
            "4611686018427387903, 8, ffffffffffffffff",
    })
    void boundaries(long value, int length, String hex) throws QuicException {
        assertThat(VarInt.length(value)).isEqualTo(length);
        ByteBuffer out = ByteBuffer.allocate(8);
        VarInt.write(out, value);
        assertThat(HEX.formatHex(out.array(), 0, out.position())).isEqualTo(hex);
        assertThat(VarInt.read(out.flip())).isEqualTo(value);
    }

    @Test
    @DisplayName("2^62 and negative values have no encoding")
    void outOfRange() {
        assertThatThrownBy(() -> VarInt.write(ByteBuffer.allocate(8), VarInt.MAX + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VarInt.write(ByteBuffer.allocate(8), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VarInt.length(VarInt.MAX + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(VarInt.MAX).isEqualTo(4611686018427387903L);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @DisplayName("a truncated integer is FRAME_ENCODING_ERROR, and the position stays put")
    @CsvSource({"''", "40", "80ffff", "c0ffffffffffff"})
    void truncated(String hex) {
        ByteBuffer in = ByteBuffer.wrap(HEX.parseHex(hex));
        assertThatThrownBy(() -> VarInt.read(in)).isInstanceOfSatisfying(QuicException.class,
                e -> assertThat(e.code()).isEqualTo(QuicError.FRAME_ENCODING_ERROR));
        assertThat(in.position()).isZero();
    }

    @Test
    @DisplayName("every value around each boundary survives a round trip")
    void roundTrips() throws QuicException {
        for (long base : new long[] {0, 63, 16383, 1073741823L, VarInt.MAX}) {
            for (long v = Math.max(0, base - 2); v <= Math.min(VarInt.MAX, base + 2); v++) {
                ByteBuffer b = ByteBuffer.allocate(8);
                VarInt.write(b, v);
                b.flip();
                assertThat(b.remaining()).isEqualTo(VarInt.length(v));
                assertThat(VarInt.read(b)).isEqualTo(v);
            }
        }
    }
}
