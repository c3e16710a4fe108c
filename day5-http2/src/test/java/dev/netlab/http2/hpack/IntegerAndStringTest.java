package dev.netlab.http2.hpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.Checkpoint;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Prefixed integers (RFC 7541 §5.1) and raw string literals (§5.2). Mistakes it catches: a
 * value equal to 2^N − 1 kept in the prefix (it must switch to continuation octets); the
 * continuation groups added most significant first; the representation's pattern bits lost or
 * counted in the value; the prefix mask off by one; no limit on the value (an int overflow) or
 * on the number of continuation octets; a truncated integer or string read past the end; the
 * H bit counted in the length. Mutant run on the reference (2026-12-05): 2^N − 1 kept in the prefix
 * when decoding fails 6 of the 10 tests (C.1.2, the boundary, the round trip, the limits).
 * Killed since the PIT run of 2026-12-06: a sixth continuation octet accepted when it adds
 * nothing ({@code tooLarge}); a string literal read from the backing array without its offset,
 * or from {@code array()} of a direct buffer ({@code slicesAndDirectBuffers}).
 */
@Checkpoint(id = "5.03", title = "HPACK: prefixed integers and string literals",
        edit = {"dev/netlab/http2/hpack/HpackInteger.java", "dev/netlab/http2/hpack/StringLiteral.java"},
        hint = "a value below 2^N-1 fits the prefix; otherwise all ones, then (value - (2^N-1)) 7 bits at a time, low group first, high bit = more; strings are H + 7-bit length + octets",
        readme = "#hpack")
class IntegerAndStringTest {
    private static int decode(String hex, int prefix) throws Http2Exception {
        ByteBuffer in = Hex.buffer(hex);
        int value = HpackInteger.decode(in.get() & 0xff, prefix, in);
        assertThat(in.hasRemaining()).as("every octet of %s read", hex).isFalse();
        return value;
    }

    private static String encode(int pattern, int prefix, int value) {
        OctetBuffer out = new OctetBuffer();
        HpackInteger.encode(out, pattern, prefix, value);
        return Hex.of(out);
    }

    @Test
    @DisplayName("RFC 7541 C.1.1: 10 with a 5-bit prefix is one octet, 0x0a")
    void rfc7541_C_1_1() throws Http2Exception {
        assertThat(encode(0, 5, 10)).isEqualTo("0a");
        assertThat(decode("0a", 5)).isEqualTo(10);
        assertThat(decode("ea", 5)).as("the three high bits are not part of the value").isEqualTo(10);
    }

    @Test
    @DisplayName("RFC 7541 C.1.2: 1337 with a 5-bit prefix is 1f 9a 0a")
    void rfc7541_C_1_2() throws Http2Exception {
        assertThat(encode(0, 5, 1337)).isEqualTo("1f9a0a");
        assertThat(decode("1f9a0a", 5)).isEqualTo(1337);
        assertThat(encode(0b1110_0000, 5, 1337)).as("pattern bits kept above the prefix").isEqualTo("ff9a0a");
    }

    @Test
    @DisplayName("RFC 7541 C.1.3: 42 at an octet boundary (8-bit prefix) is 0x2a")
    void rfc7541_C_1_3() throws Http2Exception {
        assertThat(encode(0, 8, 42)).isEqualTo("2a");
        assertThat(decode("2a", 8)).isEqualTo(42);
    }

    @Test
    @DisplayName("2^N-1 does not fit the prefix: all ones, then a continuation octet of 0")
    void prefixBoundary() throws Http2Exception {
        assertThat(encode(0, 5, 30)).isEqualTo("1e");
        assertThat(encode(0, 5, 31)).isEqualTo("1f00");
        assertThat(encode(0, 5, 32)).isEqualTo("1f01");
        assertThat(encode(0x80, 7, 127)).isEqualTo("ff00");
        assertThat(encode(0, 5, 31 + 127)).isEqualTo("1f7f");
        assertThat(encode(0, 5, 31 + 128)).isEqualTo("1f8001");
        assertThat(decode("1f00", 5)).isEqualTo(31);
        assertThat(decode("1f8001", 5)).isEqualTo(159);
    }

    @Test
    @DisplayName("every value round-trips with every prefix; 2^31-1 is the largest")
    void roundTrip() throws Http2Exception {
        int[] values = {0, 1, 14, 15, 16, 62, 63, 64, 126, 127, 128, 254, 255, 256, 1337, 16_383, 16_384,
                65_535, 1 << 21, (1 << 28) - 1, 1 << 28, Integer.MAX_VALUE};
        for (int prefix = 1; prefix <= 8; prefix++) {
            for (int v : values) {
                assertThat(decode(encode(0, prefix, v), prefix)).as("%d with a %d-bit prefix", v, prefix).isEqualTo(v);
            }
        }
        assertThat(encode(0, 7, Integer.MAX_VALUE)).isEqualTo("7f80ffffff07");
    }

    @Test
    @DisplayName("RFC 7541 §5.1: integers past the implementation's limit are decoding errors (COMPRESSION_ERROR)")
    void tooLarge() throws Http2Exception {
        // 2^31 with a 7-bit prefix: 127 + 2147483521
        assertThat(error("7f81ffffff07", 7).code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
        assertThat(error("7fffffffffff0f", 7).code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
        // continuation octets that add nothing, forever: 1f 80 80 80 80 80 80 80 80 00
        assertThat(error("1f80808080808080808000", 5).code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
        // at most 5 continuation octets (35 bits): the fifth may end the integer, a sixth is too many
        assertThat(decode("1f8080808000", 5)).isEqualTo(31);
        assertThat(error("1f808080808000", 5).code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
    }

    @Test
    @DisplayName("an integer that ends in the middle of its continuation octets is a decoding error")
    void truncated() {
        Http2Exception e = error("1f9a", 5);
        assertThat(e.code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
        assertThat(e.isConnectionError()).isTrue();
    }

    private static Http2Exception error(String hex, int prefix) {
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> decode(hex, prefix));
        assertThat(e).as("a decoding error for %s", hex).isNotNull();
        return e;
    }

    @Test
    @DisplayName("RFC 7541 §5.2: a raw string literal is H=0, a 7-bit-prefix length, the octets")
    void rawString() throws Http2Exception {
        ByteBuffer in = Hex.buffer("0a 637573746f6d2d6b6579 ff");
        assertThat(StringLiteral.decode(in)).isEqualTo("custom-key");
        assertThat(in.remaining()).as("only the string's octets are read").isEqualTo(1);
        OctetBuffer out = new OctetBuffer();
        StringLiteral.encodeRaw(out, "custom-key");
        assertThat(Hex.of(out)).isEqualTo("0a637573746f6d2d6b6579");
        assertThat(StringLiteral.decode(Hex.buffer("00"))).isEmpty();
    }

    @Test
    @DisplayName("a string of 127 octets or more has a multi-octet length; octets above 0x7f survive")
    void longAndHighOctets() throws Http2Exception {
        String s = "x".repeat(200) + "\u00ff\u0080";
        OctetBuffer out = new OctetBuffer();
        StringLiteral.encodeRaw(out, s);
        assertThat(Hex.of(out)).startsWith("7f4b"); // 202 = 127 + 75
        assertThat(StringLiteral.decode(ByteBuffer.wrap(out.toByteArray()))).isEqualTo(s);
    }

    @Test
    @DisplayName("a string literal inside a larger buffer (a slice) or in a direct buffer: its own octets, and only those")
    void slicesAndDirectBuffers() throws Http2Exception {
        byte[] wire = Hex.bytes("ee 0a 637573746f6d2d6b6579 ff");
        ByteBuffer slice = ByteBuffer.wrap(wire, 1, wire.length - 1).slice(); // arrayOffset 1
        assertThat(StringLiteral.decode(slice)).isEqualTo("custom-key");
        assertThat(slice.remaining()).isEqualTo(1);
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length).put(wire).flip().position(1);
        assertThat(StringLiteral.decode(direct)).isEqualTo("custom-key");
        assertThat(direct.remaining()).isEqualTo(1);
    }

    @Test
    @DisplayName("a length that runs past the end of the block is a decoding error, found before copying")
    void stringTooLong() {
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> StringLiteral.decode(Hex.buffer("05 616263")));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
        Http2Exception huge = catchThrowableOfType(Http2Exception.class, () -> StringLiteral.decode(Hex.buffer("7f e1ffffff07 61")));
        assertThat(huge).as("a 2 GB length in five octets").isNotNull();
        assertThat(huge.code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
    }
}
