package dev.netlab.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.transcript.RecordingSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every echo server of day 2 must do, whatever its concurrency model. Each model's
 * checkpoint class extends this and says how to make its server.
 */
abstract class EchoServerTests {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    EchoServer server;

    /** A new, not yet started server of the model under test, bound to {@code bind}. */
    abstract EchoServer create(InetSocketAddress bind);

    @BeforeEach
    void startServer() throws IOException {
        server = create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.start();
        assertThat(server.port()).as("the port actually bound (we asked for port 0)").isPositive();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(Duration.ofMillis(500));
        }
    }

    RecordingSocket connect(String name) throws IOException {
        Evidence.current().reproduce("printf 'hello\\n' | nc -q1 127.0.0.1 " + server.port());
        return RecordingSocket.connect(name, server.address(), TIMEOUT);
    }

    @Test
    @DisplayName("start() binds before it returns: a port already in use is start()'s own BindException (not an acceptor"
            + " thread that dies after start() has returned)")
    void portInUse() {
        EchoServer second = create(server.address()); // the port the running server listens on
        assertThatThrownBy(second::start).as("start() on a port in use").isInstanceOf(BindException.class);
    }

    @Test
    @DisplayName("RFC 9293 §3.10.1 (LISTEN): the kernel queues completed handshakes until accept() takes them; the listening"
            + " socket's queue is 1,024 long (ss -ltn: its Send-Q), not the JDK's default of 50")
    void acceptBacklog() throws IOException {
        Peer ss = Peer.require("ss");
        Peer.PeerResult r = ss.run(Duration.ofSeconds(5), "-ltnH", "sport = :" + server.port());
        r.assertSuccess();
        int somaxconn = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).trim());
        assertThat(r.stdout().trim().split("\\s+")).as("ss -ltnH 'sport = :%d': State Recv-Q Send-Q ...", server.port())
                .hasSizeGreaterThan(3)
                .satisfies(f -> assertThat(Integer.parseInt(f[2])).as("the backlog (Send-Q of the LISTEN socket;"
                        + " Linux caps it at net.core.somaxconn = %d)", somaxconn).isEqualTo(Math.min(1024, somaxconn)));
    }

    @Test
    @DisplayName("a line comes back as sent, on a connection that stays open")
    void echoesALine() throws IOException {
        try (RecordingSocket c = connect("echo a line")) {
            c.out().write("hello\n".getBytes(US_ASCII));
            c.out().flush();
            assertThat(new String(c.in().readNBytes(6), US_ASCII)).isEqualTo("hello\n");
            c.out().write("again\n".getBytes(US_ASCII));
            assertThat(new String(c.in().readNBytes(6), US_ASCII)).as("a second message, same connection").isEqualTo("again\n");
        }
    }

    @Test
    @DisplayName("a second client is echoed while the first stays connected and silent: one connection never holds up another")
    void secondClientWhileFirstIsSilent() throws IOException {
        try (RecordingSocket silent = connect("connected, silent");
             RecordingSocket second = connect("second client")) {
            second.out().write("hi\n".getBytes(US_ASCII));
            assertThat(new String(second.in().readNBytes(3), US_ASCII))
                    .as("echo for the second client while the first sends nothing").isEqualTo("hi\n");
            silent.out().write("late\n".getBytes(US_ASCII));
            assertThat(new String(silent.in().readNBytes(5), US_ASCII)).isEqualTo("late\n");
        }
    }

    @Test
    @DisplayName("half-close: after the client's FIN the server echoes what is left, then sends its own FIN")
    void halfClose() throws IOException {
        try (RecordingSocket c = connect("half-close")) {
            c.out().write("one\ntwo\n".getBytes(US_ASCII));
            c.shutdownOutput();
            // readAllBytes returns only at the server's FIN; the socket timeout fails a server that never closes.
            assertThat(new String(c.in().readAllBytes(), US_ASCII)).isEqualTo("one\ntwo\n");
        }
    }

    @Test
    @DisplayName("an immediate half-close with nothing sent gets the server's FIN and no bytes")
    void emptyHalfClose() throws IOException {
        try (RecordingSocket c = connect("empty half-close")) {
            c.shutdownOutput();
            assertThat(c.in().readAllBytes()).isEmpty();
        }
    }

    @Test
    @DisplayName("4 MiB written while reading at the same time arrive back intact and in order")
    void largeStream() throws Exception {
        int size = 4 << 20;
        try (Socket s = new Socket()) {
            s.connect(server.address(), 5000);
            s.setSoTimeout(10_000);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = new byte[16 * 1024];
                    for (int off = 0; off < size; off += chunk.length) {
                        for (int i = 0; i < chunk.length; i++) {
                            chunk[i] = pattern(off + i);
                        }
                        out.write(chunk);
                    }
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[32 * 1024];
            long got = 0;
            int n;
            while ((n = in.read(buf)) != -1) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != pattern(got + i)) {
                        throw new AssertionError("byte " + (got + i) + " differs: expected " + pattern(got + i) + ", got " + buf[i]);
                    }
                }
                got += n;
            }
            writer.get(10, TimeUnit.SECONDS);
            assertThat(got).as("bytes echoed before the server's FIN").isEqualTo(size);
        }
    }

    static byte pattern(long i) {
        return (byte) ((i * 31 + (i >>> 8)) & 0xFF);
    }

    @Test
    @DisplayName("20 clients at once each get exactly their own bytes back")
    void concurrentClients() throws Exception {
        List<CompletableFuture<String>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String message = "client " + i + " says hello\n";
            replies.add(CompletableFuture.supplyAsync(() -> {
                try (Socket s = new Socket()) {
                    s.connect(server.address(), 5000);
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(message.getBytes(US_ASCII));
                    s.shutdownOutput();
                    return new String(s.getInputStream().readAllBytes(), US_ASCII);
                } catch (IOException e) {
                    return "failed: " + e;
                }
            }, r -> Thread.ofVirtual().start(r)));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(replies.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("client " + i + " says hello\n");
        }
    }

    @Test
    @DisplayName("a client that resets mid-stream (SO_LINGER 0) does not disturb the others")
    void survivesReset() throws IOException {
        try (Socket rude = new Socket()) {
            rude.connect(server.address(), 5000);
            rude.getOutputStream().write(new byte[100_000]);
            rude.setSoLinger(true, 0); // close() now sends RST instead of FIN
        }
        try (RecordingSocket c = connect("after a reset")) {
            c.out().write("still here\n".getBytes(US_ASCII));
            c.shutdownOutput();
            assertThat(new String(c.in().readAllBytes(), US_ASCII)).isEqualTo("still here\n");
        }
    }

    @Test
    @DisplayName("a real peer: printf 'hi\\n' | nc -q1 127.0.0.1 PORT prints hi")
    void netcat() {
        Require.tool("nc");
        Peer nc = Peer.require("nc");
        Evidence.current().reproduce("printf 'hi\\n' | " + nc.commandLine("-q1", "127.0.0.1", "" + server.port()));
        Peer.PeerResult r = nc.run(Duration.ofSeconds(10), "hi\n".getBytes(US_ASCII), "-q1", "127.0.0.1", "" + server.port());
        r.assertSuccess();
        assertThat(r.stdout()).isEqualTo("hi\n");
    }

    @Test
    @DisplayName("a real peer: socat sends three lines, half-closes, and reads them back")
    void socat() {
        Require.tool("socat");
        Peer socat = Peer.require("socat");
        String target = "TCP:127.0.0.1:" + server.port();
        Evidence.current().reproduce("printf 'a\\nb\\nc\\n' | " + socat.commandLine("-t5", "-", target));
        Peer.PeerResult r = socat.run(Duration.ofSeconds(10), "a\nb\nc\n".getBytes(US_ASCII), "-t5", "-", target);
        r.assertSuccess();
        assertThat(r.stdout()).isEqualTo("a\nb\nc\n");
    }

    @Test
    @DisplayName("stop drains: no new connections, but an open one is still served until it closes")
    void stopDrains() throws Exception {
        try (RecordingSocket c = connect("in flight during stop")) {
            c.out().write("before\n".getBytes(US_ASCII));
            assertThat(new String(c.in().readNBytes(7), US_ASCII)).isEqualTo("before\n");
            long started = System.nanoTime();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)),
                    r -> Thread.ofPlatform().daemon().start(r));
            awaitRefused(server.address());
            c.out().write("during\n".getBytes(US_ASCII));
            assertThat(new String(c.in().readNBytes(7), US_ASCII)).as("echo while the server drains").isEqualTo("during\n");
            c.shutdownOutput();
            assertThat(c.in().readAllBytes()).isEmpty();
            stopping.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("stop returns once the last connection is done, not at the end of the grace period")
                    .isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    @DisplayName("stop closes connections still open when the grace period ends")
    void stopClosesStragglers() throws Exception {
        try (RecordingSocket idle = connect("idle during stop")) {
            idle.out().write("x".getBytes(US_ASCII));
            assertThat(idle.in().read()).isEqualTo('x');
            long started = System.nanoTime();
            // on a thread of its own, so that a stop that waits without bound fails here in seconds
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofMillis(300)),
                    r -> Thread.ofPlatform().daemon().start(r));
            assertThatCode(() -> stopping.get(3, TimeUnit.SECONDS)).as("stop(300 ms) with an idle client connected")
                    .doesNotThrowAnyException();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            try {
                assertThat(idle.in().read()).as("the idle client sees the server close").isEqualTo(-1);
            } catch (java.net.SocketException reset) {
                // a reset is also a close
            }
        }
    }

    /** Waits (bounded) until connecting to {@code address} is refused: the listening socket is gone. */
    static void awaitRefused(InetSocketAddress address) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() - deadline < 0) {
            try (Socket probe = new Socket()) {
                probe.connect(address, 500);
            } catch (IOException refused) {
                return;
            }
            Thread.sleep(20);
        }
        assertThatThrownBy(() -> new Socket().connect(address, 500))
                .as("after stop() the server must stop accepting connections")
                .isInstanceOf(IOException.class);
    }
}
