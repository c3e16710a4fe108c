package dev.netlab.chat.ws;

import static dev.netlab.chat.ws.ChatWire.awaitConnections;
import static dev.netlab.chat.ws.ChatWire.clientFrame;
import static dev.netlab.chat.ws.ChatWire.closePayload;
import static dev.netlab.chat.ws.ChatWire.counter;
import static dev.netlab.chat.ws.ChatWire.http1Member;
import static dev.netlab.chat.ws.ChatWire.openH2;
import static dev.netlab.chat.ws.ChatWire.readHead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.chat.ChatError;
import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.server.ChatServer;
import dev.netlab.http2.programs.RawFrames;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Require;
import dev.netlab.kit.abuse.LeakCheck;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slow-consumer policy over the real transports, its two bounds and how a drop reaches the
 * peer (README, "Fan-out and slow consumers"). The size bound: an outbox that overflows drops its
 * member. The time bound: a member whose writer has had a frame to send and sent none for
 * {@link ChatLimits#outboxMaxWaitMillis} is dropped however little is queued — in a quiet room a
 * member that reads nothing never fills 4 Mi characters, and held its connection, its outbox and a
 * blocked writer as long as the room stayed quiet. How the drop reaches the peer: a member whose
 * blocked send comes back (it reads, too slowly) gets Close 1013 "too slow: reconnect and resume";
 * one that reads nothing has a full TCP window, so no Close can reach it: its blocked send is
 * interrupted after a second's grace and TCP is closed, leaving no thread or descriptor behind.
 *
 * <p>Mistakes it catches, each run once as a hand-made mutant of the given chat (2026-12-06): no
 * time bound (the watch never drops: the quiet room's zero readers were still there after 15 s
 * and 533 messages; {@code ChatServiceTest.stalledConsumerDropped} failed too); no interrupt after
 * the grace (the HTTP/1.1 zero reader was still connected when the 20 s flood ended). A grace that
 * interrupts the writer while it writes its Close ({@code interruptSend} without its {@code inSend}
 * condition, or the old {@code interruptWriter} called instead) cuts the slow reader's 1013 only when
 * that Close's write itself waits past the grace, which the HTTP/1.1 slow reader (100 KiB/s) never
 * makes it do, and no TCP reader can make it do on purpose (the kernel's buffers decide when a
 * blocked write returns). {@code closeWaitingPastTheGraceIsDelivered} makes it happen over h2, where
 * the reader's flow-control credit decides to the octet what the writer may send: the frame in
 * flight completes 0.6 s after the overflow, the Close then waits for credit until 1.3 s, past the
 * grace (1 s after the overflow) and within the engine's close timeout (1 s from the Close's start);
 * both mutants, run once each by hand (2026-12-06), ended the member's stream with END_STREAM and no
 * Close (the row fails); the given chat delivers Close 1013. Its margins are those times: about 0.3 s
 * each way (a machine that stalls the server's threads longer can fail it; the mutant side needs the
 * grace's thread to wake within 0.3 s).
 */
@Checkpoint(id = "7.10", title = "WebSocket on your day 6: the HTTP/1.1 upgrade and RFC 8441 over h2, the live feed, close 1001 at shutdown",
        edit = {"dev/netlab/chat/web/UpgradeRouter.java"},
        hint = "days 5 and 6 must pass (5.20 extended CONNECT, 6.01-6.12); the chat hands the upgraded socket or the h2 tunnel to the same engine",
        readme = "#websocket-two-ways")
class SlowConsumerDropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "q".repeat(1900);

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    @DisplayName("time bound: members that read nothing in a quiet room (one over HTTP/1.1, one over h2 with a zero window) are dropped once their writer has sent nothing for the bound, long before their outbox could fill; the others see every message and no error")
    void quietRoomZeroReadersDropped() throws Exception {
        Duration bound = Duration.ofSeconds(1);
        // the default outbox (1,024 frames, 4 Mi characters): the few hundred frames this test sends cannot overflow it
        ChatLimits limits = ChatLimits.defaults().withRate(50, 50).withOutboxWait(bound);
        try (ChatServer server = ChatServer.start(ChatServer.Options.testing(dir.resolve("q.db")).withLimits(limits))) {
            String url = "wss://localhost:" + server.port() + "/chat";
            String origin = "https://localhost:" + server.port();
            JdkWebSocketClient observer = member(url, origin, "observer");
            JdkWebSocketClient talker = member(url, origin, "talker");

            SSLSocket h2 = h2ZeroWindowMember(server.port(), "zero-h2");
            long h2Joined = System.nanoTime();
            CompletableFuture<Long> h2Ended = streamEnd(h2);
            SSLSocket h1 = http1Member(server.port(), "zero-h1", 4 * 1024);
            awaitConnections(server, 4, 20);

            // a room far from filling an outbox: one 1,900-character message every 25 ms (40/s, within the rate
            // limit): the HTTP/1.1 member's socket buffers (~100 KB: ChatWebSockets.SEND_BUFFER and its 4 KiB
            // window) fill in a few seconds, then its writer blocks; the outbox holds 1,024 frames and 4 Mi characters
            int sent = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while ((server.chat().connections() > 2 || !h2Ended.isDone()) && System.nanoTime() < deadline) {
                talker.send(sendJson(TEXT, "r" + sent));
                sent++;
                Thread.sleep(25);
            }
            assertThat(server.chat().connections()).as("the zero readers dropped within 15 s, %d messages sent", sent).isEqualTo(2);
            assertThat(sent).as("fewer frames than the outbox holds: only the time bound can have dropped them").isLessThan(700);
            assertThat(h2Ended.isDone()).as("the h2 member's stream ended").isTrue();
            double h2Seconds = (h2Ended.get() - h2Joined) / 1e9;
            System.out.printf("quiet room, bound %d ms: zero-window h2 member's stream ended after %.1f s; HTTP/1.1 zero reader dropped; %d messages sent%n",
                    bound.toMillis(), h2Seconds, sent);
            // the h2 member's writer blocks at its first frame (no window): the bound, the watch's period, the engine's close timeout
            assertThat(h2Seconds).as("the h2 member dropped after the bound, not before").isBetween(bound.toMillis() / 1e3 - 0.2, bound.toMillis() / 1e3 + 6);
            assertThat(counter(server, "chat_slow_consumers_total")).as("chat_slow_consumers_total").isEqualTo(2);
            h1.close();

            // the others: every message, no error, still connected
            for (int i = 0; i < sent; i++) {
                String ref = "r" + i;
                talker.await(n -> n.path("type").asText().equals("ack") && n.path("ref").asText().equals(ref));
            }
            List<JsonNode> seen = messages(observer, sent);
            assertThat(seen).as("the observer got every message").hasSize(sent);
            assertThat(seen).noneMatch(n -> n.path("type").asText().equals("error"));
            assertThat(observer.closed.isDone() || talker.closed.isDone()).as("the others stay connected").isFalse();
            h2.close();
        }
    }

    @Test
    @Timeout(90)
    @DisplayName("size bound over HTTP/1.1: a member that reads too slowly gets Close 1013 \"too slow: reconnect and resume\" once its blocked send returns; one that reads nothing is cut off (TCP closed) within the second's grace; no thread or descriptor of either is left")
    void http1SlowConsumers() throws Exception {
        Require.linux();
        ChatLimits limits = ChatLimits.defaults().withRate(5_000, 5_000).withOutbox(32, 1 << 20);
        try (ChatServer server = ChatServer.start(ChatServer.Options.testing(dir.resolve("s.db")).withLimits(limits))) {
            String url = "wss://localhost:" + server.port() + "/chat";
            String origin = "https://localhost:" + server.port();
            JdkWebSocketClient talker = member(url, origin, "talker");
            Thread.sleep(500); // the client's and the server's threads have started
            LeakCheck leaks = LeakCheck.baseline(ProcessHandle.current().pid());

            // the zero reader alone first: its buffers (4 KiB, 64 KiB doubled, 32 frames) fill within about a second of the flood, then the grace
            SSLSocket zero = http1Member(server.port(), "zero", 4 * 1024);
            awaitConnections(server, 2, 20);
            int[] sent = {0};
            long flood = System.nanoTime();
            flood(talker, sent, () -> server.chat().connections() < 2);
            double zeroSeconds = (System.nanoTime() - flood) / 1e9;
            assertThat(server.chat().connections()).as("the zero reader dropped").isEqualTo(1);

            // then a member that reads 2 KiB every 20 ms (100 KiB/s), slower than the flood, fast enough to free a
            // third of the server's send buffer within the grace (Linux wakes a blocked writer only then)
            SSLSocket slow = http1Member(server.port(), "slow", 16 * 1024);
            awaitConnections(server, 2, 20);
            CompletableFuture<int[]> slowClose = CompletableFuture.supplyAsync(() -> readUntilClose(slow, 2048, 20),
                    r -> Thread.ofVirtual().start(r));
            flood(talker, sent, slowClose::isDone);
            int[] close = slowClose.get(20, TimeUnit.SECONDS);
            System.out.printf("HTTP/1.1: the zero reader was gone %.2f s into the flood; the slow reader got close %d; %,d messages in all%n",
                    zeroSeconds, close[0], sent[0]);
            assertThat(close[0]).as("the slow reader's close code").isEqualTo(ChatError.SLOW_CONSUMER.closeCode());
            assertThat(close[1]).as("the Close's reason was \"too slow: reconnect and resume\"").isEqualTo(1);
            // without the grace's interrupt, the engine's idle timeout (75 s) would end it
            assertThat(zeroSeconds).as("the zero reader cut off within the grace (seconds into the flood)").isLessThan(6.0);
            assertThat(counter(server, "chat_slow_consumers_total")).as("chat_slow_consumers_total").isEqualTo(2);
            awaitWebSockets(server, 1); // the talker's: the server's end of the zero reader's connection is gone
            slow.close();
            zero.close();
            awaitConnections(server, 1, 20);
            LeakCheck.Verdict verdict = leaks.after(Duration.ofSeconds(10));
            assertThat(verdict.leaked()).as("threads and descriptors of the dropped members left: %s", verdict).isFalse();
            assertThat(talker.closed.isDone()).as("the talker stays connected").isFalse();
        }
    }

    @Test
    @Timeout(60)
    @DisplayName("a dropped slow consumer's Close is never interrupted: an h2 member whose Close still waits for credit when the drop's grace runs out, and who then reads, gets Close 1013 \"too slow: reconnect and resume\", not a bare end of its stream")
    void closeWaitingPastTheGraceIsDelivered() throws Exception {
        // an outbox of 8 frames: the member's writer holds the first in its send, 8 more are queued, the next overflows
        ChatLimits limits = ChatLimits.defaults().withOutbox(8, 1 << 20);
        try (ChatServer server = ChatServer.start(ChatServer.Options.testing(dir.resolve("c.db")).withLimits(limits));
             MeteredH2Member member = MeteredH2Member.join(server.port(), "metered")) {
            assertThat(member.nextText()).as("the member's first frame").contains("\"type\":\"joined\"");
            assertThat(member.nextText()).as("its own presence").contains("\"type\":\"presence\"");
            String url = "wss://localhost:" + server.port() + "/chat";
            JdkWebSocketClient talker = member(url, "https://localhost:" + server.port(), "talker");
            // the talker's presence is the member's next frame: its writer sends the header (we grant its octets), then waits for credit
            int firstLength = member.header();
            assertThat(firstLength).as("the presence frame's payload length").isPositive();

            // 8 messages fill the outbox behind the frame in flight; the 9th overflows it: the drop starts, its grace with it
            long overflow = 0;
            for (int i = 0; i < 9; i++) {
                String ref = "c" + i;
                talker.send(sendJson("m" + i, ref));
                talker.await(n -> n.path("type").asText().equals("ack") && n.path("ref").asText().equals(ref));
                overflow = System.nanoTime(); // the 9th ack left the sequencer just before the fan-out that overflowed
            }
            // the member reads again: the rest of the frame in flight, before the grace runs out, so the writer's send
            // returns and the writer goes on to its Close, which then waits for credit of its own (the stream's window is 0)
            sleepUntil(overflow + 600_000_000L);
            assertThat(member.payload(firstLength)).as("the rest of the frame in flight").isNotNull();
            // past the grace (1 s after the overflow): a drop that interrupts the writer now cuts its Close off; within the
            // engine's close timeout (1 s from the Close's start, 0.6 s after the overflow) the member gives it credit
            sleepUntil(overflow + 1_300_000_000L);
            member.grant(1024);
            int[] close = member.closeFrame();
            System.out.printf("h2 member whose Close waited past the grace: %s%n",
                    close == null ? "no Close, the stream ended by " + member.ended.getNow("?") : "close " + close[0]);
            assertThat(close).as("a Close frame reached the member (its stream ended by %s instead)", member.ended.getNow("nothing"))
                    .isNotNull();
            assertThat(close[0]).as("the Close's code").isEqualTo(ChatError.SLOW_CONSUMER.closeCode());
            assertThat(close[1]).as("the Close's reason was \"too slow: reconnect and resume\"").isEqualTo(1);
            assertThat(counter(server, "chat_slow_consumers_total")).as("chat_slow_consumers_total").isEqualTo(1);
            awaitConnections(server, 1, 20);
            assertThat(talker.closed.isDone()).as("the talker stays connected").isFalse();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    /**
     * A chat member over h2 (RFC 8441) whose client grants flow-control credit octet by octet: it
     * announces SETTINGS_INITIAL_WINDOW_SIZE 0 (RFC 9113 §6.9.2) and opens stream 1's window only
     * by what it asks for, so the server's writer can send it exactly that, and it knows where each
     * WebSocket frame ends. A thread of its own reads every h2 frame (TCP never backs up).
     */
    private static final class MeteredH2Member implements AutoCloseable {
        private final SSLSocket socket;
        private final OutputStream out;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream(); // stream 1's DATA; guarded by this
        private int taken; // guarded by this
        /** How stream 1 (or the connection) ended: END_STREAM, RST_STREAM, GOAWAY, TCP end. */
        final CompletableFuture<String> ended = new CompletableFuture<>();

        private MeteredH2Member(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        static MeteredH2Member join(int port, String nick) throws IOException {
            MeteredH2Member m = new MeteredH2Member(openH2(port));
            Thread.ofVirtual().name("metered-h2-reader").start(m::read);
            m.send(RawFrames.concat(RawFrames.PREFACE, RawFrames.settings(0x4, 0), RawFrames.settingsAck(),
                    RawFrames.windowUpdate(0, 1 << 30), RawFrames.extendedConnect(1, "/chat"),
                    RawFrames.data(1, clientFrame(0x1, "{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"" + nick + "\"}"), false)));
            return m;
        }

        private void read() {
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                while (true) {
                    RawFrames.Read f = RawFrames.read(in, 1 << 14);
                    if (f.stream() == 1 && f.type() == RawFrames.DATA) {
                        synchronized (this) {
                            received.writeBytes(f.payload());
                            notifyAll();
                        }
                        if ((f.flags() & RawFrames.END_STREAM) != 0) {
                            end("END_STREAM");
                        }
                    } else if (f.stream() == 1 && f.type() == RawFrames.RST_STREAM) {
                        end("RST_STREAM");
                    } else if (f.type() == RawFrames.GOAWAY) {
                        end("GOAWAY");
                    }
                }
            } catch (IOException e) {
                end("TCP end");
            }
        }

        private void end(String how) {
            synchronized (this) {
                ended.complete(how);
                notifyAll();
            }
        }

        private synchronized void send(byte[] frames) throws IOException {
            out.write(frames);
            out.flush();
        }

        /** WINDOW_UPDATE on stream 1: the server may send {@code octets} more. */
        void grant(int octets) throws IOException {
            send(RawFrames.windowUpdate(1, octets));
        }

        /** The next {@code n} octets of stream 1, or null if it ended first (or nothing came for 10 s). */
        synchronized byte[] take(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() - taken < n && !ended.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            if (received.size() - taken < n) {
                return null;
            }
            byte[] b = java.util.Arrays.copyOfRange(received.toByteArray(), taken, taken + n);
            taken += n;
            return b;
        }

        /** Grants and reads the next WebSocket frame's header (RFC 6455 §5.2): its payload length (a server's frames are not masked). */
        int header() throws Exception {
            grant(2);
            byte[] h = take(2);
            assertThat(h).as("a frame header (the stream ended by %s)", ended.getNow("nothing")).isNotNull();
            int len = h[1] & 0x7f;
            int more = len == 126 ? 2 : len == 127 ? 8 : 0;
            if (more == 0) {
                return len;
            }
            grant(more);
            byte[] ext = take(more);
            assertThat(ext).as("an extended payload length").isNotNull();
            long value = 0;
            for (byte b : ext) {
                value = value << 8 | (b & 0xff);
            }
            return Math.toIntExact(value);
        }

        /** Grants and reads {@code length} payload octets; null if the stream ended first. */
        byte[] payload(int length) throws Exception {
            if (length > 0) {
                grant(length);
            }
            return take(length);
        }

        /** The next frame, a text one, granted octet by octet. */
        String nextText() throws Exception {
            int length = header();
            byte[] p = payload(length);
            assertThat(p).as("the frame's payload").isNotNull();
            return new String(p, StandardCharsets.UTF_8);
        }

        /** With credit already granted: the next frame if it is a Close, as {code, 1 if the slow consumer's reason}; null if the stream ended first. */
        int[] closeFrame() throws Exception {
            byte[] h = take(2);
            if (h == null) {
                return null;
            }
            assertThat(h[0] & 0x0f).as("the opcode of the frame after the one in flight: Close (0x8)").isEqualTo(0x8);
            byte[] p = take(h[1] & 0x7f);
            if (p == null) {
                return null;
            }
            int code = ((p[0] & 0xff) << 8) | (p[1] & 0xff);
            String reason = new String(p, 2, p.length - 2, StandardCharsets.UTF_8);
            return new int[] {code, reason.equals("too slow: reconnect and resume") ? 1 : 0};
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The talker sends 10 messages at a time (its own outbox holds 32 frames: an ack and an echo each) and waits for the last one's ack, until {@code done} or 20 s. */
    private static void flood(JdkWebSocketClient talker, int[] sent, java.util.function.BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            for (int i = 0; i < 10; i++) {
                talker.send(sendJson(TEXT, "f" + sent[0]++));
            }
            String last = "f" + (sent[0] - 1);
            talker.await(n -> n.path("type").asText().equals("ack") && n.path("ref").asText().equals(last));
        }
    }

    private static JdkWebSocketClient member(String url, String origin, String nick) throws Exception {
        JdkWebSocketClient c = JdkWebSocketClient.open(url, origin);
        c.send("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"" + nick + "\"}");
        c.await(n -> n.path("type").asText().equals("joined"));
        return c;
    }

    private static String sendJson(String text, String ref) {
        return "{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"" + text + "\",\"ref\":\"" + ref + "\"}";
    }

    /** A member on an RFC 8441 WebSocket over h2 that announces SETTINGS_INITIAL_WINDOW_SIZE 0 and never opens it. */
    private static SSLSocket h2ZeroWindowMember(int port, String nick) throws IOException {
        SSLSocket s = openH2(port);
        s.getOutputStream().write(RawFrames.concat(RawFrames.PREFACE, RawFrames.settings(0x4, 0), RawFrames.settingsAck(),
                RawFrames.extendedConnect(1, "/chat"),
                RawFrames.data(1, clientFrame(0x1, "{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"" + nick + "\"}"), false)));
        s.getOutputStream().flush();
        return s;
    }

    /** When stream 1 ended (RST_STREAM, or DATA with END_STREAM), read on a thread of its own; never reads WebSocket data (there is none: no window). */
    private static CompletableFuture<Long> streamEnd(SSLSocket s) {
        CompletableFuture<Long> ended = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
                while (true) {
                    RawFrames.Read f = RawFrames.read(in, 1 << 14);
                    if (f.stream() == 1 && (f.type() == RawFrames.RST_STREAM
                            || f.type() == RawFrames.DATA && (f.flags() & RawFrames.END_STREAM) != 0)) {
                        ended.complete(System.nanoTime());
                        return;
                    }
                }
            } catch (IOException e) {
                ended.completeExceptionally(e);
            }
        });
        return ended;
    }

    /**
     * Reads server frames {@code chunk} octets at most every {@code pauseMillis} until a Close: its
     * code, and 1 if its reason was the slow-consumer's (0 if not); {-1, 0} if TCP ended first.
     */
    private static int[] readUntilClose(SSLSocket s, int chunk, long pauseMillis) {
        try {
            InputStream in = new BufferedInputStream(new ThrottledInput(s.getInputStream(), chunk, pauseMillis), chunk);
            String head = readHead(in);
            if (!head.startsWith("HTTP/1.1 101 ")) {
                throw new IOException("the upgrade was answered " + head.lines().findFirst().orElse(""));
            }
            byte[] payload = closePayload(new DataInputStream(in));
            int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            String reason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
            return new int[] {code, reason.equals("too slow: reconnect and resume") ? 1 : 0};
        } catch (EOFException | SocketException e) {
            return new int[] {-1, 0};
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An input stream that hands out at most {@code chunk} octets per read and pauses before each: a slow reader. */
    private static final class ThrottledInput extends java.io.FilterInputStream {
        private final int chunk;
        private final long pauseMillis;

        ThrottledInput(InputStream in, int chunk, long pauseMillis) {
            super(in);
            this.chunk = chunk;
            this.pauseMillis = pauseMillis;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            return super.read(b, off, Math.min(len, chunk));
        }
    }

    private static void awaitWebSockets(ChatServer server, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.websockets().open() != n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.websockets().open()).as("WebSockets open on the server").isEqualTo(n);
    }

    /** The chat messages {@code c} received, waiting until {@code n} came (at most 20 s). */
    private static List<JsonNode> messages(JdkWebSocketClient c, int n) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (out.size() < n && System.nanoTime() < deadline) {
            String t = c.texts.poll(200, TimeUnit.MILLISECONDS);
            if (t != null) {
                JsonNode node = JSON.readTree(t);
                if (node.path("type").asText().equals("message") || node.path("type").asText().equals("error")) {
                    out.add(node);
                }
            }
        }
        return out;
    }
}
