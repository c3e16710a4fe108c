package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoint 3.02: header and trailer sections (RFC 9112 §5, RFC 9110 §5), fed whole and in
 * every split.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 8 mutants, 8 killed, no new row needed): whitespace between a field name and the
 * colon accepted (RFC 9112 §5.1: "A server MUST reject"); obs-fold taken as the start of a name;
 * one field line more than the limit allowed; trailing OWS kept in the value; a NUL in a value
 * allowed on the octet-by-octet path (the one a split line takes); a bare LF accepted after a
 * field line; a second Content-Length line let through; look-alike framing names such as
 * {@code Transfer_Encoding} accepted.
 */
@Checkpoint(id = "3.02", title = "Header fields: grammar, limits, case-insensitive lookup",
        edit = {"dev/netlab/http1/FieldSectionParser.java", "dev/netlab/http1/HeaderFields.java"},
        hint = "token ':' OWS value OWS CRLF; reject whitespace before the colon and obs-fold; count every octet against the 431 budget",
        readme = "#header-fields")
class FieldSectionParserTest {

    private static HeaderFields section(String text) throws HttpException {
        FieldSectionParser p = new FieldSectionParser(100, 16 * 1024);
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes(text));
        assertThat(p.read(in)).as("section complete").isTrue();
        assertThat(in.remaining()).as("nothing after the empty line is consumed").isZero();
        return p.fields();
    }

    private static HttpException error(String text, int maxCount, int maxBytes) {
        FieldSectionParser p = new FieldSectionParser(maxCount, maxBytes);
        try {
            p.read(ByteBuffer.wrap(Wire.bytes(text)));
        } catch (HttpException e) {
            return e;
        }
        throw new AssertionError("no HttpException for " + text.replace("\r", "\\r").replace("\n", "\\n"));
    }

    @Test
    @DisplayName("names as received, values without leading and trailing OWS, order kept")
    void basics() throws HttpException {
        HeaderFields h = section("Host: example.com\r\nAccept:text/html \t\r\nX-Empty:\r\nX-Inner: a  b\r\n\r\n");
        assertThat(h.fields()).containsExactly(
                new HeaderFields.Field("Host", "example.com"),
                new HeaderFields.Field("Accept", "text/html"),
                new HeaderFields.Field("X-Empty", ""),
                new HeaderFields.Field("X-Inner", "a  b"));
    }

    @Test
    @DisplayName("RFC 9110 §5.1 / §5.3: lookup ignores case; repeated fields stay in order and combine as a list")
    void lookup() throws HttpException {
        HeaderFields h = section("Accept-Encoding: gzip\r\nHOST: a\r\naccept-encoding: br, , Deflate\r\n\r\n");
        assertThat(h.first("host")).hasValue("a");
        assertThat(h.first("Host")).hasValue("a");
        assertThat(h.first("Cookie")).isEmpty();
        assertThat(h.contains("ACCEPT-ENCODING")).isTrue();
        assertThat(h.all("Accept-Encoding")).containsExactly("gzip", "br, , Deflate");
        assertThat(h.elements("accept-encoding", false)).containsExactly("gzip", "br", "Deflate");
        assertThat(h.elements("accept-encoding", true)).containsExactly("gzip", "br", "deflate");
        assertThat(h.containsToken("Accept-Encoding", "DEFLATE")).isTrue();
        assertThat(h.containsToken("Accept-Encoding", "compress")).isFalse();
    }

    @Test
    @DisplayName("set() replaces every line of a name, remove() drops them all")
    void setAndRemove() {
        HeaderFields h = HeaderFields.of("Vary", "a", "Date", "x", "vary", "b");
        h.set("VARY", "c");
        assertThat(h.all("vary")).containsExactly("c");
        assertThat(h.remove("date")).isTrue();
        assertThat(h.remove("date")).isFalse();
        assertThat(h.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("field values may carry obs-text (0x80-0xFF), kept as ISO-8859-1 characters")
    void obsText() throws HttpException {
        assertThat(section("X-Name: caf\u00e9\r\n\r\n").first("x-name")).hasValue("caf\u00e9");
    }

    @Test
    @DisplayName("the edges of field-vchar and tchar: '!' '~' 0x80 0xFF in a value, '!' '~' '|' in a name, whole and octet by octet")
    void edgeOctets() throws HttpException {
        String text = "!#$%&'*+-.^_`|~: !a~\u0080\u00ff\r\nX: ~\r\n\r\n";
        assertThat(section(text).first("!#$%&'*+-.^_`|~")).hasValue("!a~\u0080\u00ff");
        assertThat(section(text).first("x")).hasValue("~");
        // octet by octet takes the parser's careful path, where a whole line may take a fast one
        FieldSectionParser p = new FieldSectionParser(100, 16 * 1024);
        boolean done = false;
        for (byte b : Wire.bytes(text)) {
            assertThat(done).as("complete only at the last octet").isFalse();
            done = p.read(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat(done).isTrue();
        assertThat(p.fields().first("!#$%&'*+-.^_`|~")).hasValue("!a~\u0080\u00ff");
        for (String bad : new String[] {"X: a\u001fb\r\n\r\n", "X{: a\r\n\r\n", "X\u007f: a\r\n\r\n", "X: a\u007f\r\n\r\n"}) {
            assertThat(error(bad, 100, 16 * 1024).status()).as(bad).isEqualTo(Status.BAD_REQUEST);
        }
    }

    @ParameterizedTest(name = "containsToken(\"{0}\", \"{1}\")")
    @DisplayName("containsToken gives the same answer as looking in elements(), for lists with odd commas and spaces")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "close|close", "\" close \"|close", "keep-alive,close|close", "\"keep-alive , close\"|CLOSE",
            "close,|close", ",close|close", "\",, close ,,\"|close", "clos|close", "closed|close", "xclose|close",
            "\"close x\"|close", "\"\"|close", "\" , \"|close", "\"a, b\"|b", "\"a, b\"|a", "\"a, b\"|\"a, b\"",
            "\"ab, b\"|b", "\"b ,ab\"|b", "\"\tclose\t\"|close"})
    void containsTokenAgreesWithElements(String list, String token) {
        HeaderFields h = HeaderFields.of("Connection", list);
        boolean expected = h.elements("Connection", true).contains(token.toLowerCase(java.util.Locale.ROOT));
        assertThat(h.containsToken("connection", token)).isEqualTo(expected);
    }

    @Test
    @DisplayName("an empty section is just CRLF")
    void empty() throws HttpException {
        assertThat(section("\r\n").isEmpty()).isTrue();
    }

    @Test
    @DisplayName("every two-way split and byte at a time give the same fields; reset() starts a new section")
    void splits() throws HttpException {
        byte[] text = Wire.bytes("Host: example.com\r\nContent-Type: text/plain; charset=utf-8\r\nX-A:  1 \r\n\r\n");
        HeaderFields whole = section(new String(text, java.nio.charset.StandardCharsets.ISO_8859_1));
        FieldSectionParser p = new FieldSectionParser(100, 16 * 1024);
        for (int cut = 0; cut <= text.length; cut++) {
            p.reset();
            boolean first = p.read(ByteBuffer.wrap(text, 0, cut));
            assertThat(first).as("complete only with the whole text (cut %d)", cut).isEqualTo(cut == text.length);
            assertThat(p.read(ByteBuffer.wrap(text, cut, text.length - cut))).isTrue();
            assertThat(p.fields().fields()).as("cut at %d", cut).isEqualTo(whole.fields());
        }
        p.reset();
        boolean done = false;
        for (int i = 0; i < text.length; i++) {
            done = p.read(ByteBuffer.wrap(text, i, 1));
        }
        assertThat(done).isTrue();
        assertThat(p.fields().fields()).isEqualTo(whole.fields());
    }

    @Test
    @DisplayName("a parsed section can be changed: set() and remove() keep the other lines in order")
    void changeParsed() throws HttpException {
        HeaderFields h = section("Host: a\r\nVary: x\r\nAccept: */*\r\nvary: y\r\n\r\n");
        h.set("Vary", "z");
        assertThat(h.fields()).containsExactly(
                new HeaderFields.Field("Host", "a"),
                new HeaderFields.Field("Accept", "*/*"),
                new HeaderFields.Field("Vary", "z"));
        assertThat(h.remove("HOST")).isTrue();
        assertThat(h.first("accept")).hasValue("*/*");
        assertThat(h.size()).isEqualTo(2);
    }

    @Test
    @DisplayName("buffers without an accessible array (direct, read-only) give the same fields and errors")
    void withoutArray() throws HttpException {
        byte[] text = Wire.bytes("Host: example.com\r\nX-A:  1 \r\nContent-Length: 5\r\n\r\n");
        HeaderFields whole = section(new String(text, java.nio.charset.StandardCharsets.ISO_8859_1));
        FieldSectionParser direct = new FieldSectionParser(100, 16 * 1024);
        assertThat(direct.read(ByteBuffer.allocateDirect(text.length).put(text).flip())).isTrue();
        assertThat(direct.fields().fields()).isEqualTo(whole.fields());
        FieldSectionParser readOnly = new FieldSectionParser(100, 16 * 1024);
        assertThat(readOnly.read(ByteBuffer.wrap(text).asReadOnlyBuffer())).isTrue();
        assertThat(readOnly.fields().fields()).isEqualTo(whole.fields());
        byte[] nul = Wire.bytes("X-A: a\u0000b\r\n\r\n"); // RFC 9110 §5.5: NUL in a value
        ByteBuffer in = ByteBuffer.allocateDirect(nul.length).put(nul).flip();
        assertThatThrownBy(() -> new FieldSectionParser(100, 16 * 1024).read(in))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.BAD_REQUEST);
        assertThat(in.position()).as("stopped just after the NUL").isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("malformed field lines are 400 and close the connection")
    @ValueSource(strings = {
            "Host : example.com\r\n\r\n",      // RFC 9112 §5.1: whitespace between name and colon
            "Host\t: example.com\r\n\r\n",
            "X-A: 1\r\n folded\r\n\r\n",       // RFC 9112 §5.2: obs-fold
            "X-A: 1\r\n\tfolded\r\n\r\n",
            " Host: x\r\n\r\n",                // whitespace before the first field line
            "Ho(st: x\r\n\r\n",                // '(' is not a tchar
            ": no-name\r\n\r\n",               // empty field name
            "NoColon\r\n\r\n",
            "X-A: a\u0000b\r\n\r\n",           // RFC 9110 §5.5: NUL in a value
            "X-A: a\rb\r\n\r\n",               // bare CR in a value
            "X-A: a\nX-B: b\r\n\r\n",          // bare LF ends no line here
            "X-A: a\u007fb\r\n\r\n",           // DEL is a CTL
            "X-A: a\r\n\rX",                   // CR without LF at the end
    })
    void malformed(String text) {
        HttpException e = error(text, 100, 16 * 1024);
        assertThat(e.status()).isEqualTo(Status.BAD_REQUEST);
        assertThat(e.closeConnection()).isTrue();
    }

    @Test
    @DisplayName("RFC 6585 §5: more field lines than allowed is 431, at the first octet of the extra line")
    void tooMany() throws HttpException {
        FieldSectionParser p = new FieldSectionParser(3, 16 * 1024);
        assertThat(p.read(ByteBuffer.wrap(Wire.bytes("A: 1\r\nB: 2\r\nC: 3\r\n")))).isFalse();
        assertThatThrownBy(() -> p.read(ByteBuffer.wrap(Wire.bytes("D"))))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.REQUEST_HEADER_FIELDS_TOO_LARGE);
        FieldSectionParser ok = new FieldSectionParser(3, 16 * 1024);
        assertThat(ok.read(ByteBuffer.wrap(Wire.bytes("A: 1\r\nB: 2\r\nC: 3\r\n\r\n")))).isTrue();
    }

    @Test
    @DisplayName("a section bigger than the octet budget is 431 at the first octet past it, CRLFs counted")
    void tooBig() throws HttpException {
        String exactly = "X-A: " + "a".repeat(16) + "\r\n\r\n"; // 5 + 16 + 2 + 2 = 25 octets
        FieldSectionParser ok = new FieldSectionParser(100, 25);
        assertThat(ok.read(ByteBuffer.wrap(Wire.bytes(exactly)))).isTrue();
        FieldSectionParser p = new FieldSectionParser(100, 24);
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes(exactly));
        assertThatThrownBy(() -> p.read(in))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.REQUEST_HEADER_FIELDS_TOO_LARGE);
        assertThat(in.position()).as("stopped at the 25th octet").isEqualTo(25);
        // a never-ending value is stopped at the budget too, without a CRLF ever arriving
        FieldSectionParser q = new FieldSectionParser(100, 1024);
        assertThatThrownBy(() -> q.read(ByteBuffer.wrap(Wire.bytes("X: " + "v".repeat(5000)))))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.REQUEST_HEADER_FIELDS_TOO_LARGE);
    }

    @Test
    @DisplayName("a second or malformed Content-Length is 400 at its own field line, before the section ends")
    void contentLengthAtItsLine() {
        // no empty line: the error must come without it
        assertThat(error("Content-Length: 1\r\nContent-Length: 1\r\n", 100, 16384).status()).isEqualTo(Status.BAD_REQUEST);
        assertThat(error("Content-Length: 1000000000000000000000\r\n", 100, 16384).status()).isEqualTo(Status.BAD_REQUEST);
        assertThat(error("Content-Length: +5\r\n", 100, 16384).status()).isEqualTo(Status.BAD_REQUEST);
        assertThat(error("Content-Length: 1, 1\r\n", 100, 16384).closeConnection()).isTrue();
    }

    @Test
    @DisplayName("names one '_' or '-' away from a framing field (Transfer_Encoding, Content---Length) are 400")
    void framingLookalikes() throws HttpException {
        for (String name : new String[] {"Transfer_Encoding", "Content_Length", "Transfer---Encoding", "transfer___encoding"}) {
            assertThat(error(name + ": chunked\r\n", 100, 16384).status()).as(name).isEqualTo(Status.BAD_REQUEST);
        }
        assertThat(section("My_Custom_Header: ok\r\ncontent-length: 12\r\n\r\n").first("my_custom_header")).hasValue("ok");
    }
}
