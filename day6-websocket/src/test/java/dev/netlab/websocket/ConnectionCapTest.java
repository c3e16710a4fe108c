package dev.netlab.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.abuse.ProbeClient;
import dev.netlab.websocket.connection.ConnectionSettings;
import dev.netlab.websocket.server.WebSocketServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The given {@link WebSocketServer}'s connection cap: at most {@code maxConnections} connections
 * are served at once, the next waits in the kernel's accept backlog (connected, unanswered) and is
 * served as soon as one closes. It asks for a page (given code, none of the learner's), so it
 * passes on both tracks: the cap is the given accept loop's, not an exercise. Mistakes it
 * catches: no cap (the third connection is served at once), a slot taken after accept() instead of
 * before (three accepted, not two), a slot never given back when a connection ends (the third is
 * never served).
 */
class ConnectionCapTest {
    @Test
    @DisplayName("at most maxConnections at once: the next waits in the backlog and is served when one closes")
    void connectionBeyondTheCapWaits() throws Exception {
        WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0), null, ConnectionSettings.server())
                .page("/x", "text/plain", "x\n".getBytes(StandardCharsets.US_ASCII)).maxConnections(2).start();
        try (server; Socket a = connect(server); Socket b = connect(server); Socket c = connect(server)) {
            // a and b are silent: each holds a slot until its head deadline (10 s)
            c.getOutputStream().write("GET /x HTTP/1.1\r\nHost: cap\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            c.getOutputStream().flush();
            Thread.sleep(300);
            assertThat(c.getInputStream().available()).as("the third connection is not served while two are open").isZero();
            assertThat(server.connectionsAccepted()).isEqualTo(2);
            assertThat(server.connectionsServed()).isEqualTo(2);
            a.close(); // the server sees the end of stream, closes, and frees a slot
            assertThat(ProbeClient.readHead(c.getInputStream())).startsWith("HTTP/1.1 200 ");
            assertThat(server.connectionsAccepted()).isEqualTo(3);
        }
    }

    private static Socket connect(WebSocketServer server) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
        s.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
        return s;
    }
}
