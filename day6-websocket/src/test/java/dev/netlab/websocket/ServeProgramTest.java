package dev.netlab.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.websocket.programs.Preflight;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The program on the lab contract: READY on port 0, the page, the echo (JDK client), the room,
 * the event stream (curl), {@code --tls} for https and wss, and exit 0 on SIGTERM.
 */
@Checkpoint(id = "6.21", title = "The serve program: page, /echo, /room, /events, --tls, the server contract",
        edit = {"dev/netlab/websocket/connection/WebSocketConnection.java", "dev/netlab/websocket/sse/EventStreamEncoder.java"},
        hint = "./lab run day6-websocket starts it; all earlier checkpoints must pass; it prints READY and exits 0 on SIGTERM",
        readme = "#the-serve-program")
class ServeProgramTest {
    private static void echo(HttpClient http, String url) throws Exception {
        PeersTest.Listener listener = new PeersTest.Listener();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(url), listener).get(15, TimeUnit.SECONDS);
        ws.sendText("over the program", true).get(5, TimeUnit.SECONDS);
        listener.await(1);
        assertThat(listener.events).containsExactly("text:over the program");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    @DisplayName("READY http://127.0.0.1:PORT/, the page, echo over the JDK client, /events over curl, SIGTERM exits 0")
    void serve() throws Exception {
        Require.tool("curl");
        StubProbe.failIfStub(Duration.ofSeconds(5), Preflight::throwFirstStub); // the server's stubs in this JVM: a stub fails here at once, not after the program's JVM started
        try (ProgramProcess program = ProgramProcess.start("serve", "--port", "0", "--tick", "1")) {
            String url = program.awaitReady(Duration.ofSeconds(30));
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/");
            Evidence.current().reproduce("./lab run day6-websocket -- --port 8080   then   npx wscat -c ws://127.0.0.1:8080/echo");
            Peer curl = Peer.require("curl");
            assertThat(curl.run(Duration.ofSeconds(20), "-s", url).assertSuccess().stdout()).contains("new WebSocket").contains("EventSource");
            echo(HttpClient.newHttpClient(), url.replace("http://", "ws://") + "echo");
            Peer.PeerResult events = curl.run(Duration.ofSeconds(20), "-sN", "--max-time", "3", url + "events");
            assertThat(events.stdout()).as("curl -N %sevents", url).startsWith("retry: ").contains("event: tick").contains("id: ");
            assertThat(events.stdout().lines().filter(l -> l.startsWith("data: ")))
                    .as("each tick's data is the clock as HH:mm:ss, also on the minute (LocalTime.toString() would print 13:05)")
                    .isNotEmpty().allMatch(l -> l.matches("data: \\d{2}:\\d{2}:\\d{2}"));
            int exit = program.stop(Duration.ofSeconds(5));
            assertThat(exit).as("exit code after SIGTERM (output: %s)", program.output()).isZero();
            assertThat(program.output().stream().filter(l -> l.startsWith("READY ")).count()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("--tls: READY https://..., the page over HTTPS and echo over wss:// with the lab's development CA")
    void tls() throws Exception {
        Require.tool("curl");
        DevCertificates certs = DevCertificates.standard();
        StubProbe.failIfStub(Duration.ofSeconds(5), Preflight::throwFirstStub); // the server's stubs in this JVM: a stub fails here at once, not after the program's JVM started
        try (ProgramProcess program = ProgramProcess.start("serve", "--port", "0", "--tls")) {
            String url = program.awaitReady(Duration.ofSeconds(30));
            assertThat(url).matches("https://127\\.0\\.0\\.1:\\d+/");
            String local = url.replace("127.0.0.1", "localhost");
            Peer.PeerResult page = Peer.require("curl").run(Duration.ofSeconds(20), "-s", "--cacert", certs.caCertificate().toString(), local);
            assertThat(page.assertSuccess().stdout()).contains("new WebSocket");
            echo(HttpClient.newBuilder().sslContext(certs.clientContext()).build(), local.replace("https://", "wss://") + "echo");
            assertThat(program.stop(Duration.ofSeconds(5))).isZero();
        }
    }
}
