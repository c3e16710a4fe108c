package dev.netlab.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.websocket.connection.ConnectionSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Independent clients: the JDK's {@code java.net.http.WebSocket} (also over TLS) and Node's
 * {@code ws} (a strict client: it fails the connection on any frame that breaks RFC 6455 or
 * RFC 7692), with and without permessage-deflate.
 */
@Checkpoint(id = "6.19", title = "Real peers: the JDK's WebSocket client, Node's ws with and without deflate",
        edit = {"dev/netlab/websocket/connection/WebSocketConnection.java", "dev/netlab/websocket/deflate/MessageDeflater.java"},
        hint = "run node src/test/node/ws-client.mjs ws://127.0.0.1:PORT/echo true against ./lab run day6-websocket to see what ws says",
        readme = "#real-clients")
class PeersTest {
    /** Collects what the JDK client receives. */
    static final class Listener implements WebSocket.Listener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private int binary;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add("text:" + text);
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            binary += data.remaining();
            if (last) {
                events.add("binary:" + binary);
                binary = 0;
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            events.add("pong:" + java.nio.charset.StandardCharsets.UTF_8.decode(message));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        void await(int n) throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (events.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
    }

    private static void jdkSession(HttpClient http, TestServer server, String host) throws Exception {
        Listener roomListener = new Listener();
        WebSocket room = http.newWebSocketBuilder().subprotocols("chat").connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(server.url("/room").replace("127.0.0.1", host)), roomListener).get(15, TimeUnit.SECONDS);
        assertThat(room.getSubprotocol()).isEqualTo("chat");
        room.sendText("to the room", true).get(5, TimeUnit.SECONDS);
        roomListener.await(1);
        assertThat(roomListener.events).containsExactly("text:to the room");
        room.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        assertThat(roomListener.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);

        Listener listener = new Listener();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(server.url("/echo").replace("127.0.0.1", host)), listener).get(15, TimeUnit.SECONDS);
        ws.sendText("Hello from the JDK", true).get(5, TimeUnit.SECONDS);
        ws.sendText("in ", false).get(5, TimeUnit.SECONDS);
        ws.sendText("parts", true).get(5, TimeUnit.SECONDS);
        ws.sendBinary(ByteBuffer.wrap(new byte[70_000]), true).get(5, TimeUnit.SECONDS);
        ws.sendPing(ByteBuffer.wrap("ping!".getBytes())).get(5, TimeUnit.SECONDS);
        listener.await(4);
        assertThat(listener.events).containsExactly("text:Hello from the JDK", "text:in parts", "binary:70000", "pong:ping!");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).as("the server's Close answers ours").isEqualTo(1000);
    }

    @Test
    @DisplayName("java.net.http.WebSocket: text, fragmented text, 70 KB binary, ping/pong, subprotocol, close 1000 — over ws:// and wss://")
    void jdkClient() throws Exception {
        try (TestServer server = TestServer.start()) {
            Evidence.current().reproduce("jshell: HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(\"" + server.url("/room") + "\"), listener)");
            jdkSession(HttpClient.newHttpClient(), server, "127.0.0.1");
        }
        DevCertificates certs = DevCertificates.standard();
        try (TestServer tls = TestServer.start(ConnectionSettings.server(), certs.serverContext(), 64)) {
            assertThat(tls.url("/room")).startsWith("wss://");
            jdkSession(HttpClient.newBuilder().sslContext(certs.clientContext()).build(), tls, "localhost");
        }
    }

    private static void nodeSession(TestServer server, boolean deflate) throws Exception {
        Peer.PeerResult r = NodeWs.run(Duration.ofSeconds(60), "ws-client.mjs", server.url("/echo"), Boolean.toString(deflate));
        Evidence.current().reproduce("node day6-websocket/src/test/node/ws-client.mjs " + server.url("/echo") + " " + deflate);
        String out = r.stdout();
        assertThat(out).as("ws output:\n%s\n%s", out, r.stderr()).doesNotContain("\"error\"").contains("DONE 1000");
        assertThat(out).contains("{\"echo\":1,\"ok\":true").contains("{\"echo\":2,\"ok\":true").contains("{\"echo\":3,\"ok\":true")
                .contains("{\"echo\":4,\"ok\":true").contains("{\"pong\":\"ping payload\"}");
        if (deflate) {
            assertThat(out).contains("\"extensions\":\"permessage-deflate");
        } else {
            assertThat(out).contains("\"extensions\":\"\"");
        }
    }

    @Test
    @DisplayName("Node's ws (strict) without permessage-deflate: four messages echoed, a pong, close 1000")
    void nodeWsPlain() throws Exception {
        try (TestServer server = TestServer.start()) {
            nodeSession(server, false);
        }
    }

    @Test
    @DisplayName("Node's ws (strict) with permessage-deflate: negotiated, compressed both ways, close 1000")
    void nodeWsDeflate() throws Exception {
        try (TestServer server = TestServer.start()) {
            nodeSession(server, true);
        }
    }
}
