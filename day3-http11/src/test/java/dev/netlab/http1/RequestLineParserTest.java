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
 * Checkpoint 3.01: the request-line (RFC 9112 §3), fed whole and octet by octet.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 14 mutants, 14 killed, 4 of them only by the rows marked below): HTTP/2.0 taken as
 * 1.x instead of 505; HTTP/1.2 treated as 1.0 (RFC 9110 §6.2: as the highest minor implemented,
 * 1.1); an empty method accepted; asterisk-form accepted for any method; an unknown method
 * answered 400 instead of 501; control octets allowed in the target; the 414 one octet early (a
 * target of exactly the limit refused); the 501 for an over-long method one octet late; a bare LF
 * taken as the end of the line; {@code HTTP/1.0} read from the wrong octet of a whole buffered
 * version (always 1.1). Four passed every test until the rows marked below were added: a version
 * cut short at CR ({@code HTTP/1.}) accepted; CONNECT with a host and no port accepted; a CR
 * before the request line not followed by LF skipped with the octet after it (RFC 9112 §2.2
 * ignores only CRLF); a scheme that starts with a digit taken as absolute-form (RFC 3986 §3.1:
 * {@code scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}).
 */
@Checkpoint(id = "3.01", title = "Request-line parsing",
        edit = "dev/netlab/http1/RequestLineParser.java",
        hint = "method SP request-target SP HTTP-version CRLF: one state per field; 414/501/505 as soon as a byte proves it",
        readme = "#the-request-line")
class RequestLineParserTest {

    private static RequestLineParser parsed(String line) throws HttpException {
        RequestLineParser p = new RequestLineParser(Limits.defaults());
        ByteBuffer in = ByteBuffer.wrap(Wire.bytes(line));
        assertThat(p.read(in)).as("request line complete").isTrue();
        assertThat(in.remaining()).as("octets after the CRLF stay unread").isZero();
        return p;
    }

    private static Status statusOf(String line, Limits limits) {
        RequestLineParser p = new RequestLineParser(limits);
        try {
            p.read(ByteBuffer.wrap(Wire.bytes(line)));
        } catch (HttpException e) {
            assertThat(e.closeConnection()).as("a request-line error closes the connection").isTrue();
            return e.status();
        }
        throw new AssertionError("no HttpException for " + line.replace("\r", "\\r").replace("\n", "\\n"));
    }

    @Test
    @DisplayName("origin-form: GET /index.html?q=1 HTTP/1.1")
    void originForm() throws HttpException {
        RequestLineParser p = parsed("GET /index.html?q=1 HTTP/1.1\r\n");
        assertThat(p.method()).isEqualTo("GET");
        assertThat(p.target()).isEqualTo(new RequestTarget(RequestTarget.Form.ORIGIN, "/index.html?q=1"));
        assertThat(p.target().path()).isEqualTo("/index.html");
        assertThat(p.target().query()).isEqualTo("q=1");
        assertThat(p.version()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    @DisplayName("absolute-form (RFC 9112 §3.2.2), asterisk-form for OPTIONS (§3.2.4), authority-form for CONNECT (§3.2.3)")
    void otherForms() throws HttpException {
        RequestLineParser p = parsed("GET http://www.example.org/pub/WWW/TheProject.html HTTP/1.1\r\n");
        assertThat(p.target().form()).isEqualTo(RequestTarget.Form.ABSOLUTE);
        assertThat(p.target().path()).isEqualTo("/pub/WWW/TheProject.html");
        assertThat(parsed("OPTIONS * HTTP/1.1\r\n").target().form()).isEqualTo(RequestTarget.Form.ASTERISK);
        assertThat(parsed("CONNECT www.example.com:80 HTTP/1.1\r\n").target())
                .isEqualTo(new RequestTarget(RequestTarget.Form.AUTHORITY, "www.example.com:80"));
        assertThat(parsed("GET / HTTP/1.0\r\n").version()).isEqualTo(HttpVersion.HTTP_1_0);
    }

    @Test
    @DisplayName("RFC 9112 §2.2: empty lines before the request line are ignored")
    void leadingEmptyLines() throws HttpException {
        assertThat(parsed("\r\n\r\nGET / HTTP/1.1\r\n").method()).isEqualTo("GET");
    }

    @Test
    @DisplayName("byte at a time, the same result; nothing past the CRLF is consumed")
    void byteAtATime() throws HttpException {
        byte[] line = Wire.bytes("DELETE /todos/7 HTTP/1.1\r\nHost: x\r\n");
        RequestLineParser p = new RequestLineParser(Limits.defaults());
        int fed = 0;
        boolean done = false;
        while (!done) {
            ByteBuffer one = ByteBuffer.wrap(line, fed++, 1);
            done = p.read(one);
            assertThat(one.remaining()).isZero();
        }
        assertThat(fed).isEqualTo("DELETE /todos/7 HTTP/1.1\r\n".length());
        assertThat(p.method()).isEqualTo("DELETE");
        assertThat(p.target().raw()).isEqualTo("/todos/7");
        ByteBuffer rest = ByteBuffer.wrap(line, fed, line.length - fed);
        assertThat(p.read(rest)).isTrue();
        assertThat(rest.position()).as("done: consumes nothing more").isEqualTo(fed);
    }

    @Test
    @DisplayName("reset() makes the parser ready for the next request line")
    void reset() throws HttpException {
        RequestLineParser p = parsed("GET /a HTTP/1.1\r\n");
        p.reset();
        assertThat(p.atStart()).isTrue();
        assertThat(p.read(ByteBuffer.wrap(Wire.bytes("POST /b HTTP/1.0\r\n")))).isTrue();
        assertThat(p.method()).isEqualTo("POST");
        assertThat(p.target().raw()).isEqualTo("/b");
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a well-formed but unknown method is 501 (RFC 9110 §9.1), and methods are case-sensitive")
    @ValueSource(strings = {"BREW / HTTP/1.1\r\n", "get / HTTP/1.1\r\n", "GETTTTTTTTTTTTTTTTTTTTTTTTTTTT / HTTP/1.1\r\n"})
    void unknownMethod(String line) {
        assertThat(statusOf(line, Limits.defaults())).isEqualTo(Status.NOT_IMPLEMENTED);
    }

    @Test
    @DisplayName("an over-long method is 501 at the first octet past the limit, before any more arrives")
    void longMethodEarly() {
        RequestLineParser p = new RequestLineParser(Limits.defaults());
        // 21 tchars and no space yet: no registered method is this long
        assertThatThrownBy(() -> p.read(ByteBuffer.wrap(Wire.bytes("A".repeat(21)))))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.NOT_IMPLEMENTED);
    }

    @Test
    @DisplayName("RFC 9112 §3: a target longer than the limit is 414 as soon as the limit is crossed")
    void uriTooLong() throws HttpException {
        Limits limits = Limits.defaults().withMaxTargetLength(64);
        RequestLineParser exactly = new RequestLineParser(limits);
        assertThat(exactly.read(ByteBuffer.wrap(Wire.bytes("GET /" + "a".repeat(63) + " HTTP/1.1\r\n"))))
                .as("exactly 64 octets is fine").isTrue();
        RequestLineParser p = new RequestLineParser(limits);
        // no SP, no CRLF yet: the 65th target octet is enough to know
        assertThatThrownBy(() -> p.read(ByteBuffer.wrap(Wire.bytes("GET /" + "a".repeat(64)))))
                .isInstanceOf(HttpException.class).extracting("status").isEqualTo(Status.URI_TOO_LONG);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @DisplayName("HTTP-version: 1.0 and 1.1 (1.x as 1.1, RFC 9110 §6.2); other majors 505; malformed 400")
    @CsvSource({"HTTP/2.0, 505", "HTTP/0.9, 505", "HTTP/3.0, 505", "HTTP/1.1.1, 400", "HTTP/11, 400",
            "http/1.1, 400", "HTTP/1.x, 400", "HTTPS/1.1, 400",
            "HTTP/1., 400", "HTTP/1, 400"}) // a version cut short at CR
    void versions(String version, int status) {
        assertThat(statusOf("GET / " + version + "\r\n", Limits.defaults()).code()).isEqualTo(status);
    }

    @Test
    @DisplayName("HTTP/1.2 is processed as HTTP/1.1")
    void higherMinor() throws HttpException {
        assertThat(parsed("GET / HTTP/1.2\r\n").version()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("RFC 9112 §3: \"Recipients of an invalid request-line SHOULD respond with either a 400 (Bad Request) error or a 301 (Moved Permanently) redirect\": malformed request lines are 400")
    @ValueSource(strings = {
            "GET  / HTTP/1.1\r\n",        // two spaces: empty target
            "GET / HTTP/1.1\n",           // bare LF
            "GET / HTTP/1.1\rX",          // CR without LF
            "GET /\r\n",                  // HTTP/0.9 simple request
            "GET /a\tb HTTP/1.1\r\n",     // HTAB inside the target
            "GET /\u0000 HTTP/1.1\r\n",   // NUL inside the target
            "G(T / HTTP/1.1\r\n",         // '(' is not a tchar
            " GET / HTTP/1.1\r\n",        // leading space: empty method
            "GET * HTTP/1.1\r\n",         // asterisk-form is only for OPTIONS
            "CONNECT / HTTP/1.1\r\n",     // CONNECT needs host:port
            "CONNECT example.com HTTP/1.1\r\n",   // authority-form = uri-host ":" port: no port
            "CONNECT example.com: HTTP/1.1\r\n",  // an empty port
            "CONNECT :443 HTTP/1.1\r\n",          // an empty host
            "GET foo HTTP/1.1\r\n",       // neither origin- nor absolute-form
            "GET / HTTP/1.1 \r\n",        // space after the version
            "\rGET / HTTP/1.1\r\n",        // a CR before the line that is not CRLF (only empty lines are ignored)
            "GET 1a://b/ HTTP/1.1\r\n",   // a scheme starts with ALPHA (RFC 3986 §3.1)
    })
    void malformed(String line) {
        assertThat(statusOf(line, Limits.defaults())).isEqualTo(Status.BAD_REQUEST);
    }
}
