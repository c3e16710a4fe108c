package dev.netlab.http2.hpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.Checkpoint;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Huffman coding (RFC 7541 §5.2, Appendix B). Mistakes it catches: codes written least
 * significant bit first; the last octet padded with zeros instead of EOS's leading ones;
 * {@code encodedLength} rounding down; octets above 0x7f sign-extended (a negative index into
 * the code table); the decoder accepting EOS inside the string, padding of 8 bits or more, or
 * padding with a zero bit; the decoder reading more than {@code length} octets; the string
 * literal choosing Huffman when it is not shorter. Mutant run on the reference (2026-12-05): the
 * decoder's padding check removed fails {@code paddingTooLong} and {@code paddingWithZero}.
 */
@Checkpoint(id = "5.04", title = "HPACK: Huffman decode and encode, EOS and padding rules",
        edit = "dev/netlab/http2/hpack/Huffman.java",
        hint = "encode: append each code MSB first, pad the last octet with 1s; decode: walk the code tree bit by bit (or a nibble table); at the end at most 7 bits, all 1s",
        readme = "#hpack")
class HuffmanTest {
    private static String decode(String hex) throws Http2Exception {
        ByteBuffer in = Hex.buffer(hex);
        String s = Huffman.decode(in, in.remaining());
        assertThat(in.hasRemaining()).isFalse();
        return s;
    }

    private static String encode(String s) {
        OctetBuffer out = new OctetBuffer();
        Huffman.encode(out, s);
        assertThat(out.size()).as("encodedLength(%s)", s).isEqualTo(Huffman.encodedLength(s));
        return Hex.of(out);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("the Huffman-coded strings of RFC 7541 Appendix C.4 and C.6")
    @CsvSource(delimiter = '|', value = {
            "www.example.com                                          | f1e3c2e5f23a6ba0ab90f4ff",
            "no-cache                                                 | a8eb10649cbf",
            "custom-key                                               | 25a849e95ba97d7f",
            "custom-value                                             | 25a849e95bb8e8b4bf",
            "302                                                      | 6402",
            "private                                                  | aec3771a4b",
            "Mon, 21 Oct 2013 20:13:21 GMT                            | d07abe941054d444a8200595040b8166e082a62d1bff",
            "https://www.example.com                                  | 9d29ad171863c78f0b97c8e9ae82ae43d3",
            "307                                                      | 640eff",
            "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1 | 94e7821dd7f2e6c7b335dfdfcd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007",
    })
    void rfcStrings(String text, String hex) throws Http2Exception {
        assertThat(encode(text)).isEqualTo(hex);
        assertThat(decode(hex)).isEqualTo(text);
    }

    @Test
    @DisplayName("every octet 0-255 alone and all 256 in one string survive encode then decode")
    void everyOctet() throws Http2Exception {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c < 256; c++) {
            String one = String.valueOf((char) c);
            assertThat(decode(encode(one))).as("octet %d", c).isEqualTo(one);
            all.append((char) c);
        }
        assertThat(decode(encode(all.toString()))).isEqualTo(all.toString());
    }

    @Test
    @DisplayName("random strings round-trip; the empty string is zero octets")
    void random() throws Http2Exception {
        Random random = new Random(7541);
        for (int i = 0; i < 500; i++) {
            char[] c = new char[random.nextInt(60)];
            for (int j = 0; j < c.length; j++) {
                c[j] = (char) (random.nextInt(4) == 0 ? random.nextInt(256) : 32 + random.nextInt(95));
            }
            String s = new String(c);
            assertThat(decode(encode(s))).isEqualTo(s);
        }
        assertThat(encode("")).isEmpty();
        assertThat(decode("")).isEmpty();
    }

    @Test
    @DisplayName("RFC 7541 §5.2: \"A Huffman-encoded string literal containing the EOS symbol MUST be treated as a decoding error\"")
    void eos() {
        // EOS is 30 ones: ff ff ff fc would be EOS followed by 00 padding... use EOS + ones padding
        assertDecodingError("ffffffff");
        // 'a' (00011) then EOS (30 ones) then 5 ones of padding: 00011111 11111111 11111111 11111111 11111111
        assertDecodingError("1fffffffff");
    }

    @Test
    @DisplayName("RFC 7541 §5.2: \"A padding strictly longer than 7 bits MUST be treated as a decoding error\"")
    void paddingTooLong() {
        // '0' is 00000 (5 bits): 00000111 then a whole octet of ones = 11 bits of padding
        assertDecodingError("07ff");
        assertDecodingError("ff");
    }

    @Test
    @DisplayName("RFC 7541 §5.2: padding \"not corresponding to the most significant bits of the code for the EOS symbol\" is a decoding error")
    void paddingWithZero() {
        // '0' then padding 110 (a zero bit in the padding)
        assertDecodingError("06");
        // '0' then padding 000
        assertDecodingError("00");
    }

    private static void assertDecodingError(String hex) {
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> decode(hex));
        assertThat(e).as("a decoding error for %s", hex).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
        assertThat(e.isConnectionError()).isTrue();
    }

    @Test
    @DisplayName("the decoder reads exactly length octets")
    void readsOnlyLength() throws Http2Exception {
        ByteBuffer in = Hex.buffer("6402 ffff");
        assertThat(Huffman.decode(in, 2)).isEqualTo("302");
        assertThat(in.remaining()).isEqualTo(2);
    }

    @Test
    @DisplayName("string literals: Huffman only when shorter (RFC 7541 §5.2); H=1 literals decode through Huffman")
    void stringLiteralChoosesHuffman() throws Http2Exception {
        OctetBuffer out = new OctetBuffer();
        StringLiteral.encode(out, "www.example.com");
        assertThat(Hex.of(out)).isEqualTo("8cf1e3c2e5f23a6ba0ab90f4ff");
        OctetBuffer raw = new OctetBuffer();
        StringLiteral.encode(raw, "\u00ff\u00fe{}");
        assertThat(Hex.of(raw)).as("rare octets have long codes: raw is shorter").isEqualTo("04fffe7b7d");
        assertThat(StringLiteral.decode(Hex.buffer("8cf1e3c2e5f23a6ba0ab90f4ff"))).isEqualTo("www.example.com");
    }
}
