package dev.netlab.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.server.ChatServer;
import dev.netlab.http2.programs.RawFrames;
import dev.netlab.kit.Checkpoint;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat member on an RFC 8441 WebSocket that never opens its HTTP/2 flow-control window
 * (SETTINGS_INITIAL_WINDOW_SIZE 0, no WINDOW_UPDATE), in a room that keeps talking: the server
 * may send it nothing (RFC 9113 §6.9.1), so its outbox fills; the chat must drop it as it drops
 * a slow reader over HTTP/1.1 and end its stream, not wait for the h2 stall timeout (30 s) with
 * the member's session, outbox and writer held. Mistakes it catches: a Close that waits behind
 * the blocked write forever; a tunnel whose end never reaches the stream (no END_STREAM, no
 * RST_STREAM). Run against the chat before the drop interrupted a blocked writer (2026-12-06):
 * stream 1 still open after 20 s; with it, RST_STREAM after about 2 s (a second's grace for the
 * blocked send, then the engine's 1 s close timeout).
 */
@Checkpoint(id = "7.10", title = "WebSocket on your day 6: the HTTP/1.1 upgrade and RFC 8441 over h2, the live feed, close 1001 at shutdown",
        edit = {"dev/netlab/chat/web/UpgradeRouter.java"},
        hint = "days 5 and 6 must pass (5.20 extended CONNECT, 6.01-6.12); the chat hands the upgraded socket or the h2 tunnel to the same engine",
        readme = "#websocket-two-ways")
class H2ZeroWindowTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    @DisplayName("an h2 WebSocket member with a zero window in a busy room is dropped once its outbox overflows and its stream ends (RST_STREAM or END_STREAM) within seconds")
    void zeroWindowMemberIsDropped() throws Exception {
        ChatLimits limits = ChatLimits.defaults().withOutbox(16, 1 << 20);
        ChatServer server = ChatServer.start(ChatServer.Options.testing(dir.resolve("h.db")).withLimits(limits));
        try {
            String origin = "https://localhost:" + server.port();
            SSLSocket s = ChatWire.openH2(server.port());
            OutputStream out = s.getOutputStream();
            byte[] join = ChatWire.clientFrame(0x1, "{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"zero\"}");
            out.write(RawFrames.concat(RawFrames.PREFACE, RawFrames.settings(0x4, 0), RawFrames.settingsAck(),
                    RawFrames.extendedConnect(1, "/chat"), RawFrames.data(1, join, false)));
            out.flush();

            JdkWebSocketClient talker = JdkWebSocketClient.open("wss://localhost:" + server.port() + "/chat", origin);
            talker.send("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"talker\"}");
            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) { // the rate limit's burst: each one fans out to the zero-window member
                talker.send("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"m" + i + "\",\"ref\":\"r" + i + "\"}");
            }

            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            s.setSoTimeout(20_000);
            String ended = null;
            try {
                while (ended == null) {
                    RawFrames.Read f = RawFrames.read(in, 1 << 14);
                    if (f.stream() == 1 && f.type() == RawFrames.RST_STREAM) {
                        ended = "RST_STREAM";
                    } else if (f.stream() == 1 && f.type() == RawFrames.DATA && (f.flags() & RawFrames.END_STREAM) != 0) {
                        ended = "END_STREAM";
                    } else if (f.type() == RawFrames.GOAWAY) {
                        ended = "GOAWAY";
                    }
                }
            } catch (SocketTimeoutException e) {
                // not ended within 20 s: the assertion says so
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(ended).as("stream 1 ended within 20 s (a zero-window member must not wait for the 30 s stall timeout)")
                    .isIn("RST_STREAM", "END_STREAM");
            System.out.printf("zero-window member: stream ended by %s after %.1f s%n", ended, seconds);
            // the reason: the slow-consumer drop (the talker, whose outbox is as small, may be dropped too on a loaded machine)
            assertThat(ChatWire.counter(server, "chat_slow_consumers_total")).as("connections dropped as slow consumers").isPositive();
            s.close();
        } finally {
            server.stop();
        }
    }
}
