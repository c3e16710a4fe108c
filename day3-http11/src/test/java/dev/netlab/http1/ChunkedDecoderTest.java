package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoint 3.04: the chunked transfer coding (RFC 9112 §7.1), fed whole and in every split.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 9 mutants, 9 killed, 2 of them only after new rows): chunk sizes read as decimal; a
 * bare LF accepted after the size; no body limit on chunk sizes (a size of 29 f's overflows and
 * its data is awaited), or the limit per chunk instead of for the whole body; no
 * limit on the chunk-size line (an endless extension); the trailer section not read (the body
 * ends at {@code 0 CRLF}); a data slice taken from the buffer's start instead of its position.
 * Two passed every test until the rows of {@code multiDigitSizes} and the malformed
 * {@code abcX LF} were added: upper-case hex refused after a size's first digit (every size
 * tested was one digit, or lower case), and the CR after chunk-data not checked (the only row
 * had {@code X CR}, whose CR then failed the LF check by luck).
 */
@Checkpoint(id = "3.04", title = "The chunked decoder: sizes, extensions, trailers, limits",
        edit = "dev/netlab/http1/ChunkedDecoder.java",
        hint = "hex size [; ext] CRLF, data, CRLF ... 0 CRLF, then a trailer section read like headers; check sizes against the limit digit by digit",
        readme = "#chunked-transfer-coding")
class ChunkedDecoderTest {
    /** RFC 9112 §7.1's shape, with an extension and a trailer. */
    static final String WIKI = "4\r\nWiki\r\n7;ext=\"q\"\r\npedia i\r\nB\r\nn \r\nchunks.\r\n0\r\nExpires: never\r\n\r\n";

    private record Decoded(String body, HeaderFields trailers, int leftover) {}

    private static Decoded decode(byte[] input, Limits limits, int... cuts) throws HttpException {
        ChunkedDecoder d = new ChunkedDecoder(limits);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int from = 0;
        int[] ends = java.util.Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = input.length;
        for (int end : ends) {
            ByteBuffer in = ByteBuffer.wrap(input, from, end - from);
            for (int guard = 0; guard < 100_000; guard++) {
                ParseEvent e = d.next(in);
                if (e instanceof ParseEvent.Data data) {
                    byte[] b = new byte[data.content().remaining()];
                    data.content().get(b);
                    body.write(b, 0, b.length);
                } else if (e instanceof ParseEvent.Complete c) {
                    return new Decoded(body.toString(StandardCharsets.ISO_8859_1), c.trailers(), in.remaining());
                } else {
                    assertThat(in.remaining()).as("NeedMore only when the input is used up").isZero();
                    break;
                }
            }
            from = end;
        }
        throw new AssertionError("the chunked body never completed; decoded so far: " + body);
    }

    private static HttpException error(String input, Limits limits) {
        try {
            Decoded d = decode(Wire.bytes(input), limits);
            throw new AssertionError("expected an HttpException, decoded " + d);
        } catch (HttpException e) {
            assertThat(e.closeConnection()).isTrue();
            return e;
        }
    }

    @Test
    @DisplayName("chunks with hex sizes (any case) and an extension decode to the content; the trailer is kept")
    void wikipedia() throws HttpException {
        Decoded d = decode(Wire.bytes(WIKI + "GET /next"), Limits.defaults());
        assertThat(d.body()).isEqualTo("Wikipedia in \r\nchunks.");
        assertThat(d.trailers().first("expires")).hasValue("never");
        assertThat(d.leftover()).as("the next request's octets are left alone").isEqualTo("GET /next".length());
    }

    @Test
    @DisplayName("RFC 9112 §7.1: chunk-size = 1*HEXDIG, in either case at every position: 1A and 1a are 26 octets, 00fF is 255")
    void multiDigitSizes() throws HttpException {
        String a = "x".repeat(26);
        String b = "y".repeat(255);
        String body = "1A\r\n" + a + "\r\n1a\r\n" + a + "\r\n00fF\r\n" + b + "\r\n0\r\n\r\n";
        assertThat(decode(Wire.bytes(body), Limits.defaults()).body()).isEqualTo(a + a + b);
    }

    @Test
    @DisplayName("every two-way split and one octet at a time decode the same")
    void everySplit() throws HttpException {
        byte[] input = Wire.bytes(WIKI);
        for (int cut = 0; cut <= input.length; cut++) {
            Decoded d = decode(input, Limits.defaults(), cut);
            assertThat(d.body()).as("cut at %d", cut).isEqualTo("Wikipedia in \r\nchunks.");
            assertThat(d.trailers().all("Expires")).containsExactly("never");
        }
        int[] all = new int[input.length - 1];
        for (int i = 0; i < all.length; i++) {
            all[i] = i + 1;
        }
        assertThat(decode(input, Limits.defaults(), all).body()).isEqualTo("Wikipedia in \r\nchunks.");
    }

    @Test
    @DisplayName("the last chunk may be 000 and carry extensions; BWS before ';' is allowed; no trailers is fine")
    void lastChunkForms() throws HttpException {
        assertThat(decode(Wire.bytes("3 ;a=b\r\nabc\r\n000;x\r\n\r\n"), Limits.defaults()).body()).isEqualTo("abc");
        assertThat(decode(Wire.bytes("0\r\n\r\n"), Limits.defaults()).trailers().isEmpty()).isTrue();
    }

    @Test
    @DisplayName("chunk extensions follow their grammar: token names, token or quoted-string values, BWS around ';' and '='")
    void extensionGrammar() throws HttpException {
        String body = "3;a;b=c ; d = \"q \\\" ;x\";e=\"\"\r\nabc\r\n0;last=\"yes\"\r\n\r\n";
        assertThat(decode(Wire.bytes(body), Limits.defaults()).body()).isEqualTo("abc");
        assertThat(decode(Wire.bytes(body), Limits.defaults(), 9, 20).body()).isEqualTo("abc");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @DisplayName("malformed chunked bodies are 400")
    @ValueSource(strings = {
            "\r\n",                     // no chunk-size at all
            "g\r\n",                    // not HEXDIG
            "-1\r\n",
            "3\r\nabcX\r\n",            // data not followed by CRLF
            "3\r\nabcX\n",              // an octet, then LF: still not CRLF after the data
            "3\nabc\r\n",               // bare LF after the size
            "3 \r\nabc\r\n",            // whitespace without an extension
            "3;a\u0000\r\nabc\r\n",     // NUL in an extension
            "0x3\r\nabc\r\n",
            "0\r\nX : y\r\n\r\n",       // bad trailer field
            "3;\r\nabc\r\n",            // ';' without a chunk-ext-name (RFC 9112 §7.1.1)
            "3;=v\r\nabc\r\n",          // a value without a name
            "3;a=\"open\r\nabc\r\n",    // a quoted-string never closed
            "3;a=b c\r\nabc\r\n",       // two tokens in a value
            "3;a=\"x\"y\r\nabc\r\n",     // text after the closing quote
            "3;a@b\r\nabc\r\n",         // '@' is not a tchar
    })
    void malformed(String input) {
        assertThat(error(input + "0\r\n\r\n", Limits.defaults()).status()).isEqualTo(Status.BAD_REQUEST);
    }

    @Test
    @DisplayName("a chunk size over the body limit is 413 at the hex digit that crosses it, with no data read")
    void tooLarge() {
        Limits limits = Limits.defaults().withMaxBodyBytes(100);
        assertThat(error("64\r\n" + "a".repeat(100) + "\r\n1\r\n", limits).status()).isEqualTo(Status.CONTENT_TOO_LARGE);
        assertThat(error("fffffffffffffffffffffffffffff", limits).status()).isEqualTo(Status.CONTENT_TOO_LARGE);
    }

    @Test
    @DisplayName("an endless chunk extension is stopped by the chunk-line limit (400)")
    void endlessExtension() {
        assertThat(error("1;" + "x".repeat(5000), Limits.defaults()).status()).isEqualTo(Status.BAD_REQUEST);
    }

    @Test
    @DisplayName("trailers are bounded like headers: 431")
    void trailerLimit() {
        Limits limits = Limits.defaults().withHeaderLimits(2, 1024);
        assertThat(error("0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits).status()).isEqualTo(Status.REQUEST_HEADER_FIELDS_TOO_LARGE);
    }
}
