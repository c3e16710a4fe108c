package dev.netlab.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.chat.history.HistoryStore;
import dev.netlab.chat.history.StoredMessage;
import dev.netlab.chat.server.ChatServer;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.tls.DevCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat's WebSocket on your day 6, both ways it can travel, with clients that share no code
 * with the lab: the JDK's {@code java.net.http.WebSocket} (an HTTP/1.1 upgrade over TLS) and
 * Netty's HTTP/2 codec opening an RFC 8441 extended CONNECT on an h2 connection; both in one
 * room; then the dashboard feed at {@code /live}; then a graceful shutdown: a message read just
 * before it is stored and acknowledged, every client gets close 1001, the history has it.
 *
 * <p>Mistakes it catches: the 101 sent before the handshake's checks, a wrong
 * Sec-WebSocket-Accept, frames read from the socket while octets past the head were left in the
 * parser's buffer, SETTINGS_ENABLE_CONNECT_PROTOCOL not advertised, the 200 sent with
 * END_STREAM, the tunnel not flow-controlled, a frame longer than a read buffer cut short or
 * mangled, a close code other than 1001 at shutdown, a shutdown that drops what was read but not
 * yet stored.
 */
@Checkpoint(id = "7.10", title = "WebSocket on your day 6: the HTTP/1.1 upgrade and RFC 8441 over h2, the live feed, close 1001 at shutdown",
        edit = {"dev/netlab/chat/web/UpgradeRouter.java"},
        hint = "days 5 and 6 must pass (5.20 extended CONNECT, 6.01-6.12); the chat hands the upgraded socket or the h2 tunnel to the same engine",
        readme = "#websocket-two-ways")
class WebSocketTransportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode awaitH2(NettyH2WebSocket c, Predicate<JsonNode> what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String t = c.next(1);
            if (t != null && !t.startsWith("close ") && what.test(JSON.readTree(t))) {
                return JSON.readTree(t);
            }
        }
        throw new AssertionError("no such message over h2 within 20 s");
    }

    /** The answer to {@code ref}, or null when the connection closed without one; at most 20 s. */
    private static JsonNode answerOrClose(JdkWebSocketClient c, String ref) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            boolean closed = c.closed.isDone();
            String t = c.texts.poll(100, TimeUnit.MILLISECONDS);
            if (t != null) {
                JsonNode m = JSON.readTree(t);
                if (m.path("ref").asText().equals(ref)) {
                    return m;
                }
            } else if (closed) {
                return null; // closed before this poll, and nothing left to read
            }
        }
        throw new AssertionError("neither an answer to " + ref + " nor a close within 20 s");
    }

    private static Predicate<JsonNode> type(String type) {
        return m -> m.path("type").asText().equals(type);
    }

    @Test
    @DisplayName("the JDK client (HTTP/1.1 upgrade) and Netty (RFC 8441 over h2) chat in one room; /live feeds the metrics; shutdown: acked, stored, 1001")
    void twoTransports() throws Exception {
        Path db = dir.resolve("h.db");
        boolean lastAcked;
        String longText;
        ChatServer server = ChatServer.start(ChatServer.Options.testing(db));
        try {
            String origin = "https://localhost:" + server.port();
            Evidence.current().reproduce("./lab run day7-capstone --solutions   then in Chromium's console on https://localhost:8443/: "
                    + "new WebSocket('wss://localhost:8443/chat')  (DevTools > Network shows h2 and the WS frames)");
            JdkWebSocketClient jdk = JdkWebSocketClient.open("wss://localhost:" + server.port() + "/chat", origin);
            jdk.send("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"jdk\"}");
            assertThat(jdk.await(type("joined")).path("members").toString()).isEqualTo("[\"jdk\"]");

            try (NettyH2WebSocket h2 = NettyH2WebSocket.connect("localhost", server.port(), DevCertificates.standard().ca())) {
                assertThat(h2.connectProtocol.get()).as("SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441 §3)").isTrue();
                h2.open("localhost:" + server.port(), "/chat", origin);
                assertThat(h2.response.get(20, TimeUnit.SECONDS).status().toString()).as(":status of the extended CONNECT").isEqualTo("200");
                assertThat(h2.streamEnded).as("the stream stays open").isNotDone();
                h2.sendText("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"netty\"}");
                assertThat(awaitH2(h2, type("joined")).path("members").toString()).isEqualTo("[\"jdk\",\"netty\"]");
                assertThat(jdk.await(m -> type("presence").test(m) && m.path("nick").asText().equals("netty")).path("members").toString())
                        .isEqualTo("[\"jdk\",\"netty\"]");

                h2.sendText("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"over h2\",\"ref\":\"n1\"}");
                assertThat(awaitH2(h2, type("ack")).path("ref").asText()).isEqualTo("n1");
                assertThat(jdk.await(type("message")).path("text").asText()).isEqualTo("over h2");
                jdk.send("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"over the upgrade\",\"ref\":\"j1\"}");
                assertThat(awaitH2(h2, m -> type("message").test(m) && m.path("nick").asText().equals("jdk"))
                        .path("text").asText()).isEqualTo("over the upgrade");
                assertThat(server.websockets().opened(ChatWebSockets.Transport.HTTP1_UPGRADE)).isEqualTo(1);
                assertThat(server.websockets().opened(ChatWebSockets.Transport.HTTP2_EXTENDED_CONNECT)).isEqualTo(1);

                // the dashboard's feed
                JdkWebSocketClient live = JdkWebSocketClient.open("wss://localhost:" + server.port() + "/live", origin);
                String first = live.texts.poll(20, TimeUnit.SECONDS);
                assertThat(first).as("/live sends the metrics").contains("# TYPE chat_connections gauge").contains("chat_connections 2\n");
                assertThat(live.texts.poll(20, TimeUnit.SECONDS)).as("and again a second later").contains("chat_messages_stored_total 2\n");

                // a message longer than the chat's read buffer (ChatWebSockets.READ_BUFFER, 512 octets) and
                // than day 6's payload array (2 KiB), each way: 4,504 octets of UTF-8 arrive whole and unchanged
                longText = "\u6f22".repeat(1500) + " end";
                jdk.send(JSON.createObjectNode().put("type", "send").put("room", "lobby").put("text", longText).put("ref", "j-long").toString());
                assertThat(awaitH2(h2, m -> type("message").test(m) && m.path("nick").asText().equals("jdk")).path("text").asText())
                        .as("a 4,504-octet message over the upgrade, read by the h2 member").isEqualTo(longText);
                h2.sendText(JSON.createObjectNode().put("type", "send").put("room", "lobby").put("text", longText).put("ref", "n-long").toString());
                assertThat(jdk.await(m -> type("message").test(m) && m.path("nick").asText().equals("netty")).path("text").asText())
                        .as("a 4,504-octet message over h2, read by the upgraded member").isEqualTo(longText);

                // a graceful shutdown right after a send: whatever the server read in time is stored and
                // acknowledged, or refused with going_away; then 1001 everywhere. A send its reader gets to
                // only after the outbox closed gets no answer at all - the Close is already queued, and after
                // it no data frame may follow (RFC 6455 §5.5.1) - and is not stored: unacknowledged means
                // "send it again" (the page does, on its next connection). CI saw that third case once.
                jdk.send("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"last words\",\"ref\":\"j2\"}");
                server.stop();
                JsonNode answer = answerOrClose(jdk, "j2");
                lastAcked = answer != null && answer.path("type").asText().equals("ack");
                assertThat(answer == null || lastAcked || answer.path("code").asText().equals("going_away"))
                        .as("the answer to the last send: %s", answer).isTrue();
                assertThat(jdk.closed.get(10, TimeUnit.SECONDS)).as("the JDK client's close code").isEqualTo(1001);
                assertThat(live.closed.get(10, TimeUnit.SECONDS)).as("the dashboard's close code").isEqualTo(1001);
                String end;
                do {
                    end = h2.next(10);
                } while (end != null && !end.startsWith("close "));
                assertThat(end).as("the h2 client's close frame").isEqualTo("close 1001");
            }
        } finally {
            server.stop();
        }
        try (HistoryStore store = HistoryStore.open(db)) {
            List<StoredMessage> kept = store.recent("lobby", 10);
            assertThat(kept).extracting(StoredMessage::text).as("acknowledged means stored; refused means not")
                    .isEqualTo(lastAcked ? List.of("over h2", "over the upgrade", longText, longText, "last words")
                            : List.of("over h2", "over the upgrade", longText, longText));
        }
    }
}
