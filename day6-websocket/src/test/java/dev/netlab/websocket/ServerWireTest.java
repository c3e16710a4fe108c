package dev.netlab.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The day's server over TCP, with every piece of your code in place. Mistakes it catches: a
 * handshake answer with the wrong fields or an extra body, a refusal that keeps the connection
 * open, the first frame lost when it arrives in the same segment as the request (octets read
 * past the head), the close handshake left to the client, the room not reaching its sender.
 */
@Checkpoint(id = "6.16", title = "The server on the wire: upgrade, refusals, echo, close, the room",
        edit = {"dev/netlab/websocket/handshake/Handshake.java", "dev/netlab/websocket/connection/WebSocketConnection.java"},
        hint = "all earlier checkpoints must pass; the given WebSocketServer runs your Handshake, then your WebSocketConnection on the same input",
        readme = "#the-connection")
class ServerWireTest {
    @Test
    @DisplayName("RFC 6455 §4.2.2: 101 with Upgrade, Connection and the accept value; echo of text and binary; a clean close")
    void upgradeEchoClose() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = RawClient.connect(server.port())) {
            Evidence.current().reproduce("npx wscat -c " + server.url("/echo"));
            String head = c.handshake("/echo-plain");
            assertThat(head).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                    .containsIgnoringCase("\r\nUpgrade: websocket\r\n").containsIgnoringCase("\r\nConnection: Upgrade\r\n")
                    .contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n").endsWith("\r\n\r\n");
            c.send(Frames.client(Frames.TEXT, "Hello, server"));
            assertThat(c.read(Duration.ofSeconds(5)).text()).isEqualTo("Hello, server");
            c.send(Frames.client(true, Frames.BINARY, new byte[70_000]));
            Frames.Frame big = c.read(Duration.ofSeconds(5));
            assertThat(big.opcode()).isEqualTo(Frames.BINARY);
            assertThat(big.payload()).hasSize(70_000);
            c.send(Frames.client(true, Frames.CLOSE, Frames.closePayload(1000, "bye")));
            List<Frames.Frame> rest = c.readUntilClosed(Duration.ofSeconds(5));
            assertThat(rest).hasSize(1);
            assertThat(rest.get(0).closeCode()).isEqualTo(1000);
        }
    }

    @Test
    @DisplayName("a frame sent in the same segment as the upgrade request is not lost")
    void frameBehindTheHead() throws Exception {
        try (TestServer server = TestServer.start(); RawClient c = RawClient.connect(server.port())) {
            String req = "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + RawClient.KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            c.send(Frames.concat(req.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), Frames.client(Frames.TEXT, "eager")));
            c.request("");
            assertThat(c.responseHead()).startsWith("HTTP/1.1 101");
            assertThat(c.read(Duration.ofSeconds(5)).text()).isEqualTo("eager");
        }
    }

    @Test
    @DisplayName("refusals on the wire: 426 with Sec-WebSocket-Version, 403 for a foreign Origin, 404, and the connection closed")
    void refusals() throws Exception {
        try (TestServer server = TestServer.start()) {
            try (RawClient c = RawClient.connect(server.port())) {
                String r = c.handshake("/echo", "Sec-WebSocket-Version: 8");
                assertThat(r).as("two version fields: 13 and 8").startsWith("HTTP/1.1 426");
            }
            try (RawClient c = RawClient.connect(server.port())) {
                String r = c.request("GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + RawClient.KEY + "\r\nSec-WebSocket-Version: 8\r\n\r\n");
                assertThat(r).startsWith("HTTP/1.1 426").contains("Sec-WebSocket-Version: 13");
                assertThat(c.readUntilClosed(Duration.ofSeconds(5))).as("closed after the refusal").doesNotContainNull();
            }
            try (RawClient c = RawClient.connect(server.port())) {
                assertThat(c.handshake("/echo", "Origin: https://evil.example")).startsWith("HTTP/1.1 403");
            }
            try (RawClient c = RawClient.connect(server.port())) {
                assertThat(c.handshake("/echo", "Origin: " + TestServer.ORIGIN)).startsWith("HTTP/1.1 101");
            }
            try (RawClient c = RawClient.connect(server.port())) {
                assertThat(c.handshake("/nowhere")).startsWith("HTTP/1.1 404");
            }
            try (RawClient c = RawClient.connect(server.port())) {
                assertThat(c.request("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 426").contains("Upgrade: websocket");
            }
        }
    }

    @Test
    @DisplayName("the room: a message from one member reaches every member, itself included; the subprotocol 'chat' is chosen")
    void room() throws Exception {
        try (TestServer server = TestServer.start();
             RawClient a = RawClient.open(server.port(), "/room", "Sec-WebSocket-Protocol: chat");
             RawClient b = RawClient.open(server.port(), "/room")) {
            assertThat(a.responseHead()).contains("Sec-WebSocket-Protocol: chat");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.room.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            a.send(Frames.client(Frames.TEXT, "hi all"));
            assertThat(a.read(Duration.ofSeconds(5)).text()).isEqualTo("hi all");
            assertThat(b.read(Duration.ofSeconds(5)).text()).isEqualTo("hi all");
        }
    }
}
