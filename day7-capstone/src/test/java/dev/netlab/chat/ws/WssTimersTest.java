package dev.netlab.chat.ws;

import static dev.netlab.chat.ws.ChatWire.awaitConnections;
import static dev.netlab.chat.ws.ChatWire.awaitEnd;
import static dev.netlab.chat.ws.ChatWire.clientFrame;
import static dev.netlab.chat.ws.ChatWire.closePayload;
import static dev.netlab.chat.ws.ChatWire.counter;
import static dev.netlab.chat.ws.ChatWire.http1Member;
import static dev.netlab.chat.ws.ChatWire.openHttp1;
import static dev.netlab.chat.ws.ChatWire.readHead;
import static dev.netlab.chat.ws.ChatWire.upgrade;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.server.ChatServer;
import dev.netlab.kit.Checkpoint;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat's WebSocket timers over {@code wss}: a close at a deadline must never wait. Every chat
 * connection's keep-alive, idle timeout and close timeout run on one thread (the shared
 * {@code Ticker}), and JSSE's {@code SSLSocket.close()} sends close_notify (RFC 8446 §6.1) under
 * the lock of the socket's output records, which a send stuck on a member that stopped reading
 * holds for as long as that member likes. So the chat's transport over an HTTP/1.1 upgrade closes
 * the TCP socket when it is closed from any thread but the connection's own (RFC 6455 §7.1.1:
 * "An endpoint MAY close the connection via any means available when necessary"), as day 6's
 * {@code TlsDeadlinesTest} asks of day 6's server.
 *
 * <p>The row shortens the chat's keep-alive ({@code ChatLimits.withKeepAlive}: a Ping after 2 s,
 * closed after 6 s of silence; the defaults are day 6's 30 s and 75 s) and takes about 8 s.
 *
 * <p>Mistake it catches, run as a mutant (2026-12-06): the chat before its transport closed the
 * TCP socket from other threads ({@code ChatWebSockets.take} handed the engine the
 * {@code SSLSocket} itself): see {@link #idleTimeoutWhileASendIsStuck}.
 */
@Checkpoint(id = "7.10", title = "WebSocket on your day 6: the HTTP/1.1 upgrade and RFC 8441 over h2, the live feed, close 1001 at shutdown",
        edit = {"dev/netlab/chat/web/UpgradeRouter.java"},
        hint = "days 5 and 6 must pass (5.20 extended CONNECT, 6.01-6.12); the chat hands the upgraded socket or the h2 tunnel to the same engine",
        readme = "#websocket-two-ways")
class WssTimersTest {
    private static final String TEXT = "q".repeat(1900);
    /**
     * Messages the talker sends: ~570 KB, several times what the zero reader's buffers hold
     * (~140 KB), far below its outbox (1,024 frames, 4 Mi characters).
     */
    private static final int FLOOD = 300;

    @TempDir
    Path dir;

    /**
     * A member that reads nothing (its receive buffer 4 KiB) in a room where 570 KB are sent: its
     * writer's send waits, holding the {@code SSLSocket}'s output lock, and neither bound of the
     * slow-consumer policy rescues it (the outbox is far from full, the time bound is set to 10
     * minutes). At its idle timeout (6 s of silence here) the {@code Ticker} closes its transport. A
     * second member (the witness) then sends a binary frame, is answered Close 1003, never
     * answers it, and must be cut off by the close timeout (1 s), which the same {@code Ticker}
     * runs. Measured (2026-12-06; the zero reader had been sent about 45-53 of the 300 messages when
     * its send stuck): against the chat whose transport was the {@code SSLSocket} itself, the zero
     * reader was still connected 90.0 s after it joined with the default 75 s idle timeout, and 21.0 s
     * after it with 6 s, and the witness still open 10.0 s after its Close (fails: the {@code Ticker}
     * waited in the zero reader's close); with the TCP socket closed from other threads: gone 75.0 to
     * 75.1 s after it joined (five runs with 75 s), 6.1 and 6.2 s (two runs with 6 s), the witness
     * 1.0 to 1.1 s after its Close.
     */
    @Test
    @Timeout(180)
    @DisplayName("RFC 6455 §7.1.1 over wss: the chat's timers wait for no connection — a member whose send is stuck (it reads nothing) "
            + "is cut at its idle timeout, and another member's close timeout still ends its connection on time")
    void idleTimeoutWhileASendIsStuck() throws Exception {
        // a Ping after 2 s of silence (the talker's JDK client answers it), closed after 6 s (the zero reader cannot)
        ChatLimits limits = ChatLimits.defaults().withRate(5_000, 5_000).withOutboxWait(Duration.ofMinutes(10))
                .withKeepAlive(Duration.ofSeconds(2), Duration.ofSeconds(6));
        Duration idle = Duration.ofMillis(limits.idleTimeoutMillis());
        try (ChatServer server = ChatServer.start(ChatServer.Options.testing(dir.resolve("t.db")).withLimits(limits))) {
            String url = "wss://localhost:" + server.port() + "/chat";
            String origin = "https://localhost:" + server.port();
            JdkWebSocketClient talker = JdkWebSocketClient.open(url, origin);
            talker.send("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"talker\"}");
            talker.await(n -> n.path("type").asText().equals("joined"));
            SSLSocket zero = http1Member(server.port(), "zero", 4 * 1024); // it reads nothing; closed when the row ends
            try (zero) {
                long joined = System.nanoTime(); // the server last heard from it about now: its idle timeout runs from here
                awaitConnections(server, 2, 20);

                for (int i = 0; i < FLOOD; i++) {
                    talker.send("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"" + TEXT + "\",\"ref\":\"f" + i + "\"}");
                }
                String last = "f" + (FLOOD - 1);
                talker.await(n -> n.path("type").asText().equals("ack") && n.path("ref").asText().equals(last));
                Thread.sleep(1_000);
                // the talker was sent all of them; the zero reader far fewer: its writer waits in a send
                long delivered = counter(server, "chat_messages_delivered_total");
                System.out.printf("flood: %d messages, %d delivered to members%n", FLOOD, delivered);
                assertThat(delivered).as("messages delivered (the talker's %d and the zero reader's): the zero reader's send is stuck", FLOOD)
                        .isLessThan(2L * FLOOD - 20);
                assertThat(server.chat().connections()).as("the zero reader is still connected (no slow-consumer drop)").isEqualTo(2);

                // its idle timeout: the Ticker closes its transport; wait for that, or 15 s past it
                long limit = joined + idle.plusSeconds(15).toNanos();
                while (server.chat().connections() > 1 && System.nanoTime() < limit) {
                    Thread.sleep(50);
                }
                boolean zeroGone = server.chat().connections() == 1;
                double zeroSeconds = (System.nanoTime() - joined) / 1e9;

                // the witness: Close 1003 for a binary frame, which it never answers; the close timeout (1 s) must end it
                double witnessSeconds;
                try (SSLSocket witness = openHttp1(server.port(), 64 * 1024)) {
                    OutputStream out = witness.getOutputStream();
                    out.write(upgrade());
                    out.write(clientFrame(0x2, "not JSON text"));
                    out.flush();
                    witness.setSoTimeout(10_000);
                    InputStream in = new BufferedInputStream(witness.getInputStream());
                    assertThat(readHead(in)).as("the witness's upgrade").startsWith("HTTP/1.1 101 ");
                    int code = awaitClose(new DataInputStream(in));
                    long closeAt = System.nanoTime();
                    assertThat(code).as("the witness's Close code (1003: the chat speaks JSON text frames)").isEqualTo(1003);
                    boolean ended = awaitEnd(in);
                    witnessSeconds = (System.nanoTime() - closeAt) / 1e9;
                    System.out.printf("zero reader %s %.1f s after it joined; witness %s %.1f s after its Close%n",
                            zeroGone ? "gone" : "still connected", zeroSeconds, ended ? "ended" : "still open", witnessSeconds);
                    assertThat(ended).as("the witness's connection ended within 10 s of the server's Close (the chat's close timeout: 1 s)").isTrue();
                }
                assertThat(zeroGone).as("the zero reader cut off within 15 s of its idle timeout (%d s)", idle.toSeconds()).isTrue();
                assertThat(zeroSeconds).as("the zero reader cut off at its idle timeout, not before").isGreaterThan(idle.toSeconds() - 1.0);
                assertThat(talker.closed.isDone()).as("the talker stays connected").isFalse();
            }
        }
    }

    /** Reads server frames until a Close; its code (1005 if it carries none: RFC 6455 §7.1.5). */
    private static int awaitClose(DataInputStream frames) throws IOException {
        byte[] payload = closePayload(frames);
        return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }
}
