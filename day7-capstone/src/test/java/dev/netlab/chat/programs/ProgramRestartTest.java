package dev.netlab.chat.programs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netlab.chat.history.HistoryStore;
import dev.netlab.chat.history.StoredMessage;
import dev.netlab.chat.programs.Readiness;
import dev.netlab.chat.ws.JdkWebSocketClient;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.launch.ProgramProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole program, killed and restarted under a client: a WSS client sends as fast as its
 * messages are acknowledged; {@code kill -9} hits the server mid-stream (no shutdown hook, no
 * flush); a new server on the same database file gives the client, resuming with
 * {@code since = 0}, every acknowledged message with its id and text, and continues the ids
 * above them; a SIGTERM then closes the client with 1001 and exits 0; the file holds it all.
 *
 * <p>Mistakes it catches (beyond 7.08's, which drives the service alone): an acknowledgement
 * the WebSocket sends before the commit, a resume that starts after the wrong id, ids reused
 * after a crash, a shutdown that closes with 1006 or exits with 143.
 */
@Checkpoint(id = "7.13", title = "The program under kill -9 and restart: every acknowledged message comes back over wss",
        edit = "dev/netlab/chat/history/HistoryStore.java",
        hint = "7.05 and 7.08 first; what the sequencer acknowledges must be committed, and AUTOINCREMENT keeps ids unique across restarts",
        readme = "#history")
class ProgramRestartTest {
    @TempDir
    Path dir;

    private static final String[] FAST = {"--rate", "1000", "--burst", "1000"};

    private static ProgramProcess start(Path db) throws Exception {
        StubProbe.failIfStub(Duration.ofSeconds(10), () -> Readiness.throwFirstStub(Readiness.chat())); // the chat's own start-up check in this JVM: a stub fails here at once
        return ProgramProcess.start("chat", concat(new String[] {"--port", "0", "--db", db.toString()}, FAST));
    }

    @Test
    @DisplayName("kill -9 mid-stream, restart on the same file: every acknowledged message is replayed on resume; SIGTERM closes with 1001")
    void killAndRestart() throws Exception {
        Path db = dir.resolve("h.db");
        Map<String, Long> acked = new LinkedHashMap<>();
        Evidence.current().reproduce("./lab run day7-capstone --solutions -- --db /tmp/h.db   then   kill -9 <pid>   and start it again");
        try (ProgramProcess first = start(db)) {
            String url = first.awaitReady(Duration.ofSeconds(60));
            String origin = url.substring(0, url.length() - 1);
            JdkWebSocketClient client = JdkWebSocketClient.open(url.replace("https://", "wss://") + "chat", origin);
            client.send("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"writer\"}");
            client.await(m -> m.path("type").asText().equals("joined"));
            for (int i = 0; i < 400 && acked.size() < 30; i++) { // as fast as acknowledged
                String ref = "m" + i;
                client.send("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"message " + i + "\",\"ref\":\"" + ref + "\"}");
                JsonNode ack = client.await(m -> m.path("ref").asText().equals(ref));
                assertThat(ack.path("type").asText()).as("answer to %s: %s", ref, ack).isEqualTo("ack");
                acked.put("message " + i, ack.path("id").asLong());
            }
            // one more on its way, unacknowledged, at the moment of the kill
            client.ws.sendText("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"in flight\",\"ref\":\"x\"}", true);
            first.process().destroyForcibly(); // SIGKILL
            assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
        }
        assertThat(acked).hasSize(30);

        try (ProgramProcess second = start(db)) {
            String url = second.awaitReady(Duration.ofSeconds(60));
            JdkWebSocketClient client = JdkWebSocketClient.open(url.replace("https://", "wss://") + "chat", url.substring(0, url.length() - 1));
            client.send("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"reader\",\"since\":0}");
            client.await(m -> m.path("type").asText().equals("joined"));
            Map<String, Long> replayed = new LinkedHashMap<>();
            while (replayed.size() < acked.size()) {
                JsonNode m = client.await(x -> x.path("type").asText().equals("message"));
                replayed.put(m.path("text").asText(), m.path("id").asLong());
            }
            replayed.remove("in flight"); // stored or not: it was never acknowledged
            assertThat(replayed).as("every acknowledged message, same id, in order").containsAllEntriesOf(acked);
            client.send("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"after the crash\",\"ref\":\"after\"}");
            long next = client.await(m -> m.path("ref").asText().equals("after")).path("id").asLong();
            assertThat(next).as("ids continue above every acknowledged one").isGreaterThan(acked.values().stream().mapToLong(Long::longValue).max().orElseThrow());

            int exit = second.stop(Duration.ofSeconds(10));
            assertThat(exit).as("exit status after SIGTERM (output: %s)", second.output()).isZero();
            assertThat(client.closed.get(10, TimeUnit.SECONDS)).as("close code at shutdown").isEqualTo(1001);
        }
        try (HistoryStore store = HistoryStore.open(db)) {
            List<StoredMessage> all = store.after("lobby", 0, 1000);
            assertThat(all).extracting(StoredMessage::text).containsAll(acked.keySet()).contains("after the crash");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
