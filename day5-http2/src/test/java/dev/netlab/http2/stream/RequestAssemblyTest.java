package dev.netlab.http2.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.http2.hpack.HeaderField;
import dev.netlab.kit.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request assembly (RFC 9113 §8.1–§8.3, §8.5; RFC 8441 §4). Mistakes it catches: a pseudo-header
 * field after a regular one accepted; a duplicated, unknown or response pseudo-header field
 * accepted; an empty {@code :path}; uppercase names, connection-specific fields, {@code te} other
 * than trailers; CR/LF/NUL or edge whitespace in values; CONNECT judged like GET (or extended
 * CONNECT like CONNECT); {@code :protocol} accepted when not enabled; a content-length mismatch
 * found only at the end (or never); trailers without END_STREAM, or with pseudo-header fields;
 * content over the limit kept in memory; a malformed request made a connection error; split
 * {@code cookie} fields handed to the application apart instead of joined with {@code "; "}. Mutants
 * run on the reference (2026-12-05): {@code te} other than trailers accepted fails {@code invalidFields};
 * cookies left apart (the reference before
 * 2026-12-05) fails {@code cookiesJoined}. Killed since the PIT run of 2026-12-06: names with
 * 0x5a ('Z') or 0x7f, the upper ends of two of §8.2.1's ranges, accepted ({@code invalidFields});
 * trailers whose names or values are not checked ({@code trailerRules}); content-length 0 with
 * DATA not refused at once ({@code contentLengthMismatch}); content of exactly the limit taken as
 * too large, or {@code tooLarge()} true for every request ({@code tooLarge}); a request ended
 * by its HEADERS frame not complete ({@code assembly}); a plain GET taken
 * for an extended CONNECT ({@code get}); the never-indexed mark of one cookie lost when they are
 * joined ({@code cookiesJoined}). Equivalent survivors: a message's wording, a list's capacity,
 * the content-length check at the end with {@code > 0} (DATA past 0 is refused before).
 */
@Checkpoint(id = "5.11", title = "Request assembly: pseudo-header rules, field validity, content-length, trailers",
        edit = {"dev/netlab/http2/stream/RequestHead.java", "dev/netlab/http2/stream/RequestAssembler.java"},
        hint = "one pass over the fields: pseudo ones first and once each, names lowercase, no connection-specific fields; then the required pseudo fields per method; count DATA against content-length",
        readme = "#requests-on-a-stream")
class RequestAssemblyTest {
    private static List<HeaderField> fields(String... nv) {
        List<HeaderField> l = new ArrayList<>();
        for (int i = 0; i < nv.length; i += 2) {
            l.add(new HeaderField(nv[i], nv[i + 1]));
        }
        return l;
    }

    private static final String[] GET = {":method", "GET", ":scheme", "https", ":path", "/a?b=c", ":authority", "example.org"};

    private static String[] with(String[] base, String... more) {
        String[] r = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, r, base.length, more.length);
        return r;
    }

    private static void malformed(String... nv) {
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> RequestHead.of(fields(nv), 3, true));
        assertThat(e).as("malformed: %s", java.util.Arrays.toString(nv)).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
        assertThat(e.scope()).as("§8.1.1: a stream error").isEqualTo(Http2Exception.Scope.STREAM);
        assertThat(e.streamId()).isEqualTo(3);
    }

    @Test
    @DisplayName("a GET: pseudo-header fields split off, regular fields kept in order, content-length read")
    void get() throws Http2Exception {
        RequestHead h = RequestHead.of(fields(with(GET, "accept", "*/*", "cookie", "a=1", "content-length", "0", "cookie", "b=2")), 1, false);
        assertThat(h.method()).isEqualTo("GET");
        assertThat(h.scheme()).isEqualTo("https");
        assertThat(h.path()).isEqualTo("/a?b=c");
        assertThat(h.authority()).isEqualTo("example.org");
        assertThat(h.protocol()).isNull();
        assertThat(h.fields()).extracting(HeaderField::name).containsExactly("accept", "cookie", "content-length");
        assertThat(h.field("cookie")).as("§8.2.3: the two cookie fields joined").isEqualTo("a=1; b=2");
        assertThat(h.contentLength()).isZero();
        assertThat(h.isExtendedConnect()).isFalse();
        assertThat(RequestHead.of(fields(":method", "GET", ":scheme", "http", ":path", "/", "host", "h:1"), 1, false).authority())
                .as("host stands in for :authority").isEqualTo("h:1");
        assertThat(RequestHead.of(fields(":method", "OPTIONS", ":scheme", "http", ":path", "*"), 1, false).path()).isEqualTo("*");
    }

    @Test
    @DisplayName("RFC 9113 §8.3: pseudo-header fields first, once, only the request's; §8.3.1 :method, :scheme, non-empty :path required")
    void pseudoHeaderRules() {
        malformed("accept", "*/*", ":method", "GET", ":scheme", "http", ":path", "/");
        malformed(with(GET, ":method", "GET"));
        malformed(":method", "GET", ":scheme", "http", ":scheme", "https", ":path", "/");
        malformed(":method", "GET", ":scheme", "http", ":path", "/", ":path", "/x");
        malformed(with(GET, ":status", "200").clone());
        malformed(":method", "GET", ":scheme", "http", ":path", "/", ":unknown", "x");
        malformed(":scheme", "http", ":path", "/");
        malformed(":method", "GET", ":path", "/");
        malformed(":method", "GET", ":scheme", "http");
        malformed(":method", "GET", ":scheme", "http", ":path", "");
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("RFC 9113 §8.2: invalid names and values, connection-specific fields, te other than trailers")
    @ValueSource(strings = {"Accept|x", "x y|z", "x:y|z", "|empty name", "x\u00e9|z", "connection|close", "keep-alive|5",
            "proxy-connection|x", "transfer-encoding|chunked", "upgrade|h2c", "te|gzip", "x|a\rb", "x|a\nb", "x|a\u0000b",
            "x| leading", "x|trailing\t", "xZ|z", "x\u007f|z"})
    void invalidFields(String nameValue) {
        String[] nv = nameValue.split("\\|", 2);
        malformed(with(GET, nv[0], nv[1]));
    }

    @Test
    @DisplayName("te: trailers is the one te allowed; inner whitespace and octets above 0x7f in values are fine")
    void allowedFields() throws Http2Exception {
        assertThat(RequestHead.of(fields(with(GET, "te", "trailers", "x", "a b\tc", "y", "\u00ff")), 1, false).fields()).hasSize(3);
    }

    @Test
    @DisplayName("RFC 9113 §8.5 CONNECT: :authority only; RFC 8441 §4 extended CONNECT: :protocol with all four, only when enabled")
    void connect() throws Http2Exception {
        RequestHead tunnel = RequestHead.of(fields(":method", "CONNECT", ":authority", "example.org:443"), 1, false);
        assertThat(tunnel.isConnect()).isTrue();
        malformed(":method", "CONNECT", ":authority", "h:443", ":path", "/");
        malformed(":method", "CONNECT", ":scheme", "https", ":authority", "h:443");
        malformed(":method", "CONNECT");
        RequestHead ws = RequestHead.of(fields(":method", "CONNECT", ":protocol", "websocket", ":scheme", "https", ":path", "/chat",
                ":authority", "example.org", "sec-websocket-version", "13"), 1, true);
        assertThat(ws.isExtendedConnect()).isTrue();
        assertThat(ws.protocol()).isEqualTo("websocket");
        assertThat(ws.isConnect()).isFalse();
        malformed(":method", "CONNECT", ":protocol", "websocket", ":authority", "example.org");
        malformed(":method", "GET", ":protocol", "websocket", ":scheme", "https", ":path", "/", ":authority", "x");
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> RequestHead.of(fields(":method", "CONNECT",
                ":protocol", "websocket", ":scheme", "https", ":path", "/", ":authority", "x"), 1, false));
        assertThat(e).as(":protocol without SETTINGS_ENABLE_CONNECT_PROTOCOL").isNotNull();
    }

    @Test
    @DisplayName("content-length: digits, repeated values agree; host must match :authority")
    void contentLengthAndHost() throws Http2Exception {
        malformed(with(GET, "content-length", "1x"));
        malformed(with(GET, "content-length", "-1"));
        malformed(with(GET, "content-length", "1", "content-length", "2"));
        assertThat(RequestHead.of(fields(with(GET, "content-length", "5", "content-length", "5")), 1, false).contentLength()).isEqualTo(5);
        malformed(with(GET, "host", "other.org"));
    }

    @Test
    @DisplayName("RFC 9113 §8.2.3: several cookie fields \"MUST be concatenated\" with \"; \" before the application sees them")
    void cookiesJoined() throws Http2Exception {
        RequestHead head = RequestHead.of(fields(with(GET, "accept", "*/*", "cookie", "a=b", "user-agent", "t",
                "cookie", "c=d", "cookie", "e=f")), 1, false);
        assertThat(head.fields()).as("one cookie field, at the place of the first, the others kept in order")
                .extracting(HeaderField::name).containsExactly("accept", "cookie", "user-agent");
        assertThat(head.field("cookie")).isEqualTo("a=b; c=d; e=f");
        List<HeaderField> marked = fields(GET);
        marked.add(new HeaderField("cookie", "a=b"));
        marked.add(new HeaderField("cookie", "secret=1", true));
        assertThat(RequestHead.of(marked, 1, false).fields().getFirst().sensitive())
                .as("RFC 7541 §7.1.3: a never-indexed part keeps the joined field never indexed").isTrue();
        assertThat(RequestHead.of(fields(with(GET, "cookie", "a=b; c=d")), 1, false).field("cookie"))
                .as("a single cookie field is left as it is").isEqualTo("a=b; c=d");
    }

    private static RequestAssembler assembler(long contentLength, long max) throws Http2Exception {
        String[] f = contentLength < 0 ? with(GET) : with(GET, "content-length", Long.toString(contentLength));
        return new RequestAssembler(3, RequestHead.of(fields(f), 3, false), max);
    }

    @Test
    @DisplayName("DATA frames in order make the content; trailers after them end the request")
    void assembly() throws Http2Exception {
        RequestAssembler a = assembler(-1, 1000);
        byte[] hello = "hello, ".getBytes(StandardCharsets.US_ASCII);
        assertThat(a.data(hello, 0, hello.length, false)).isEqualTo(RequestAssembler.Progress.MORE);
        byte[] world = "xworld".getBytes(StandardCharsets.US_ASCII);
        assertThat(a.data(world, 1, 5, false)).isEqualTo(RequestAssembler.Progress.MORE);
        assertThat(a.trailers(fields("x-checksum", "42"), true)).isEqualTo(RequestAssembler.Progress.COMPLETE);
        assertThat(new String(a.body(), StandardCharsets.US_ASCII)).isEqualTo("hello, world");
        assertThat(a.trailers()).containsExactly(new HeaderField("x-checksum", "42"));
        RequestAssembler bodiless = assembler(0, 1000);
        assertThat(bodiless.headersEnded()).as("END_STREAM on HEADERS with content-length 0: complete").isEqualTo(RequestAssembler.Progress.COMPLETE);
        assertThat(bodiless.body()).isEmpty();
    }

    @Test
    @DisplayName("RFC 9113 §8.1.1: content that does not add up to content-length is malformed (too much: at once; too little: at END_STREAM)")
    void contentLengthMismatch() throws Http2Exception {
        RequestAssembler over = assembler(4, 1000);
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> over.data(new byte[5], 0, 5, false));
        assertThat(e).as("5 octets with content-length 4, before END_STREAM").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR);
        RequestAssembler under = assembler(4, 1000);
        under.data(new byte[2], 0, 2, false);
        assertThat(catchThrowableOfType(Http2Exception.class, () -> under.data(new byte[1], 0, 1, true))).isNotNull();
        assertThat(catchThrowableOfType(Http2Exception.class, () -> assembler(4, 1000).headersEnded())).isNotNull();
        Http2Exception zero = catchThrowableOfType(Http2Exception.class, () -> assembler(0, 1000).data(new byte[1], 0, 1, false));
        assertThat(zero).as("1 octet with content-length 0, before END_STREAM").isNotNull();
        RequestAssembler exact = assembler(4, 1000);
        exact.data(new byte[2], 0, 2, false);
        assertThat(exact.data(new byte[2], 0, 2, true)).isEqualTo(RequestAssembler.Progress.COMPLETE);
    }

    @Test
    @DisplayName("RFC 9113 §8.1: a second HEADERS frame without END_STREAM is malformed; trailers carry no pseudo-header fields")
    void trailerRules() throws Http2Exception {
        assertThat(catchThrowableOfType(Http2Exception.class, () -> assembler(-1, 10).trailers(fields("x", "y"), false))).isNotNull();
        assertThat(catchThrowableOfType(Http2Exception.class, () -> assembler(-1, 10).trailers(fields(":path", "/"), true))).isNotNull();
        // §8.1: trailers follow the same field rules (§8.2.1)
        assertThat(catchThrowableOfType(Http2Exception.class, () -> assembler(-1, 10).trailers(fields("X-Checksum", "1"), true)))
                .as("an uppercase trailer name").isNotNull();
        assertThat(catchThrowableOfType(Http2Exception.class, () -> assembler(-1, 10).trailers(fields("x-checksum", "1\r\n2"), true)))
                .as("CR LF in a trailer value").isNotNull();
    }

    @Test
    @DisplayName("content over the limit is reported once as TOO_LARGE and not kept")
    void tooLarge() throws Http2Exception {
        RequestAssembler a = assembler(-1, 10);
        assertThat(a.data(new byte[8], 0, 8, false)).isEqualTo(RequestAssembler.Progress.MORE);
        assertThat(a.data(new byte[8], 0, 8, false)).isEqualTo(RequestAssembler.Progress.TOO_LARGE);
        assertThat(a.data(new byte[8], 0, 8, true)).isEqualTo(RequestAssembler.Progress.COMPLETE);
        assertThat(a.tooLarge()).isTrue();
        assertThat(a.body()).isEmpty();
        assertThat(a.received()).isEqualTo(24);
        RequestAssembler limit = assembler(-1, 10);
        assertThat(limit.data(new byte[10], 0, 10, true)).as("exactly the limit is not over it").isEqualTo(RequestAssembler.Progress.COMPLETE);
        assertThat(limit.tooLarge()).isFalse();
        assertThat(limit.body()).hasSize(10);
    }
}
