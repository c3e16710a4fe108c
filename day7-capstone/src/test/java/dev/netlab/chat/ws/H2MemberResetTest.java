package dev.netlab.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.chat.server.ChatServer;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.tls.DevCertificates;
import io.netty.handler.codec.http2.Http2Error;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat member on an RFC 8441 WebSocket whose client resets the stream (RST_STREAM CANCEL: RFC
 * 8441 §5 maps a TCP reset of the tunnel to it), in a quiet room: RFC 9113 §6.4 — RST_STREAM
 * terminates the stream immediately — so its WebSocket reader, blocked on the tunnel's input,
 * must wake at once and the chat release the member (its place against the connection cap, its
 * session, its presence in the room). Netty's h2 client is the peer.
 *
 * <p>Mistake it catches: a day-5 connection that, on RST_STREAM, neither fails the tunnel's input
 * nor interrupts the stream's worker. The reader then waits until something else ends the tunnel:
 * in a quiet room the keep-alive Ping, 30 s later, whose write finds the stream reset. Measured
 * 2026-12-06 with that hand-made mutant of day 5's reference ({@code onReset} without the wake):
 * still counted 5 s after the reset (this row fails), released 29.9 s after it; with the reference
 * (before and after this session's typed {@code StreamResetException}) released 2–30 ms after it.
 * The "about 10 s" of issue 16 was not reproduced with the reference: a reset member in a quiet or
 * a busy room, idle, mid-frame or with a writer blocked on a zero window, was released within 30 ms.
 */
@Checkpoint(id = "7.10", title = "WebSocket on your day 6: the HTTP/1.1 upgrade and RFC 8441 over h2, the live feed, close 1001 at shutdown",
        edit = {"dev/netlab/chat/web/UpgradeRouter.java"},
        hint = "days 5 and 6 must pass (5.20 extended CONNECT, 6.01-6.12); the chat hands the upgraded socket or the h2 tunnel to the same engine",
        readme = "#websocket-two-ways")
class H2MemberResetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    @DisplayName("an h2 WebSocket member whose client resets its stream (RST_STREAM CANCEL) in a quiet room is released at once: the chat's connections drop to 0 within 5 s, not at the next keep-alive (30 s)")
    void resetMemberIsReleased() throws Exception {
        try (ChatServer server = ChatServer.start(ChatServer.Options.testing(dir.resolve("r.db")))) {
            String origin = "https://localhost:" + server.port();
            try (NettyH2WebSocket h2 = NettyH2WebSocket.connect("localhost", server.port(), DevCertificates.standard().ca())) {
                h2.open("localhost:" + server.port(), "/chat", origin);
                assertThat(h2.response.get(20, TimeUnit.SECONDS).status().toString()).as(":status of the extended CONNECT").isEqualTo("200");
                h2.sendText("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"netty\"}");
                JsonNode joined = null;
                for (int i = 0; i < 20 && joined == null; i++) {
                    String t = h2.next(1);
                    if (t != null && !t.startsWith("close ") && JSON.readTree(t).path("type").asText().equals("joined")) {
                        joined = JSON.readTree(t);
                    }
                }
                assertThat(joined).as("joined lobby over h2").isNotNull();
                assertThat(server.chat().connections()).as("chat connections after the join").isEqualTo(1);

                long reset = System.nanoTime();
                h2.reset(Http2Error.CANCEL);
                long deadline = reset + TimeUnit.SECONDS.toNanos(5);
                while (server.chat().connections() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                double seconds = (System.nanoTime() - reset) / 1e9;
                assertThat(server.chat().connections())
                        .as("chat connections %.1f s after RST_STREAM (RFC 9113 §6.4: the stream is terminated immediately)", seconds)
                        .isZero();
                System.out.printf("h2 member released %.3f s after its RST_STREAM%n", seconds);
                while (server.websockets().open() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(server.websockets().open()).as("WebSockets open on the server").isZero();
            }
        }
    }
}
