package dev.netlab.transport.kv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.transcript.RecordingSocket;
import dev.netlab.transport.TimeoutKind;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Real sockets, real time, short limits: idle 400 ms, request 1 s, write 1 s. While one client
 * misbehaves, another must still be answered quickly.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 9 mutants, 8 killed, 1 equivalent): completed requests not reported (the request
 * deadline keeps running); writes not under the write deadline; a watchdog that counts but never
 * closes, or that looks once and stops; the answers of a whole read buffered (no flush every
 * 64 KiB: ~90 MB of heap); every connection served on the acceptor thread. Two survived the first
 * run and are killed by {@code deadlinesAfterAnAnswer}, added for them: the write's completion not
 * reported (a client that got its answer is closed by the write deadline instead of idle), and the
 * next request, begun in the read that finished the last, not marked after the write (its rest
 * judged by the idle deadline). Equivalent: bytes read not reported at the top of the loop, since
 * a read that leaves a partial frame marks the request as begun after the write anyway.
 */
@Checkpoint(id = "2.09", title = "Slow clients: idle timeout, slowloris, slow reader",
        edit = {"dev/netlab/transport/kv/KvServer.java", "dev/netlab/transport/ConnectionDeadlines.java"},
        hint = "report reads, completed requests and writes to ConnectionDeadlines; a watchdog thread closes expired sockets",
        readme = "#timeouts-and-slow-clients")
class SlowClientsTest {
    private static final KvLimits LIMITS = new KvLimits(Duration.ofMillis(400), Duration.ofSeconds(1), Duration.ofSeconds(1));
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private KvServer server;

    @BeforeEach
    void start() throws IOException {
        server = new KvServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new KvStore(), LIMITS);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofMillis(500));
    }

    private static byte[] frame(String payload) {
        byte[] p = payload.getBytes(UTF_8);
        return ByteBuffer.allocate(4 + p.length).putInt(p.length).put(p).array();
    }

    private static String readFrame(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        return new String(data.readNBytes(data.readInt()), UTF_8);
    }

    /** Reads until the server closes (end of stream or reset); returns how long that took. */
    private static Duration awaitClose(InputStream in) throws IOException {
        long start = System.nanoTime();
        try {
            while (in.read() != -1) {
                // discard
            }
        } catch (SocketException reset) {
            // closed with a reset: also closed
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** A well-behaved client: PING must be answered within 500 ms. */
    private void assertOthersServed() throws IOException {
        try (RecordingSocket c = RecordingSocket.connect("well-behaved", server.address(), TIMEOUT)) {
            long start = System.nanoTime();
            c.out().write(frame("PING"));
            assertThat(readFrame(c.in())).isEqualTo("+PONG");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a well-behaved client waits for nobody")
                    .isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    @DisplayName("idle: a connection that sends nothing is closed after about 400 ms")
    void idle() throws IOException {
        try (RecordingSocket silent = RecordingSocket.connect("silent", server.address(), TIMEOUT)) {
            assertThat(awaitClose(silent.in())).isBetween(Duration.ofMillis(300), Duration.ofMillis(2500));
        }
        assertThat(server.timeouts(TimeoutKind.IDLE)).isEqualTo(1);
    }

    @Test
    @DisplayName("an active client (a PING every 200 ms for 2 s) is never idle")
    void activeIsNotIdle() throws Exception {
        try (RecordingSocket c = RecordingSocket.connect("active", server.address(), TIMEOUT)) {
            for (int i = 0; i < 10; i++) {
                c.out().write(frame("PING"));
                assertThat(readFrame(c.in())).isEqualTo("+PONG");
                Thread.sleep(200);
            }
        }
        assertThat(server.timeouts(TimeoutKind.IDLE)).isZero();
    }

    @Test
    @DisplayName("after an answer a silent client is idle, not writing; a request begun in the same read runs the request deadline")
    void deadlinesAfterAnAnswer() throws IOException {
        try (RecordingSocket answered = RecordingSocket.connect("answered", server.address(), TIMEOUT)) {
            answered.out().write(frame("PING"));
            assertThat(readFrame(answered.in())).isEqualTo("+PONG");
            awaitClose(answered.in());
        }
        assertThat(server.timeouts(TimeoutKind.WRITE)).as("the write completed: no write deadline runs").isZero();
        assertThat(server.timeouts(TimeoutKind.IDLE)).isEqualTo(1);
        try (RecordingSocket halfSent = RecordingSocket.connect("half-sent", server.address(), TIMEOUT)) {
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            read.writeBytes(frame("PING"));
            read.writeBytes(java.util.Arrays.copyOf(frame("PING"), 3)); // the next request's first 3 octets
            halfSent.out().write(read.toByteArray());
            assertThat(readFrame(halfSent.in())).isEqualTo("+PONG");
            awaitClose(halfSent.in());
        }
        assertThat(server.timeouts(TimeoutKind.REQUEST)).as("the next request had begun: closed by the request deadline").isEqualTo(1);
        assertThat(server.timeouts(TimeoutKind.IDLE)).isEqualTo(1);
    }

    @Test
    @DisplayName("slowloris: one byte every 250 ms never finishes a request; closed at the 1 s request deadline")
    void slowloris() throws Exception {
        byte[] request = frame("SET k " + "x".repeat(20)); // 30 octets: 7.5 s at this pace
        try (RecordingSocket loris = RecordingSocket.connect("slowloris", server.address(), TIMEOUT)) {
            CompletableFuture<Duration> closed = CompletableFuture.supplyAsync(() -> {
                try {
                    return awaitClose(loris.in());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            try {
                for (int i = 0; i < request.length && !closed.isDone(); i++) {
                    loris.out().write(request[i]);
                    loris.out().flush();
                    if (i == 2) {
                        assertOthersServed(); // while the slowloris holds its connection
                    }
                    Thread.sleep(250);
                }
            } catch (SocketException closedUnderUs) {
                // the server closed while we were still trickling: that is the point
            }
            assertThat(closed.get(5, TimeUnit.SECONDS)).as("closed at the request deadline, not after the last byte")
                    .isLessThan(Duration.ofMillis(2500));
        }
        assertThat(server.timeouts(TimeoutKind.REQUEST)).isEqualTo(1);
    }

    @Test
    @DisplayName("slow reader: 120 MB of pipelined answers never read; closed at the 1 s write deadline, others still served")
    void slowReader() throws Exception {
        try (Socket setup = new Socket()) {
            setup.connect(server.address(), 5000);
            setup.setSoTimeout(5000);
            setup.getOutputStream().write(frame("SET big " + "v".repeat(60_000)));
            assertThat(readFrame(setup.getInputStream())).isEqualTo("+OK");
        }
        try (Socket reader = new Socket()) {
            reader.setReceiveBufferSize(16 * 1024);
            reader.connect(server.address(), 5000);
            reader.setSoTimeout(5000);
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 2000; i++) {
                batch.writeBytes(frame("GET big"));
            }
            reader.getOutputStream().write(batch.toByteArray()); // 22 kB of requests, ~120 MB of answers
            Thread.sleep(200);
            assertOthersServed(); // while the server is blocked writing to the slow reader
            // Never read: the server's write blocks, and the watchdog must end it at the write deadline.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.timeouts(TimeoutKind.WRITE) == 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(20);
            }
            assertThat(server.timeouts(TimeoutKind.WRITE)).as("connections closed by the write deadline").isEqualTo(1);
            assertOthersServed();
            // What the kernel had buffered still arrives, then the end: drain it fast.
            boolean closed = false;
            byte[] sink = new byte[1 << 16];
            try {
                while (reader.getInputStream().read(sink) != -1) {
                    // discard
                }
                closed = true;
            } catch (SocketException reset) {
                closed = true;
            }
            assertThat(closed).as("the slow reader is closed by the write deadline").isTrue();
        }
        assertThat(server.timeouts(TimeoutKind.WRITE)).isEqualTo(1);
    }
}
