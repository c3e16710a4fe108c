package dev.netlab.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.transport.kv.KvServer;
import dev.netlab.transport.kv.KvStore;
import java.io.DataInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients against the servers: absurd lengths, half frames, resets mid-frame, silence,
 * floods. Each gets a clear outcome, everyone else keeps being served, and when the server
 * stops no thread and no file descriptor is left behind (counted before and after).
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 11 mutants, 9 killed, 1 killed by 2.02, 1 equivalent): in the key-value
 * server, an absurd length answered but the connection kept open, or closed without the
 * {@code -ERR frame too long} frame; the socket not closed when the client leaves (no
 * try-with-resources); a watchdog thread that outlives {@code stop}; a garbage command that ends
 * the connection; in the selector server, a failed connection's key cancelled but its channel left
 * open, and one failing connection ending the loop; and, since their rows were added, the bytes
 * still owed to a reset client not subtracted from {@code bufferedBytes} ({@code selectorResets}
 * now also resets 3 clients while the server owes them bytes: each sends without reading until
 * {@code bufferedBytes} is positive; the mutant kept 65,536), and the pool's acceptor giving up on
 * its first failed {@code accept} ({@code poolAcceptorOutlivesFailedAccepts}: the echo-pool
 * program's RLIMIT_NOFILE is lowered with prlimit to leave it one descriptor, clients connect
 * until one is not served (its accept fails with EMFILE while the listening socket stays open);
 * the waiting client is served once a held connection closes, and the mutant never served it; a
 * first version that counted on exactly two free descriptors failed once in an audit, when a
 * descriptor the server closed late freed a third). A refused connection left open by the pool
 * survives here (stop closes every tracked socket) but is killed by PooledEchoServerTest (2.02).
 * Equivalent: the pool's {@code shutdownNow} left out of {@code stop}, since closing every
 * connection before it already ends the drained workers. The descriptors run out in a program's
 * JVM of its own, never in this one.
 */
@Checkpoint(id = "2.16", title = "Hostile clients: others still served, no thread or file descriptor leaks",
        edit = {"dev/netlab/transport/kv/KvServer.java", "dev/netlab/transport/PooledEchoServer.java",
                "dev/netlab/transport/SelectorEchoServer.java"},
        hint = "close every socket on every path (try-with-resources), and make stop() end every thread it started",
        readme = "#hostile-clients")
class HostileClientsTest {
    private static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final HexFormat HEX = HexFormat.of();

    /** Open file descriptors of this JVM (Linux: /proc/self/fd). */
    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static int platformThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Runs the scenario once to warm the JVM up, then again between two counts, which must agree. */
    private static void assertNoLeaks(String what, ThrowingRunnable scenario) throws Exception {
        Require.linux();
        scenario.run();
        long fds = awaitSettled(HostileClientsTest::openFdsUnchecked, Long.MAX_VALUE);
        int threads = (int) awaitSettled(() -> (long) platformThreads(), Long.MAX_VALUE);
        scenario.run();
        long fdsAfter = awaitSettled(HostileClientsTest::openFdsUnchecked, fds);
        long threadsAfter = awaitSettled(() -> (long) platformThreads(), threads);
        assertThat(fdsAfter).as(what + ": open file descriptors after the server stopped (before: " + fds + ")")
                .isLessThanOrEqualTo(fds);
        assertThat(threadsAfter).as(what + ": platform threads after the server stopped (before: " + threads + ")")
                .isLessThanOrEqualTo(threads);
    }

    private static long openFdsUnchecked() {
        try {
            return openFds();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Polls (bounded, 5 s) until the value is at most {@code target}, or stable; returns it. */
    private static long awaitSettled(Supplier<Long> value, long target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long v = value.get();
        while (v > target && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
            v = value.get();
            if (target == Long.MAX_VALUE) {
                Thread.sleep(200);
                long again = value.get();
                if (again == v) {
                    return v;
                }
                v = again;
            }
        }
        return v;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static byte[] frame(String payload) {
        byte[] p = payload.getBytes(UTF_8);
        return ByteBuffer.allocate(4 + p.length).putInt(p.length).put(p).array();
    }

    private static void ping(InetSocketAddress server) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server, 3000);
            s.setSoTimeout(3000);
            s.getOutputStream().write(frame("PING"));
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] reply = in.readNBytes(in.readInt());
            assertThat(new String(reply, UTF_8)).as("a well-behaved client among hostile ones").isEqualTo("+PONG");
        }
    }

    /** One hostile client: what it does depends on {@code kind}. */
    private static void hostile(InetSocketAddress server, int kind) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server, 3000);
            s.setSoTimeout(3000);
            switch (kind % 5) {
                case 0 -> { // an absurd declared length: -ERR frame too long, then closed
                    s.getOutputStream().write(HEX.parseHex("7fffffff"));
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    assertThat(new String(in.readNBytes(in.readInt()), UTF_8)).isEqualTo("-ERR frame too long");
                    assertThat(in.read()).isEqualTo(-1);
                }
                case 1 -> s.getOutputStream().write(HEX.parseHex("0000")); // half a length, then FIN
                case 2 -> { // half a frame, then a reset
                    s.getOutputStream().write(HEX.parseHex("0000000a50494e"));
                    s.setSoLinger(true, 0);
                }
                case 3 -> { } // connects, sends nothing, leaves
                default -> { // a garbage command: an error frame, and the connection stays usable
                    s.getOutputStream().write(frame("\u0000\u0001garbage"));
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    assertThat(new String(in.readNBytes(in.readInt()), UTF_8)).startsWith("-ERR");
                }
            }
        }
    }

    @Test
    @DisplayName("key-value server: 100 hostile clients (absurd lengths, half frames, resets, silence, garbage) between PINGs")
    void kvServer() throws Exception {
        assertNoLeaks("kv server", () -> {
            KvServer server = new KvServer(ANY, new KvStore());
            server.start();
            try {
                for (int i = 0; i < 100; i++) {
                    hostile(server.address(), i);
                    if (i % 10 == 0) {
                        ping(server.address());
                    }
                }
                ping(server.address());
            } finally {
                server.stop(Duration.ofMillis(500));
            }
        });
    }

    @Test
    @DisplayName("pooled echo server: a flood of 300 connections on 2 workers + 2 queued, held open, then dropped")
    void poolFlood() throws Exception {
        assertNoLeaks("pooled echo server", () -> {
            PooledEchoServer server = new PooledEchoServer(ANY, 2, 2);
            server.start();
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    Socket s = new Socket();
                    flood.add(s);
                    s.connect(server.address(), 3000);
                }
                for (Socket s : flood) {
                    s.setSoLinger(true, 0);
                    s.close();
                }
                // Once the flood is gone, service is back: the acceptor may still be taking reset
                // connections out of the backlog (and refusing some by the overload policy), so a
                // newcomer can be refused for a moment — but within a few seconds it is served.
                String echoed = "";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                int attempts = 0;
                while (!echoed.equals("ok") && System.nanoTime() < deadline) {
                    attempts++;
                    try (Socket s = new Socket()) {
                        s.connect(server.address(), 3000);
                        s.setSoTimeout(3000);
                        s.getOutputStream().write("ok".getBytes(UTF_8));
                        s.shutdownOutput();
                        echoed = new String(s.getInputStream().readAllBytes(), UTF_8);
                    } catch (IOException refusedByOverloadPolicy) {
                        echoed = "";
                    }
                    if (!echoed.equals("ok")) {
                        Thread.sleep(50);
                    }
                }
                assertThat(echoed).as("echo after the flood (%d attempts, %d refused by the overload policy)",
                        attempts, server.rejected()).isEqualTo("ok");
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
                server.stop(Duration.ofMillis(500));
            }
        });
    }

    @Test
    @DisplayName("pooled echo server out of file descriptors (its RLIMIT_NOFILE lowered with prlimit): accept fails while"
            + " the listening socket stays open; the acceptor carries on, and once a connection closes the waiting client"
            + " is served")
    void poolAcceptorOutlivesFailedAccepts() throws Exception {
        Require.linux();
        Peer prlimit = Peer.require("prlimit");
        ProgramStubs.failIfStub(ServerModel.POOL.program());
        try (ProgramProcess p = ProgramProcess.start(ServerModel.POOL.program(), "--port", "0")) {
            Evidence.current().reproduce("./lab run day2-tcp-udp echo-pool -- --port 0   then: prlimit --pid PID --nofile=N:");
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    URI.create(p.awaitReady(Duration.ofSeconds(20))).getPort());
            List<Socket> held = new ArrayList<>();
            try {
                held.add(echoing(server)); // the echo path's classes loaded before the limit; held by a worker
                long pid = p.process().pid();
                prlimit.run(Duration.ofSeconds(5), "--pid", "" + pid, "--nofile=" + limitLeaving(pid, 1) + ":")
                        .assertSuccess();
                // Connect until a client is not served: its accept() failed (EMFILE). Usually the
                // second; a descriptor the JVM closed meanwhile may let one more through.
                Socket waiting = null;
                for (int i = 0; i < 5 && waiting == null; i++) {
                    Socket s = new Socket();
                    held.add(s);
                    s.connect(server, 3000); // the kernel completes it, whether or not accept() can take it
                    s.setSoTimeout(300);
                    s.getOutputStream().write('x');
                    try {
                        assertThat(s.getInputStream().read()).isEqualTo('x');
                    } catch (java.net.SocketTimeoutException notAccepted) {
                        waiting = s;
                    }
                }
                assertThat(waiting).as("a client left unserved once the server has no descriptor left").isNotNull();
                held.remove(0).close(); // its worker closes its socket: a descriptor is free again
                waiting.setSoTimeout(3000);
                int echoed;
                try {
                    echoed = waiting.getInputStream().read();
                } catch (java.net.SocketTimeoutException e) {
                    echoed = -2;
                }
                assertThat(echoed).as("the waiting client's echo once a descriptor is free (-2: nothing within 3 s;"
                        + " the acceptor must still be accepting)").isEqualTo('x');
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    /** A connection to the echo server that has been served once (a worker holds it). */
    private static Socket echoing(InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.connect(server, 3000);
        s.setSoTimeout(3000);
        s.getOutputStream().write('x');
        assertThat(s.getInputStream().read()).as("echo").isEqualTo('x');
        return s;
    }

    /** The RLIMIT_NOFILE that leaves process {@code pid} exactly {@code free} descriptor numbers to open. */
    private static int limitLeaving(long pid, int free) throws IOException {
        java.util.Set<Integer> open = new java.util.HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds.forEach(f -> open.add(Integer.parseInt(f.getFileName().toString())));
        }
        int limit = 0;
        for (int left = free; left > 0; limit++) {
            if (!open.contains(limit)) {
                left--;
            }
        }
        return limit;
    }

    /**
     * A client that sends without reading until the server holds bytes it could not write back
     * (its socket's send buffer is full), then resets: the server loses the connection while it
     * owes it bytes, and must forget them ({@code bufferedBytes} counts live connections only).
     */
    private static void resetWhileOwed(SelectorEchoServer server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.bufferedBytes() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(5); // the previous client's bytes, forgotten once the server has seen its reset
        }
        try (SocketChannel ch = SocketChannel.open()) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            ch.connect(server.address());
            ch.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            long sent = 0;
            while (server.bufferedBytes() == 0 && System.nanoTime() - deadline < 0) {
                int n = ch.write(chunk.clear());
                sent += n;
                if (n == 0) {
                    Thread.sleep(1);
                }
            }
            assertThat(server.bufferedBytes()).as("bytes the server owes a client that sent %d and read none", sent)
                    .isPositive();
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
    }

    @Test
    @DisplayName("selector echo server: 100 clients reset mid-stream with output pending, 3 of them while the server owes"
            + " them bytes; afterwards it holds none")
    void selectorResets() throws Exception {
        assertNoLeaks("selector echo server", () -> {
            SelectorEchoServer server = new SelectorEchoServer(ANY, 64 * 1024);
            server.start();
            try {
                for (int i = 0; i < 100; i++) {
                    try (Socket s = new Socket()) {
                        s.setReceiveBufferSize(4096);
                        s.connect(server.address(), 3000);
                        s.getOutputStream().write(new byte[32 * 1024]); // echo pending, never read
                        s.setSoLinger(true, 0);
                    }
                }
                for (int i = 0; i < 3; i++) {
                    resetWhileOwed(server);
                }
                try (Socket s = new Socket()) {
                    s.connect(server.address(), 3000);
                    s.setSoTimeout(3000);
                    s.getOutputStream().write("ok".getBytes(UTF_8));
                    s.shutdownOutput();
                    assertThat(new String(s.getInputStream().readAllBytes(), UTF_8)).isEqualTo("ok");
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (server.bufferedBytes() > 0 && System.nanoTime() - deadline < 0) {
                    Thread.sleep(20);
                }
                assertThat(server.bufferedBytes()).as("bytes still held for reset clients").isZero();
            } finally {
                server.stop(Duration.ofMillis(500));
            }
        });
    }
}
