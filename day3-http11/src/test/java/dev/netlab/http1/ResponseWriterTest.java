package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint 3.08: the response writer (RFC 9112 §4, §6; RFC 9110 §6.6.1, §7.6.1) and HTTP-date.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 11 mutants, 11 killed, 2 of them only after the new {@code flushed} row): content sent
 * for HEAD (RFC 9110 §9.3.2); a Content-Length on 204/304; chunk sizes written in decimal; an
 * empty write sent as a zero-size chunk (which ends the body); {@code Connection: keep-alive}
 * said to HTTP/1.1 clients; chunked sent to an HTTP/1.0 client; a handler's framing fields
 * passed through; Date formatted once and never again; a file region sent from the file's start
 * (offset ignored). The response, and 100 Continue, not flushed passed every test until
 * {@code flushed} wrote through a {@code BufferedOutputStream}, as a socket's stream may be.
 */
@Checkpoint(id = "3.08", title = "The response writer: status line, Date, framing, HEAD, Connection",
        edit = {"dev/netlab/http1/ResponseWriter.java", "dev/netlab/http1/HttpDate.java"},
        hint = "HTTP/1.1 code reason, Date as IMF-fixdate, then Content-Length (or chunked); no content for HEAD/204/304; Connection: close when not keeping alive",
        readme = "#writing-responses")
class ResponseWriterTest {
    private static final Instant NOW = Instant.parse("1994-11-06T08:49:37Z");
    private static final String DATE = "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n";

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final ResponseWriter writer = new ResponseWriter(wire, Channels.newChannel(wire), new ManualClock(NOW));

    private static RequestHead request(String method, HttpVersion version) {
        return new RequestHead(method, new RequestTarget(RequestTarget.Form.ORIGIN, "/"), version, HeaderFields.of("Host", "x"));
    }

    private static final RequestHead GET = request("GET", HttpVersion.HTTP_1_1);

    private String written() {
        return wire.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    @DisplayName("IMF-fixdate (RFC 9110 §5.6.7): the RFC's own example, a two-digit day, always GMT")
    void imfFixdate() {
        assertThat(HttpDate.format(NOW)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDate.format(Instant.parse("1982-06-02T00:00:00.900Z"))).isEqualTo("Wed, 02 Jun 1982 00:00:00 GMT");
        assertThat(HttpDate.format(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo("Thu, 31 Dec 2026 23:59:59 GMT");
    }

    @Test
    @DisplayName("RFC 9110 §5.6.7: \"A recipient that parses a timestamp value in an HTTP field MUST accept all three HTTP-date formats\"")
    void parseAllThreeFormats() {
        Instant now = Instant.parse("2026-12-05T00:00:00Z");
        assertThat(HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT", now)).isEqualTo(NOW);
        assertThat(HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT", now)).isEqualTo(NOW);
        assertThat(HttpDate.parse("Sun Nov  6 08:49:37 1994", now)).isEqualTo(NOW);
        assertThat(HttpDate.parse("Sun Nov 16 08:49:37 1994", now)).isEqualTo(Instant.parse("1994-11-16T08:49:37Z"));
        // HTTP-date is case-sensitive, GMT only, exact widths; a day that does not exist is no date
        for (String invalid : new String[] {"sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC",
                "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT", "Sun,  06 Nov 1994 08:49:37 GMT",
                "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06-Nov-94 08:49:37 GMT",
                "Sun Nov 6 08:49:37 1994", "1994-11-06T08:49:37Z", ""}) {
            assertThat(HttpDate.parse(invalid, now)).as(invalid).isNull();
        }
    }

    @Test
    @DisplayName("RFC 9110 §5.6.7: rfc850-date years \"more than 50 years in the future\" MUST be read as \"the most recent year in the past that had the same last two digits\"")
    void rfc850Century() {
        Instant now = Instant.parse("2026-12-05T00:00:00Z");
        assertThat(HttpDate.parse("Thursday, 01-Jan-70 00:00:00 GMT", now)).as("44 years ahead: 2070").isEqualTo(Instant.parse("2070-01-01T00:00:00Z"));
        assertThat(HttpDate.parse("Tuesday, 01-Jan-80 00:00:00 GMT", now)).as("54 years ahead: 1980").isEqualTo(Instant.parse("1980-01-01T00:00:00Z"));
        assertThat(HttpDate.parse("Wednesday, 02-Dec-26 10:00:00 GMT", now)).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    }

    @Test
    @DisplayName("status line, Date, the handler's fields, Content-Length, empty line, content")
    void statusLineDateAndLength() throws IOException {
        boolean open = writer.write(GET, Response.text(Status.OK, "hello"), true);
        String s = written();
        assertThat(s).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(s).contains(DATE);
        assertThat(s).contains("\r\nContent-Type: text/plain; charset=utf-8\r\n");
        assertThat(s).contains("\r\nContent-Length: 5\r\n");
        assertThat(s).endsWith("\r\n\r\nhello");
        assertThat(s).doesNotContainIgnoringCase("connection:");
        assertThat(open).as("HTTP/1.1 with keepAlive stays open").isTrue();
    }

    @Test
    @DisplayName("a response is flushed when write returns (a buffered socket stream holds nothing back), 100 Continue too")
    void flushed() throws IOException {
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(wire, 64 * 1024);
        ResponseWriter w = new ResponseWriter(buffered, Channels.newChannel(buffered), new ManualClock(NOW));
        w.writeContinue();
        assertThat(written()).as("on the wire once writeContinue returns").isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        w.write(GET, Response.text(Status.OK, "hello"), true);
        assertThat(written()).as("on the wire once write returns").endsWith("\r\n\r\nhello");
    }

    @Test
    @DisplayName("Date follows the clock: a new second, a new Date; within the second, the same")
    void dateFollowsTheClock() throws IOException {
        ManualClock clock = new ManualClock(NOW);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResponseWriter w = new ResponseWriter(out, Channels.newChannel(out), clock);
        w.write(GET, Response.text(Status.OK, "1"), true);
        clock.advance(java.time.Duration.ofMillis(999));
        w.write(GET, Response.text(Status.OK, "2"), true);
        clock.advance(java.time.Duration.ofMillis(1));
        w.write(GET, Response.text(Status.OK, "3"), true);
        clock.advance(java.time.Duration.ofHours(25));
        w.write(GET, Response.text(Status.OK, "4"), true);
        String s = out.toString(StandardCharsets.ISO_8859_1);
        String[] responses = s.split("(?=HTTP/1\\.1 )");
        assertThat(responses).hasSize(4);
        assertThat(responses[0]).contains(DATE);
        assertThat(responses[1]).contains(DATE);
        assertThat(responses[2]).contains("Date: Sun, 06 Nov 1994 08:49:38 GMT\r\n");
        assertThat(responses[3]).contains("Date: Mon, 07 Nov 1994 09:49:38 GMT\r\n");
    }

    @Test
    @DisplayName("a large head (a 20,000-octet field value, 200 fields) is written whole")
    void largeHead() throws IOException {
        String big = "v".repeat(20_000);
        Response r = Response.text(Status.OK, "end").header("X-Big", big);
        for (int i = 0; i < 200; i++) {
            r.header("X-Field-" + i, "value-" + i);
        }
        writer.write(GET, r, true);
        String s = written();
        assertThat(s).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nX-Big: " + big + "\r\n")
                .contains("\r\nX-Field-0: value-0\r\n").contains("\r\nX-Field-199: value-199\r\n")
                .contains("\r\nContent-Length: 3\r\n").endsWith("\r\n\r\nend");
    }

    @Test
    @DisplayName("framing fields set by a handler are dropped: the writer alone decides them")
    void handlerCannotFrame() throws IOException {
        Response r = Response.text(Status.OK, "abc").header("Content-Length", "99")
                .header("Transfer-Encoding", "chunked").header("Connection", "close").header("X-Kept", "yes");
        assertThat(writer.write(GET, r, true)).isTrue();
        String s = written();
        assertThat(s).contains("Content-Length: 3\r\n").doesNotContain("Content-Length: 99").doesNotContain("chunked")
                .doesNotContainIgnoringCase("connection").contains("X-Kept: yes\r\n");
    }

    @Test
    @DisplayName("HEAD: the same fields as GET, Content-Length included, but no content (RFC 9110 §9.3.2)")
    void head() throws IOException {
        writer.write(request("HEAD", HttpVersion.HTTP_1_1), Response.text(Status.OK, "hello"), true);
        assertThat(written()).contains("Content-Length: 5\r\n").endsWith("\r\n\r\n");
    }

    @Test
    @DisplayName("204 has neither content nor Content-Length; 304 has no content")
    void noContentStatuses() throws IOException {
        writer.write(GET, Response.text(Status.NO_CONTENT, "ignored"), true);
        // RFC 9110 §8.6 and RFC 9112 §6.1: "A server MUST NOT send a Content-Length header field" (nor
        // Transfer-Encoding) "in any response with a status code of 1xx (Informational) or 204 (No Content)"
        assertThat(written()).startsWith("HTTP/1.1 204 No Content\r\n").doesNotContain("Content-Length")
                .doesNotContain("Transfer-Encoding").endsWith("\r\n\r\n");
        wire.reset();
        writer.write(GET, Response.text(Status.NOT_MODIFIED, "ignored").header("ETag", "\"x\""), true);
        // RFC 9110 §15.4.5: a 304 MUST carry Date and ETag as the 200 would
        assertThat(written()).startsWith("HTTP/1.1 304 Not Modified\r\n").contains(DATE).contains("ETag: \"x\"\r\n")
                .endsWith("\r\n\r\n");
    }

    @Test
    @DisplayName("Connection: close when the connection will close; keep-alive only said to HTTP/1.0 clients")
    void connectionField() throws IOException {
        assertThat(writer.write(GET, Response.text(Status.OK, "x"), false)).isFalse();
        assertThat(written()).contains("\r\nConnection: close\r\n");
        wire.reset();
        assertThat(writer.write(request("GET", HttpVersion.HTTP_1_0), Response.text(Status.OK, "x"), true)).isTrue();
        assertThat(written()).contains("\r\nConnection: keep-alive\r\n");
        wire.reset();
        assertThat(writer.write(null, Response.text(Status.BAD_REQUEST, "bad"), false)).isFalse();
        assertThat(written()).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Connection: close\r\n").endsWith("bad");
    }

    @Test
    @DisplayName("unknown length: chunked for HTTP/1.1 (RFC 9112 §7.1), close-delimited for HTTP/1.0")
    void streamed() throws IOException {
        Response.Streamed body = new Response.Streamed(out -> {
            out.write("hello ".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[0]);
            out.write("world, in chunks".getBytes(StandardCharsets.US_ASCII));
        });
        assertThat(writer.write(GET, Response.of(Status.OK).body(body), true)).isTrue();
        assertThat(written()).contains("Transfer-Encoding: chunked\r\n").doesNotContain("Content-Length")
                .endsWith("\r\n\r\n6\r\nhello \r\n10\r\nworld, in chunks\r\n0\r\n\r\n");
        wire.reset();
        assertThat(writer.write(request("GET", HttpVersion.HTTP_1_0), Response.of(Status.OK).body(body), true))
                .as("an HTTP/1.0 client can only find the end by the close").isFalse();
        assertThat(written()).doesNotContain("Transfer-Encoding").doesNotContain("Content-Length")
                .contains("Connection: close\r\n").endsWith("\r\n\r\nhello world, in chunks");
    }

    @Test
    @DisplayName("a file region is sent after the head: exactly the octets from offset, length long")
    void fileRegion(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("a.txt"), "0123456789abcdef");
        writer.write(GET, Response.of(Status.PARTIAL_CONTENT).body(new Response.FileRegion(f, 4, 6)), true);
        assertThat(written()).startsWith("HTTP/1.1 206 Partial Content\r\n").contains("Content-Length: 6\r\n")
                .endsWith("\r\n\r\n456789");
    }

    @Test
    @DisplayName("100 Continue is a bare status line and an empty header section")
    void interim() throws IOException {
        writer.writeContinue();
        assertThat(written()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
    }
}
