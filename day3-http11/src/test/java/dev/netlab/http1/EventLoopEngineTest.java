package dev.netlab.http1;

import static dev.netlab.http1.TestServer.expectStatus;
import static dev.netlab.http1.TestServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.http1.server.Server;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.transcript.RecordingSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The given {@link dev.netlab.http1.server.LoopServer} runs the learner's parser and writer on
 * event loops. What is new there is tested here; {@code -Dnetlab.http1.engine=loop} runs the
 * whole day's suite on it too (README, "Two engines").
 */
@Checkpoint(id = "3.19", title = "Two engines: your parser and writer on an event loop",
        edit = {"dev/netlab/http1/RequestParser.java", "dev/netlab/http1/ResponseWriter.java"},
        hint = "nothing new to write: the given LoopServer feeds your incremental parser whatever one read brought; "
                + "NeedMore must leave it ready for the next octets, and one writer serves a whole batch",
        readme = "#two-engines-threads-and-an-event-loop")
class EventLoopEngineTest {
    private static final Server.Engine LOOP = Server.Engine.LOOP;

    private static TestServer loop(Handler handler) throws IOException {
        return TestServer.start(handler, Limits.defaults(), LOOP);
    }

    @Test
    @DisplayName("500 requests pipelined in one write: 500 answers, in order, on one connection")
    void pipelinedFlood() throws IOException {
        try (TestServer server = loop(TestServer.echo());
             RecordingSocket s = server.connect("pipelined-500")) {
            Evidence.current().reproduce("for i in $(seq 0 499); do printf 'GET /$i HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n'; done | nc -q 2 127.0.0.1 "
                    + server.port());
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                all.append("GET /").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            send(s, all.toString());
            HttpResponses.Reader in = server.reader(s);
            for (int i = 0; i < 500; i++) {
                assertThat(expectStatus(s, in.read(), 200).bodyText()).isEqualTo("GET /" + i + " ");
            }
            assertThat(server.server().connectionsAccepted()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a client that pipelines but never reads is held back (OP_WRITE); others on its loop are served meanwhile")
    void clientThatDoesNotRead() throws Exception {
        byte[] big = new byte[64 * 1024];
        Arrays.fill(big, (byte) 'x');
        Handler handler = r -> r.path().equals("/big") ? Response.of(Status.OK).body("application/octet-stream", big)
                : Response.text(Status.OK, "small");
        try (TestServer server = loop(handler);
             RecordingSocket hog = server.connect("pipelines-never-reads")) {
            // Connections go to the loops in turn: after loops-1 more, the next one shares the hog's loop.
            int loops = Runtime.getRuntime().availableProcessors();
            List<RecordingSocket> others = new ArrayList<>();
            try {
                for (int i = 0; i < loops; i++) {
                    others.add(server.connect("neighbour-" + i));
                }
                int requests = 300; // about 20 MB of answers, far more than the socket buffers hold
                send(hog, "GET /big HTTP/1.1\r\nHost: x\r\n\r\n".repeat(requests));
                Thread.sleep(300); // the hog's output is stuck in full socket buffers now
                for (RecordingSocket other : others) {
                    HttpResponses.Reader in = server.reader(other);
                    send(other, "GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertThat(expectStatus(other, in.read(), 200).bodyText()).isEqualTo("small");
                }
                HttpResponses.Reader in = server.reader(hog);
                for (int i = 0; i < requests; i++) {
                    assertThat(expectStatus(hog, in.read(), 200).body()).as("answer %d", i).hasSize(big.length);
                }
                send(hog, "GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(expectStatus(hog, in.read(), 200).bodyText()).as("read again once its output drained")
                        .isEqualTo("small");
            } finally {
                for (RecordingSocket other : others) {
                    other.close();
                }
            }
        }
    }

    @Test
    @DisplayName("a file body goes out zero-copy from a virtual thread, then the loop answers the request pipelined behind it")
    void fileThenPipelined(@TempDir Path dir) throws IOException {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(3_19).nextBytes(content);
        Path file = Files.write(dir.resolve("blob.bin"), content);
        Handler handler = r -> switch (r.path()) {
            case "/file" -> Response.of(Status.OK).header("Content-Type", "application/octet-stream")
                    .body(new Response.FileRegion(file, 0, content.length));
            case "/streamed" -> Response.of(Status.OK).body(new Response.Streamed(
                    out -> out.write("streamed on a virtual thread".getBytes(StandardCharsets.US_ASCII))));
            default -> Response.text(Status.OK, "after " + r.path());
        };
        try (TestServer server = loop(handler);
             RecordingSocket s = server.connect("file-then-pipelined")) {
            HttpResponses.Reader in = server.reader(s);
            send(s, "GET /before HTTP/1.1\r\nHost: x\r\n\r\nGET /file HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /streamed HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(expectStatus(s, in.read(), 200).bodyText()).isEqualTo("after /before");
            HttpResponses.Parsed f = expectStatus(s, in.read(), 200);
            assertThat(f.headers().first("Content-Length")).contains(Integer.toString(content.length));
            assertThat(f.body()).as("the file, octet for octet").isEqualTo(content);
            HttpResponses.Parsed streamed = expectStatus(s, in.read(), 200);
            assertThat(streamed.headers().containsToken("Transfer-Encoding", "chunked")).isTrue();
            assertThat(streamed.bodyText()).isEqualTo("streamed on a virtual thread");
            assertThat(expectStatus(s, in.read(), 200).bodyText()).isEqualTo("after /after");
            send(s, "GET /again HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(expectStatus(s, in.read(), 200).bodyText()).as("back on the loop").isEqualTo("after /again");
        }
    }

    @Test
    @DisplayName("timeouts on the loop: slowloris gets 408 at the header deadline, an idle connection closes, others are served")
    void timeouts() throws Exception {
        Limits limits = Limits.defaults().withTimeouts(Duration.ofMillis(600), Duration.ofMillis(400));
        try (TestServer server = TestServer.start(TestServer.echo(), limits, LOOP);
             RecordingSocket slow = server.connect("slowloris");
             RecordingSocket idle = server.connect("idle");
             RecordingSocket busy = server.connect("busy")) {
            HttpResponses.Reader slowIn = server.reader(slow);
            HttpResponses.Reader busyIn = server.reader(busy);
            long start = System.nanoTime();
            String head = "GET /slow HTTP/1.1\r\nHost: x\r\nX-Padding: " + "p".repeat(40) + "\r\n\r\n";
            boolean answered = false;
            for (int i = 0; i < head.length() && !answered; i++) {
                try {
                    send(slow, head.substring(i, i + 1)); // one octet per 50 ms: the whole head would take 3.5 s
                } catch (IOException e) {
                    answered = true; // the server closed: the 408 is waiting to be read
                }
                send(busy, "GET /b" + i + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(expectStatus(busy, busyIn.read(), 200).bodyText()).isEqualTo("GET /b" + i + " ");
                Thread.sleep(50);
                answered |= slow.in().available() > 0;
            }
            HttpResponses.Parsed r = expectStatus(slow, slowIn.read(), 408);
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat(r.closes()).isTrue();
            assertThat(slowIn.atEof()).isTrue();
            assertThat(ms).as("408 near the 600 ms header deadline, not stretched by trickling").isBetween(500L, 2_500L);
            assertThat(server.reader(idle).atEof()).as("the idle connection was closed after its 400 ms").isTrue();
        }
    }

    @Test
    @DisplayName("CL.TE on the loop: one 400 with Connection: close, nothing smuggled is answered")
    void smuggling() throws IOException {
        try (TestServer server = loop(TestServer.echo());
             RecordingSocket s = server.connect("cl-te")) {
            HttpResponses.Reader in = server.reader(s);
            send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                    + "GET /admin HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(expectStatus(s, in.read(), 400).closes()).isTrue();
            assertThat(in.atEof()).isTrue();
        }
    }

    @Test
    @DisplayName("100-continue, then graceful shutdown: idle closes at once, a request in flight gets its answer with Connection: close")
    void continueAndShutdown() throws Exception {
        try (TestServer server = loop(TestServer.echo());
             RecordingSocket busy = server.connect("in-flight");
             RecordingSocket idle = server.connect("idle")) {
            HttpResponses.Reader idleIn = server.reader(idle);
            send(idle, "GET /quick HTTP/1.1\r\nHost: x\r\n\r\n");
            expectStatus(idle, idleIn.read(), 200);
            HttpResponses.Reader busyIn = server.reader(busy);
            send(busy, "POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            expectStatus(busy, busyIn.read(), 100);
            send(busy, "he"); // the request is in flight: its body is not complete

            assertThat(server.server().openConnections()).isEqualTo(2);
            Thread stopper = Thread.ofVirtual().start(() -> server.server().stopGracefully(Duration.ofSeconds(5)));
            assertThat(idleIn.atEof()).as("the idle connection is closed by the shutdown").isTrue();
            server.assertRefusesNewConnections();
            send(busy, "llo");
            server.assertLastAnswerThenStopped(busy, busyIn, "POST /up hello", stopper);
            assertThat(server.server().firstFailure()).isNull();
        }
    }

    @Test
    @DisplayName("real clients on the loop: curl re-uses its connection and uploads after 100 Continue; wrk keeps 50 connections, no errors")
    void realClients(@TempDir Path dir) throws IOException {
        Require.tool("curl");
        Require.tool("wrk");
        Path upload = Files.write(dir.resolve("upload.bin"), "0123456789".repeat(30_000).getBytes(StandardCharsets.US_ASCII));
        Handler handler = r -> r.method().equals("PUT") ? Response.text(Status.OK, r.body().length + " octets")
                : Response.text(Status.OK, r.method() + " " + r.path());
        try (TestServer server = loop(handler)) {
            Peer curl = Peer.require("curl");
            Evidence.current().reproduce(curl.commandLine("-v", server.url("/a"), server.url("/b")));
            Peer.PeerResult twice = curl.run(Duration.ofSeconds(20), "-sv", server.url("/a"), "--next", "-d", "x=1",
                    server.url("/b")).assertSuccess();
            assertThat(twice.stdout()).isEqualTo("GET /aPOST /b");
            assertThat(twice.stderr()).contains("Re-using existing connection");
            Peer.PeerResult put = curl.run(Duration.ofSeconds(20), "-sv", "-H", "Expect: 100-continue",
                    "--expect100-timeout", "10", "-T", upload.toString(), server.url("/up")).assertSuccess();
            assertThat(put.stderr()).contains("HTTP/1.1 100 Continue");
            assertThat(put.stdout()).isEqualTo("300000 octets");

            int before = server.server().connectionsAccepted();
            Peer wrk = Peer.require("wrk");
            String[] args = {"-t2", "-c50", "-d1s", server.url("/w")};
            Peer.PeerResult r = wrk.run(Duration.ofSeconds(30), args).assertSuccess();
            Matcher done = Pattern.compile("(\\d+) requests in").matcher(r.stdout());
            assertThat(done.find()).as("wrk's summary line in:%n%s", r.stdout()).isTrue();
            assertThat(Long.parseLong(done.group(1))).as("requests answered in a second").isGreaterThan(1_000);
            assertThat(r.stdout()).as("no socket errors, only 2xx").doesNotContain("Socket errors").doesNotContain("Non-2xx");
            // wrk probes the address once (one connection), then opens its 50 and keeps them
            assertThat(server.server().connectionsAccepted() - before).isBetween(50, 51);
        }
    }

    @Test
    @DisplayName("at most maxConnections at once: the next waits in the backlog and is served when one closes")
    void connectionCap() throws Exception {
        try (Server server = Server.start(LOOP, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TestServer.echo(), Limits.defaults(), Clock.systemUTC(), 2);
             RecordingSocket a = RecordingSocket.connect("a", server.address(), TestServer.CLIENT_TIMEOUT);
             RecordingSocket b = RecordingSocket.connect("b", server.address(), TestServer.CLIENT_TIMEOUT);
             RecordingSocket c = RecordingSocket.connect("c-waits", server.address(), TestServer.CLIENT_TIMEOUT)) {
            for (RecordingSocket s : List.of(a, b)) {
                send(s, "GET /in HTTP/1.1\r\nHost: x\r\n\r\n");
                expectStatus(s, new HttpResponses.Reader(s.in(), server::firstFailure).read(), 200);
            }
            send(c, "GET /c HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread.sleep(300);
            assertThat(c.in().available()).as("the third connection is not served while two are open").isZero();
            assertThat(server.openConnections()).isEqualTo(2);
            assertThat(server.connectionsAccepted()).isEqualTo(2);
            a.close(); // the server sees the end of stream, closes, and frees a slot
            HttpResponses.Parsed r = expectStatus(c, new HttpResponses.Reader(c.in(), server::firstFailure).read(), 200);
            assertThat(r.bodyText()).isEqualTo("GET /c ");
            assertThat(server.connectionsAccepted()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("a body is timed per read: a slow upload that keeps coming is served, a stalled one gets 408")
    void bodyDeadline() throws Exception {
        Limits limits = Limits.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400));
        try (TestServer server = TestServer.start(TestServer.echo(), limits, LOOP);
             RecordingSocket slow = server.connect("slow-upload")) {
            HttpResponses.Reader slowIn = server.reader(slow);
            send(slow, "POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n");
            for (char ch : "0123456789".toCharArray()) {
                Thread.sleep(150); // 1.5 s in all, far past the 400 ms idle timeout, but never 400 ms silent
                send(slow, String.valueOf(ch));
            }
            assertThat(expectStatus(slow, slowIn.read(), 200).bodyText()).isEqualTo("POST /slow 0123456789");

        }
        try (TestServer server = TestServer.start(TestServer.echo(), limits, LOOP);
             RecordingSocket stalled = server.connect("stalled-upload")) {
            HttpResponses.Reader stalledIn = server.reader(stalled);
            long start = System.nanoTime();
            send(stalled, "POST /stalled HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n012");
            HttpResponses.Parsed r = expectStatus(stalled, stalledIn.read(), 408);
            assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).as("408 after the 400 ms idle timeout")
                    .isBetween(300L, 2_000L);
            assertThat(r.closes()).isTrue();
            assertThat(stalledIn.atEof()).isTrue();
        }
    }
}
