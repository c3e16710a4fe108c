package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request-target and Host rules of RFC 9112 §3.2 and the target URI of §3.3, on heads
 * parsed by the learner's parser. Found by hand with {@code nc}: before these rules the
 * reference answered 200 to a request with no Host, with two, with {@code Host: a b}, to
 * {@code GET http:///x} and to {@code GET a:80}.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 16 mutants, 15 killed, 2 of them only by the new row connectAuthorityOnItsOwn, 1
 * equivalent): Host required of HTTP/1.0 too; two Host lines let through when both are equal;
 * the Host value not checked when the target is absolute-form; the Host value used instead of
 * the absolute-form authority; an absolute-form scheme compared case-sensitively; https refused;
 * an empty host accepted in {@code http:///x}; the "//" after the scheme not checked; the
 * authority taken from the wrong offset, or not ended by '?'; the path and query one octet off;
 * asterisk-form given the path "*"; a CONNECT port of 0 accepted. A CONNECT target with no port
 * or an empty host accepted passed every test, because the request-line parser of 3.01 refuses
 * both first: the new row hands TargetUri such heads itself. The survivor is equivalent: not
 * looking for userinfo ('@') in an absolute-form authority, which the given {@link UriAuthority}
 * grammar refuses anyway.
 */
@Checkpoint(id = "3.05", title = "The incremental request parser: every split, pipelined messages",
        edit = {"dev/netlab/http1/RequestParser.java", "dev/netlab/http1/TargetUri.java"},
        hint = "TargetUri.of: exactly one Host for HTTP/1.1, at most one for 1.0, a valid uri-host[:port]; absolute-form wins over Host",
        readme = "#the-request-target-and-host")
class TargetUriTest {

    private static TargetUri targetOf(String head) throws HttpException {
        return TargetUri.of(Wire.one(head + "\r\n").head());
    }

    private static void assertRefused(String head) {
        assertThatThrownBy(() -> targetOf(head)).as(head.replace("\r\n", "\\r\\n"))
                .isInstanceOfSatisfying(HttpException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.BAD_REQUEST);
                    assertThat(e.closeConnection()).as("closes the connection").isTrue();
                });
    }

    @Test
    @DisplayName("RFC 9112 §3.2: \"A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that lacks a Host header field\"")
    void http11WithoutHost() {
        assertRefused("GET / HTTP/1.1\r\n");
        assertRefused("GET / HTTP/1.1\r\nX-Host: a\r\n");
        // absolute-form does not make Host optional: the client MUST send it anyway (§3.2.2)
        assertRefused("GET http://a.example/ HTTP/1.1\r\n");
    }

    @Test
    @DisplayName("an HTTP/1.0 request may lack Host: its target URI then has an empty authority (RFC 9112 §3.3)")
    void http10WithoutHost() throws HttpException {
        TargetUri t = targetOf("GET /a?b=c HTTP/1.0\r\n");
        assertThat(t.scheme()).isEqualTo("http");
        assertThat(t.authority()).isEmpty();
        assertThat(t.pathAndQuery()).isEqualTo("/a?b=c");
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("RFC 9112 §3.2: \"... and to any request message that contains more than one Host header field line\"")
    @ValueSource(strings = {
            "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n",              // even the same value twice
            "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n",              // any version
            "GET http://a/ HTTP/1.1\r\nHost: a\r\nHOST: a\r\n",      // names are case-insensitive; absolute-form too
    })
    void moreThanOneHost(String head) {
        assertRefused(head);
    }

    @ParameterizedTest(name = "Host: {0}")
    @DisplayName("RFC 9112 §3.2: \"... or a Host header field with an invalid field value\" (Host = uri-host [ \":\" port ])")
    @ValueSource(strings = {"a b", "user@a.example", "a.example/path", "a.example:80x", "a.example:99999", "a,b c",
            "[::1", "[::1]x", "[1:2:3:4:5:6:7:8:9]", "[::1::2]", "a.example:80:80", "%zz", "a\"b", "[v1]"})
    void invalidHost(String value) {
        assertRefused("GET / HTTP/1.1\r\nHost: " + value + "\r\n");
        // the value is checked even when the absolute-form target makes it unused
        assertRefused("GET http://a.example/ HTTP/1.1\r\nHost: " + value + "\r\n");
    }

    @ParameterizedTest(name = "Host: {0}")
    @DisplayName("valid Host values are served: a name, an IPv4 or IPv6 literal, a port, an empty port, an empty value (RFC 9110 §7.2, RFC 3986 §3.2.2)")
    @ValueSource(strings = {"a.example", "a.example:8080", "a.example:", "127.0.0.1:80", "[::1]:8080", "[2001:db8::7]",
            "[::ffff:192.0.2.1]", "[v7.fe80-1]", "xn--bcher-kva.example", "a%2Eb", ""})
    void validHost(String value) throws HttpException {
        TargetUri t = targetOf("GET /p?q HTTP/1.1\r\nHost: " + value + "\r\n");
        assertThat(t.authority()).isEqualTo(value);
        assertThat(t.pathAndQuery()).isEqualTo("/p?q");
        assertThat(t.uri()).isEqualTo("http://" + value + "/p?q");
    }

    @Test
    @DisplayName("RFC 9112 §3.2.2: \"A server MUST accept the absolute-form in requests\" and \"the origin server MUST ignore the received Host header field (if any) and instead use the host information of the request-target\"")
    void absoluteFormWinsOverHost() throws HttpException {
        TargetUri t = targetOf("GET http://a.example:8080/todos?done=true HTTP/1.1\r\nHost: b.example\r\n");
        assertThat(t.scheme()).isEqualTo("http");
        assertThat(t.authority()).isEqualTo("a.example:8080");
        assertThat(t.pathAndQuery()).isEqualTo("/todos?done=true");
        // schemes are case-insensitive (RFC 3986 §3.1); an empty path and a query alone are path-abempty
        assertThat(targetOf("GET HTTPS://a.example HTTP/1.1\r\nHost: a.example\r\n"))
                .isEqualTo(new TargetUri("https", "a.example", ""));
        assertThat(targetOf("GET http://a.example?x HTTP/1.1\r\nHost: \r\n"))
                .isEqualTo(new TargetUri("http", "a.example", "?x"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("RFC 9110 §4.2.1: \"A sender MUST NOT generate an \"http\" URI with an empty host identifier. A recipient that processes such a URI reference MUST reject it as invalid.\"")
    @ValueSource(strings = {"http:///x", "http://:80/x", "https://?q", "http:/x", "http:x"})
    void absoluteFormWithoutHost(String target) {
        assertRefused("GET " + target + " HTTP/1.1\r\nHost: a.example\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("RFC 9110 §4.2.4: a recipient \"SHOULD parse for userinfo and treat its presence as an error\"; only http(s) URIs are served here")
    @ValueSource(strings = {"http://user@a.example/", "http://user:pw@a.example/x", "mailto:x@a.example", "ftp://a.example/",
            "a.example:80"}) // the last is authority-form, which RFC 9112 §3.2.3 keeps for CONNECT
    void absoluteFormRefused(String target) {
        assertRefused("GET " + target + " HTTP/1.1\r\nHost: a.example\r\n");
    }

    @ParameterizedTest(name = "CONNECT {0}")
    @DisplayName("RFC 9110 §9.3.6: \"A server MUST reject a CONNECT request that targets an empty or invalid port number\"")
    @CsvSource({"a.example:0", "a.example:65536", "a.example:8o", "a.example:-1", ":443", "user@a.example:443"})
    void connectPort(String target) {
        assertRefused("CONNECT " + target + " HTTP/1.1\r\nHost: a.example:443\r\n");
    }

    @ParameterizedTest(name = "CONNECT {0}")
    @DisplayName("RFC 9110 §9.3.6: \"A server MUST reject a CONNECT request that targets an empty or invalid port number\": TargetUri checks it itself, whatever the request-line parser let through")
    @ValueSource(strings = {"a.example:", "a.example", ":443"})
    void connectAuthorityOnItsOwn(String authority) {
        RequestHead head = new RequestHead("CONNECT", new RequestTarget(RequestTarget.Form.AUTHORITY, authority),
                HttpVersion.HTTP_1_1, HeaderFields.of("Host", "a.example:443"));
        assertThatThrownBy(() -> TargetUri.of(head)).as("CONNECT " + authority)
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(Status.BAD_REQUEST));
    }

    @Test
    @DisplayName("authority-form and asterisk-form have no path: CONNECT a.example:443, OPTIONS * (RFC 9112 §3.3)")
    void authorityAndAsteriskForm() throws HttpException {
        assertThat(targetOf("CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\n"))
                .isEqualTo(new TargetUri("http", "a.example:443", ""));
        assertThat(targetOf("OPTIONS * HTTP/1.1\r\nHost: a.example\r\n"))
                .isEqualTo(new TargetUri("http", "a.example", ""));
    }
}
