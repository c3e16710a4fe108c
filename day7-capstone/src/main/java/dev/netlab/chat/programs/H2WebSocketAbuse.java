package dev.netlab.chat.programs;

import static dev.netlab.http2.programs.RawFrames.concat;

import dev.netlab.http2.programs.RawFrames;
import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.abuse.Attack;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The attacks on the chat's WebSocket over HTTP/2 (RFC 8441; given): each one a TLS connection
 * that chose {@code h2} by ALPN (day 5's {@code AbusePlan.overTls}), then frames written by hand
 * with day 5's {@link RawFrames} — an extended CONNECT is HEADERS with {@code :method CONNECT},
 * {@code :protocol websocket}, {@code :path /chat} (RFC 8441 §4), the WebSocket frames ride in
 * DATA (§5). A reader thread per connection reads and drops what the server sends and notes how
 * each stream ended (END_STREAM, RST_STREAM, GOAWAY) and the first octets of its DATA (a Close
 * frame and its code).
 */
final class H2WebSocketAbuse {
    private H2WebSocketAbuse() {}

    private static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    private static final int CANCEL = 0x8;
    /** RFC 6455 §7.4.1: the close code of a message too big. */
    private static final int CLOSE_TOO_BIG = 1009;
    /** The IANA registry of RFC 6455 §11.7: 1013 "Try Again Later", the chat's answer past its connection cap. */
    private static final int CLOSE_TRY_AGAIN_LATER = 1013;
    private static final AtomicLong NAMES = new AtomicLong();

    static List<AbuseRun.Scenario> scenarios(int scale) {
        return List.of(
                // one phase for both ways of opening streams and giving them up: the CI's short suite
                // runs each attack alone for a second, and CI time is short (half the clients each)
                new AbuseRun.Scenario("h2 WebSocket: CONNECT flood, resets mid-frame", a -> {
                    AtomicInteger role = new AtomicInteger();
                    return Attack.custom("h2-connect-flood-resets", a, 4 * scale, true, dev.netlab.http2.programs.AbusePlan.overTls(
                            (s, at) -> {
                                if (role.getAndIncrement() % 2 == 0) {
                                    connectFlood(s, at);
                                } else {
                                    resetsMidFrame(s, at);
                                }
                            }));
                }),
                new AbuseRun.Scenario("h2 WebSocket: oversized messages", a -> Attack.custom("h2-ws-oversized", a, 2 * scale, true,
                        dev.netlab.http2.programs.AbusePlan.overTls(H2WebSocketAbuse::oversized))),
                new AbuseRun.Scenario("h2 WebSocket: zero-window members in a busy room", a -> Attack.custom("h2-ws-zero-window", a,
                        4 * scale, true, dev.netlab.http2.programs.AbusePlan.overTls(H2WebSocketAbuse::zeroWindowMember))));
    }

    /**
     * Extended CONNECTs of {@code /chat} in bursts of 50 every 100 ms on one connection, never
     * sending a WebSocket frame nor ending a stream: past SETTINGS_MAX_CONCURRENT_STREAMS (256)
     * each is refused with RST_STREAM REFUSED_STREAM (RFC 9113 §5.1.2), past the chat's
     * connection cap each WebSocket is closed at once with 1013 (RFC 6455 §7.4.1's registry:
     * "Try Again Later"), and a stream whose WebSocket is over is reset, not kept.
     */
    private static void connectFlood(Socket s, Attack a) throws IOException, InterruptedException {
        try (Conn c = new Conn(s, a, 1 << 20)) {
            for (int stream = 1; a.running() && !c.gone.isDone() && stream < 1 << 30; ) {
                ByteArrayOutputStream burst = new ByteArrayOutputStream();
                for (int i = 0; i < 50; i++, stream += 2) {
                    burst.writeBytes(RawFrames.extendedConnect(stream, "/chat"));
                }
                c.send(burst.toByteArray());
                // 500 a second: past the 256 streams within half a second (a refused WebSocket's
                // stream lives about a second: its Close is never answered); faster measures the
                // handshakes of refused WebSockets, not the caps
                a.pause(Duration.ofMillis(100));
            }
            c.untilGone();
        }
    }

    /**
     * One WebSocket after another: a text frame that claims 16 MiB, then its payload in 16 KiB
     * DATA frames every 10 ms (256 KiB at most, within the stream's window): the chat closes the
     * WebSocket with 1009 once the message passes its 64 KiB (RFC 6455 §7.4.1: "a message that
     * is too big for it to process") and the stream ends; anything else is counted as an error.
     */
    private static void oversized(Socket s, Attack a) throws IOException, InterruptedException {
        try (Conn c = new Conn(s, a, 1 << 20)) {
            byte[] block = new byte[16 * 1024];
            Arrays.fill(block, (byte) 'x'); // unmasked by the key 0: still 'x'
            for (int stream = 1; a.running() && stream < 1 << 30; stream += 2) {
                c.send(concat(RawFrames.extendedConnect(stream, "/chat"),
                        RawFrames.data(stream, AbusePlan.frameHeader(AbusePlan.OPCODE_TEXT, 16L << 20), false)));
                CompletableFuture<String> end = c.end(stream);
                for (int n = 0; a.running() && !end.isDone() && n < 16; n++) {
                    c.send(RawFrames.data(stream, block, false));
                    a.pause(Duration.ofMillis(10));
                }
                String how = c.await(end, Duration.ofSeconds(5), a);
                if (how == null) {
                    return;
                }
                int code = c.closeCode(stream);
                // 1013: the chat was full (all at once, the CONNECT flood holds its connections), refused before any message
                if (code != CLOSE_TOO_BIG && code != CLOSE_TRY_AGAIN_LATER) {
                    throw new IOException("stream " + stream + " ended (" + how + ") with close code " + code + ", not 1009");
                }
                a.pause(Duration.ofMillis(20));
            }
        }
    }

    /**
     * A member of the busy room that never opens its flow-control window (SETTINGS_INITIAL_WINDOW_SIZE
     * 0, RFC 9113 §6.9.2, and no WINDOW_UPDATE ever): it joins and sends 2,000-character messages
     * within the rate limit, so the room keeps sending to it what the server cannot send (§6.9.1: "A
     * sender MUST NOT send a flow-controlled frame with a length that exceeds the space available").
     * The room must not wait for it and what it holds must stay bounded (its outbox). Once its outbox
     * overflows it is dropped within about two seconds (a second for the blocked send to return, then
     * the writer is interrupted, then the close timeout): the stream ends, the attacker counts a close
     * by the server and connects again (day 7's README, "Robustness"; {@code H2ZeroWindowTest}).
     */
    private static void zeroWindowMember(Socket s, Attack a) throws IOException, InterruptedException {
        try (Conn c = new Conn(s, a, 0)) {
            byte[] join = AbusePlan.join("h2-slow-" + NAMES.incrementAndGet());
            c.send(concat(RawFrames.extendedConnect(1, "/chat"), RawFrames.data(1, join, false)));
            byte[] message = RawFrames.data(1, AbusePlan.send("z".repeat(2000), null), false);
            CompletableFuture<String> end = c.end(1);
            while (a.running() && !end.isDone()) {
                c.send(message);
                a.pause(Duration.ofMillis(200)); // 5/s: within the rate limit
            }
            if (end.isDone()) {
                throw new IOException("dropped: " + end.join());
            }
        }
    }

    /**
     * Extended CONNECTs whose first WebSocket frame is cut after 40 of its 1,000 octets by
     * RST_STREAM(CANCEL) — RFC 8441 §5: "RST exceptions are represented with the RST_STREAM
     * frame ... with the CANCEL error code" — two every 50 ms (40 a second: under the rapid-reset
     * limit of 500 resets in 10 s, so each reset reaches a WebSocket, not the GOAWAY): each
     * WebSocket's session is released (the chat's cap is not eaten by dead streams) and its
     * reader thread ends.
     */
    private static void resetsMidFrame(Socket s, Attack a) throws IOException, InterruptedException {
        try (Conn c = new Conn(s, a, 1 << 20)) {
            byte[] cut = Arrays.copyOf(AbusePlan.frame(true, 0, AbusePlan.OPCODE_TEXT, AbusePlan.ascii("b".repeat(1000))), 40);
            for (int stream = 1; a.running() && !c.gone.isDone() && stream < 1 << 30; ) {
                ByteArrayOutputStream burst = new ByteArrayOutputStream();
                for (int i = 0; i < 2; i++, stream += 2) {
                    burst.writeBytes(RawFrames.extendedConnect(stream, "/chat"));
                    burst.writeBytes(RawFrames.data(stream, cut, false));
                    burst.writeBytes(RawFrames.rstStream(stream, CANCEL));
                }
                c.send(burst.toByteArray());
                a.pause(Duration.ofMillis(50));
            }
            c.untilGone();
        }
    }

    /** One attacker's h2 connection: the preface sent, a reader thread noting how streams end. */
    private static final class Conn implements AutoCloseable {
        private final Socket socket;
        private final Attack attack;
        private final OutputStream out;
        private final Map<Integer, CompletableFuture<String>> ends = new ConcurrentHashMap<>();
        private final Map<Integer, byte[]> firstData = new ConcurrentHashMap<>();
        /** Completed when the server sends GOAWAY or closes. */
        final CompletableFuture<String> gone = new CompletableFuture<>();
        private final Thread reader;

        /**
         * The preface, SETTINGS with INITIAL_WINDOW_SIZE {@code window}, the ACK of the server's
         * SETTINGS, and when {@code window > 0} a connection window of 1 GiB (the server may send
         * what it likes); {@code window} 0 leaves the connection window at 65,535 and every
         * stream's at 0.
         */
        Conn(Socket socket, Attack attack, int window) throws IOException {
            this.socket = socket;
            this.attack = attack;
            this.out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            this.reader = Thread.ofPlatform().daemon().name("h2-ws-attack-reader").start(() -> read(in));
            send(concat(RawFrames.PREFACE, RawFrames.settings(SETTINGS_INITIAL_WINDOW_SIZE, window), RawFrames.settingsAck(),
                    window > 0 ? RawFrames.windowUpdate(0, 1 << 30) : new byte[0]));
        }

        private void read(DataInputStream in) {
            try {
                while (true) {
                    RawFrames.Read f = RawFrames.read(in, 1 << 14);
                    switch (f.type()) {
                        case RawFrames.DATA -> {
                            if (f.payload().length > 0) {
                                firstData.putIfAbsent(f.stream(), Arrays.copyOf(f.payload(), Math.min(16, f.payload().length)));
                            }
                            if ((f.flags() & RawFrames.END_STREAM) != 0) {
                                end(f.stream()).complete("END_STREAM");
                            }
                        }
                        case RawFrames.HEADERS -> {
                            if ((f.flags() & RawFrames.END_STREAM) != 0) {
                                end(f.stream()).complete("HEADERS with END_STREAM (refused)");
                            }
                        }
                        case RawFrames.RST_STREAM -> {
                            int code = f.payload().length == 4 ? java.nio.ByteBuffer.wrap(f.payload()).getInt() : -1;
                            end(f.stream()).complete("RST_STREAM " + code);
                        }
                        case RawFrames.GOAWAY -> gone.complete("GOAWAY");
                        default -> {
                            // SETTINGS, its ACK, WINDOW_UPDATE, PING: nothing to do
                        }
                    }
                }
            } catch (IOException e) {
                gone.complete("closed");
            } finally {
                ends.values().forEach(f -> f.complete("the connection ended"));
            }
        }

        CompletableFuture<String> end(int stream) {
            CompletableFuture<String> f = ends.computeIfAbsent(stream, k -> new CompletableFuture<>());
            if (gone.isDone()) {
                f.complete("the connection ended");
            }
            return f;
        }

        /** The close code of the Close frame the server's first DATA on {@code stream} began with, or -1. */
        int closeCode(int stream) {
            byte[] d = firstData.get(stream);
            // an unmasked server frame: 0x88, a length of at least 2, then the code (RFC 6455 §5.5.1)
            if (d == null || d.length < 4 || (d[0] & 0xff) != 0x88 || (d[1] & 0x7f) < 2) {
                return -1;
            }
            return (d[2] & 0xff) << 8 | d[3] & 0xff;
        }

        void send(byte[] octets) throws IOException {
            attack.send(out, octets, 0, octets.length);
        }

        /** How {@code end} came, or null when the attack stopped first; an IOException after {@code limit}. */
        String await(CompletableFuture<String> end, Duration limit, Attack a) throws IOException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (a.running()) {
                try {
                    return end.get(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("the stream did not end within " + limit);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause());
                }
            }
            return null;
        }

        /** Holds the connection until the server ends it (an IOException: counted) or the attack stops. */
        void untilGone() throws IOException, InterruptedException {
            while (attack.running()) {
                if (gone.isDone()) {
                    throw new IOException("the server ended the connection: " + gone.join());
                }
                attack.pause(Duration.ofMillis(50));
            }
        }

        @Override
        public void close() throws InterruptedException {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed either way
            }
            reader.join(1_000);
        }
    }
}
