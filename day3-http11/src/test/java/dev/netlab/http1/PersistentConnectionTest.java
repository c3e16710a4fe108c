package dev.netlab.http1;

import static dev.netlab.http1.TestServer.expectStatus;
import static dev.netlab.http1.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.DeliberateFailure;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.transcript.RecordingSocket;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 3.09: persistent connections (RFC 9112 §9.3): keep-alive, pipelining, the idle
 * timeout and the header deadline, in the learner's {@code HttpConnection}, with curl and wrk.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 14 mutants, 14 killed, 2 of them only by new rows): HTTP/1.0's keep-alive ignored;
 * Connection: close ignored; a parse error answered without closing; a handler's
 * {@code HttpException.of} closing the connection, or its {@code closing()} keeping it; a crash
 * (500) closing it; no idle timeout; the header deadline re-armed on every read (slowloris), or
 * set to the idle timeout; a header timeout closed quietly instead of 408; the read buffer emptied
 * between requests (pipelined requests lost); gzip/deflate before chunked left on the content.
 * Two passed every test until rows were added: HTTP/1.0 kept alive without keep-alive (the test
 * saw the close only when the idle timeout came; now the answer must say close) and
 * {@code Connection} compared whole and case-sensitively ({@code keep-alive, Close} must close).
 */
@Checkpoint(id = "3.09", title = "Persistent connections: keep-alive, pipelining, timeouts",
        edit = "dev/netlab/http1/server/HttpConnection.java",
        hint = "loop: read a request (idle timeout before its first octet, one header deadline after), answer, keep going unless close/HTTP/1.0/error",
        readme = "#persistent-connections")
class PersistentConnectionTest {
    private static final String GET_A = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";

    @Test
    @DisplayName("HTTP/1.1: two requests, one after the other, on one connection")
    void http11KeepsAlive() throws IOException {
        try (TestServer server = TestServer.start(TestServer.echo());
             RecordingSocket s = server.connect("keep-alive")) {
            Evidence.current().reproduce("curl -v " + server.url("/a") + " " + server.url("/b"));
            HttpResponses.Reader in = server.reader(s);
            send(s, GET_A);
            HttpResponses.Parsed first = expectStatus(s, in.read(), 200);
            assertThat(first.bodyText()).isEqualTo("GET /a ");
            assertThat(first.closes()).as("an HTTP/1.1 connection persists: no Connection: close").isFalse();
            assertThat(first.headers().first("Date")).as("Date").isPresent();
            send(s, "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody");
            assertThat(expectStatus(s, in.read(), 200).bodyText()).isEqualTo("POST /b body");
        }
    }

    @Test
    @DisplayName("Transfer-Encoding: gzip (or deflate), chunked: the handler gets the decoded content (RFC 9112 §7)")
    void transferCodingsUndone() throws IOException {
        try (TestServer server = TestServer.start(TestServer.echo());
             RecordingSocket s = server.connect("gzip-upload")) {
            Evidence.current().reproduce("printf 'hello' | gzip | curl -v -H 'Transfer-Encoding: gzip, chunked' --data-binary @- "
                    + server.url("/up"));
            HttpResponses.Reader in = server.reader(s);
            s.out().write(Wire.chunkedPost("/up", "gzip, chunked", Wire.gzip(Wire.bytes("hello, compressed world"))));
            s.out().flush();
            assertThat(expectStatus(s, in.read(), 200).bodyText()).isEqualTo("POST /up hello, compressed world");
            s.out().write(Wire.chunkedPost("/up", "deflate, chunked", Wire.zlib(Wire.bytes("deflated, too"))));
            s.out().flush();
            assertThat(expectStatus(s, in.read(), 200).bodyText()).isEqualTo("POST /up deflated, too");
            s.out().write(Wire.chunkedPost("/up", "gzip, deflate, chunked", Wire.zlib(Wire.gzip(Wire.bytes("both")))));
            s.out().flush();
            assertThat(expectStatus(s, in.read(), 200).bodyText()).as("undone in reverse order").isEqualTo("POST /up both");
        }
    }

    @Test
    @DisplayName("HTTP/1.0 closes after one response unless it asked for keep-alive (RFC 9112 §9.3)")
    void http10() throws IOException {
        try (TestServer server = TestServer.start(TestServer.echo())) {
            try (RecordingSocket s = server.connect("http10-close")) {
                HttpResponses.Reader in = server.reader(s);
                send(s, "GET /a HTTP/1.0\r\n\r\n");
                // at once, not at the idle timeout: the answer says so (RFC 9112 §9.6 "close")
                assertThat(expectStatus(s, in.read(), 200).closes()).as("Connection: close in the answer to HTTP/1.0 without keep-alive").isTrue();
                assertThat(in.atEof()).as("the server closes an HTTP/1.0 connection without keep-alive").isTrue();
            }
            try (RecordingSocket s = server.connect("http10-keep-alive")) {
                HttpResponses.Reader in = server.reader(s);
                send(s, "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
                HttpResponses.Parsed r = expectStatus(s, in.read(), 200);
                assertThat(r.headers().containsToken("Connection", "keep-alive")).as("Connection: keep-alive in the answer").isTrue();
                send(s, "GET /b HTTP/1.0\r\n\r\n");
                assertThat(expectStatus(s, in.read(), 200).bodyText()).isEqualTo("GET /b ");
                assertThat(in.atEof()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("Connection: close is answered with Connection: close, then the server closes; \"Connection options are case-insensitive\" and may come in a list (RFC 9110 §7.6.1)")
    void connectionClose() throws IOException {
        try (TestServer server = TestServer.start(TestServer.echo())) {
            for (String value : new String[] {"close", "keep-alive, Close"}) {
                try (RecordingSocket s = server.connect("Connection: " + value)) {
                    HttpResponses.Reader in = server.reader(s);
                    send(s, "GET /a HTTP/1.1\r\nHost: x\r\nConnection: " + value + "\r\n\r\n");
                    assertThat(expectStatus(s, in.read(), 200).closes()).as("Connection: close in the answer to %s", value).isTrue();
                    assertThat(in.atEof()).as("closed after the response to Connection: %s", value).isTrue();
                }
            }
        }
    }

    @Test
    @DisplayName("three pipelined requests in one write are answered in order (RFC 9112 §9.3.2)")
    void pipelined() throws IOException {
        try (TestServer server = TestServer.start(TestServer.echo());
             RecordingSocket s = server.connect("pipelined")) {
            Evidence.current().reproduce("curl -v " + server.url("/1") + " --next " + server.url("/2"));
            HttpResponses.Reader in = server.reader(s);
            send(s, "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n"
                    + "GET /3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(expectStatus(s, in.read(), 200).bodyText()).isEqualTo("GET /1 ");
            assertThat(expectStatus(s, in.read(), 200).bodyText()).isEqualTo("POST /2 two");
            assertThat(expectStatus(s, in.read(), 200).bodyText()).isEqualTo("GET /3 ");
            assertThat(in.atEof()).isTrue();
        }
    }

    @Test
    @DisplayName("a malformed request is 400 with Connection: close, and the server goes on serving others")
    void badRequestCloses() throws IOException {
        try (TestServer server = TestServer.start(TestServer.echo())) {
            try (RecordingSocket s = server.connect("bad")) {
                HttpResponses.Reader in = server.reader(s);
                send(s, "GET /a HTTP/1.1\r\nHost : x\r\n\r\n");
                assertThat(expectStatus(s, in.read(), 400).closes()).isTrue();
                assertThat(in.atEof()).isTrue();
            }
            try (RecordingSocket s = server.connect("next-client")) {
                send(s, GET_A);
                expectStatus(s, server.reader(s).read(), 200);
            }
        }
    }

    @Test
    @DisplayName("handler errors: HttpException.of keeps the connection, closing() closes it, a crash is 500")
    void handlerErrors() throws IOException {
        Handler handler = r -> switch (r.path()) {
            case "/missing" -> throw HttpException.of(Status.NOT_FOUND, "nothing here");
            case "/crash" -> throw new DeliberateFailure("a handler that crashes");
            case "/fatal" -> throw HttpException.closing(Status.BAD_REQUEST, "cannot go on");
            default -> Response.text(Status.OK, "ok");
        };
        try (TestServer server = TestServer.start(handler);
             RecordingSocket s = server.connect("handler-errors")) {
            HttpResponses.Reader in = server.reader(s);
            send(s, "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(expectStatus(s, in.read(), 404).closes()).isFalse();
            send(s, "GET /crash HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(expectStatus(s, in.read(), 500).closes()).isFalse();
            send(s, "GET /fatal HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(expectStatus(s, in.read(), 400).closes()).isTrue();
            assertThat(in.atEof()).isTrue();
        }
    }

    @Test
    @DisplayName("RFC 9110 §7.8: \"A server MUST ignore an Upgrade header field that is received in an HTTP/1.0 request\" (this server switches to no protocol: it ignores every Upgrade)")
    void upgradeIgnored() throws IOException {
        try (TestServer server = TestServer.start(TestServer.echo());
             RecordingSocket s = server.connect("upgrade-ignored")) {
            HttpResponses.Reader in = server.reader(s);
            send(s, "GET /a HTTP/1.0\r\nUpgrade: websocket\r\nConnection: upgrade, keep-alive\r\n\r\n");
            assertThat(expectStatus(s, in.read(), 200).bodyText()).isEqualTo("GET /a ");
            send(s, "GET /b HTTP/1.1\r\nHost: x\r\nUpgrade: h2c\r\nConnection: upgrade\r\n\r\n");
            assertThat(expectStatus(s, in.read(), 200).bodyText()).as("still HTTP/1.1 after an Upgrade offer").isEqualTo("GET /b ");
        }
    }

    @Test
    @DisplayName("an idle kept-alive connection is closed after the idle timeout")
    void idleTimeout() throws IOException {
        Limits limits = Limits.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300));
        try (TestServer server = TestServer.start(TestServer.echo(), limits);
             RecordingSocket s = server.connect("idle")) {
            HttpResponses.Reader in = server.reader(s);
            send(s, GET_A);
            expectStatus(s, in.read(), 200);
            long start = System.nanoTime();
            assertThat(in.atEof()).as("the server closes the idle connection").isTrue();
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertThat(waited).as("ms until the close (idle timeout 300 ms)").isBetween(150L, 3000L);
        }
    }

    @Test
    @DisplayName("slowloris: a header trickling in one octet at a time gets 408 when the header deadline passes")
    void slowloris() throws Exception {
        Limits limits = Limits.defaults().withTimeouts(Duration.ofMillis(600), Duration.ofSeconds(5));
        try (TestServer server = TestServer.start(TestServer.echo(), limits);
             RecordingSocket s = server.connect("slowloris")) {
            long start = System.nanoTime();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    send(s, "GET / HTTP/1.1\r\nHost: x\r\n");
                    for (int i = 0; i < 40; i++) { // 40 x 100 ms: far past the 600 ms deadline
                        send(s, "X");
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed: expected
                }
            });
            HttpResponses.Reader in = server.reader(s);
            HttpResponses.Parsed r = expectStatus(s, in.read(), 408);
            long took = (System.nanoTime() - start) / 1_000_000;
            assertThat(took).as("ms until the 408 (deadline 600 ms from the first octet; octets keep coming)").isLessThan(2500);
            assertThat(r.closes()).isTrue();
            trickle.interrupt();
            trickle.join(2000);
        }
    }

    @Test
    @DisplayName("curl reuses the connection: \"Re-using existing connection\", also across --next")
    void curlReuses() throws IOException {
        Require.tool("curl");
        try (TestServer server = TestServer.start(TestServer.echo())) {
            Peer curl = Peer.require("curl");
            Evidence.current().reproduce(curl.commandLine("-v", server.url("/a"), server.url("/b")));
            Peer.PeerResult r = curl.run(Duration.ofSeconds(20), "-sv", server.url("/a"), server.url("/b")).assertSuccess();
            assertThat(r.stdout()).isEqualTo("GET /a GET /b ");
            assertThat(r.stderr()).contains("Re-using existing connection");
            Peer.PeerResult next = curl.run(Duration.ofSeconds(20), "-sv", server.url("/1"), "--next",
                    "-d", "x=1", server.url("/2")).assertSuccess();
            assertThat(next.stdout()).isEqualTo("GET /1 POST /2 x=1");
            assertThat(next.stderr()).contains("Re-using existing connection");
        }
    }
    @Test
    @DisplayName("wrk: 10 keep-alive connections for a second, no errors, every request answered 2xx, no reconnects")
    void wrkKeepsItsConnections() throws IOException {
        Require.tool("wrk");
        try (TestServer server = TestServer.start(TestServer.echo())) {
            Peer wrk = Peer.require("wrk");
            String[] args = {"-t1", "-c10", "-d1s", server.url("/a")};
            Evidence.current().reproduce(wrk.commandLine(args));
            Peer.PeerResult r = wrk.run(Duration.ofSeconds(30), args).assertSuccess();
            // wrk prints "N requests in 1.00s, ..." and, only when there were any, "Non-2xx or 3xx
            // responses: N" and "Socket errors: connect N, read N, write N, timeout N".
            java.util.regex.Matcher done = java.util.regex.Pattern.compile("(\\d+) requests in").matcher(r.stdout());
            assertThat(done.find()).as("wrk's summary line in:%n%s", r.stdout()).isTrue();
            long requests = Long.parseLong(done.group(1));
            assertThat(r.stdout()).as("wrk saw no socket errors and only 2xx answers").doesNotContain("Socket errors")
                    .doesNotContain("Non-2xx");
            assertThat(requests).as("requests answered in a second on 10 connections").isGreaterThan(10);
            // wrk first connects once to probe the address (and closes), then opens its 10
            assertThat(server.server().connectionsAccepted())
                    .as("connections accepted for %d requests: wrk keeps its 10 open when the server keeps them alive", requests)
                    .isBetween(10, 11);
        }
    }
}
