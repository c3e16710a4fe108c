package dev.netlab.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.netns.LabNetwork;
import dev.netlab.kit.netns.NetHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 2.04: echo on one NIO selector thread, through {@link EchoServerTests}, plus
 * backpressure against a client that never reads.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 8 mutants, 8 killed): the rest of a partial write dropped; OP_READ kept with a full
 * buffer and the buffer grown without a bound; never closing after the client's FIN;
 * {@code bufferedBytes} not decremented; OP_WRITE never registered; and, since
 * {@code halfCloseWhileOwed} was added, closing at the client's FIN while bytes are still owed
 * (the client got fewer octets than it sent), new bytes written ahead of those still owed, and
 * the unwritten rest cleared after a partial flush (both: a byte out of the pattern). All three
 * need the server to owe bytes when it reads more input or the FIN. Two rows that tried it on
 * plain loopback never brought it about (16 MiB with a client that half-closes at once and reads
 * slowly; a client that sends until the server owes its whole bound, half-closes, then reads):
 * the server socket's autotuned send buffer (megabytes) takes the owed 64 KiB at the first
 * OP_WRITE. {@code halfCloseWhileOwed} therefore runs server and client in a namespace whose
 * {@code net.ipv4.tcp_wmem} caps send buffers at 16 KiB (about 1 s, a namespace of its own).
 */
@Checkpoint(id = "2.04", title = "Echo on an NIO Selector (partial writes, backpressure)",
        edit = "dev/netlab/transport/SelectorEchoServer.java",
        hint = "keep what write() did not take and wait for OP_WRITE; with a full output buffer drop OP_READ",
        readme = "#echo-four-ways")
class SelectorEchoServerTest extends EchoServerTests {
    static final int BOUND = 64 * 1024;

    @Override
    EchoServer create(InetSocketAddress bind) {
        return new SelectorEchoServer(bind, BOUND);
    }

    @Test
    @DisplayName("backpressure: a client that sends 64 MiB without reading is stalled, the server holds at most its bound")
    void backpressure() throws Exception {
        SelectorEchoServer nio = (SelectorEchoServer) server;
        long total = 64L << 20;
        try (Socket s = new Socket()) {
            // small client buffers, so the kernel on our side cannot hide a missing bound
            s.setReceiveBufferSize(64 * 1024);
            s.setSendBufferSize(64 * 1024);
            s.connect(server.address(), 5000);
            s.setSoTimeout(10_000);
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    while (written.get() < total) {
                        for (int i = 0; i < chunk.length; i++) {
                            chunk[i] = pattern(written.get() + i);
                        }
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            // Wait (bounded) until the writer makes no progress for a second: the stall.
            long last = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (written.get() != last && !writer.isDone() && System.nanoTime() - deadline < 0) {
                last = written.get();
                Thread.sleep(1000);
            }
            assertThat(writer.isDone()).as("a client that never reads must be stalled by backpressure, "
                    + "but it wrote all " + total + " bytes: the server buffers without a bound").isFalse();
            assertThat(nio.bufferedBytes()).as("bytes the server holds for this client").isBetween(0L, (long) BOUND);
            // Now read: everything flows again and comes back intact.
            long got = readPattern(s.getInputStream(), "differs after the stall");
            writer.get(10, TimeUnit.SECONDS);
            assertThat(got).isEqualTo(total);
            assertThat(nio.bufferedBytes()).as("nothing held once the client is done").isZero();
        }
    }

    @Test
    @DisplayName("RFC 9293 §3.6: after the client's FIN the server \"may still send\" what it owes: a client that sends until"
            + " the server holds its bound, half-closes, and only then reads gets every byte back in order, then the FIN"
            + " (in a namespace whose TCP send buffers are capped at 16 KiB, so the server's writes are partial)")
    void halfCloseWhileOwed() throws Exception {
        try (LabNetwork net = LabNetwork.create()) {
            NetHost small = net.host("small");
            // Loopback's autotuned send buffers (megabytes) would take the owed 64 KiB at the first
            // OP_WRITE; capped, the server keeps owing bytes while it reads the rest and the FIN.
            small.sysctl("net.ipv4.tcp_wmem", "4096 16384 16384");
            SelectorEchoServer nio = small.run(() -> {
                SelectorEchoServer s = new SelectorEchoServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BOUND);
                s.start();
                return s;
            });
            try (SocketChannel ch = small.run(SocketChannel::open)) {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
                ch.connect(nio.address());
                ch.configureBlocking(false);
                ByteBuffer chunk = ByteBuffer.allocate(64 * 1024).limit(0);
                long sent = 0;
                int stalls = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                // Send without reading until the server holds its whole bound and the kernel takes
                // nothing more: bytes owed, and more waiting unread behind them.
                while ((nio.bufferedBytes() < BOUND || stalls < 20) && System.nanoTime() - deadline < 0) {
                    if (!chunk.hasRemaining()) {
                        chunk.clear();
                        for (int i = 0; i < chunk.capacity(); i++) {
                            chunk.put(i, pattern(sent + i));
                        }
                    }
                    int n = ch.write(chunk);
                    sent += n;
                    stalls = n == 0 ? stalls + 1 : 0;
                    if (n == 0) {
                        Thread.sleep(2);
                    }
                }
                assertThat(nio.bufferedBytes()).as("bytes the server owes a client that sent %d and read none", sent)
                        .isEqualTo(BOUND);
                ch.shutdownOutput(); // our FIN, while the server owes us bytes
                ch.configureBlocking(true);
                ch.socket().setSoTimeout(5000);
                long got = readPattern(ch.socket().getInputStream(),
                        "of the " + sent + " sent differs: echoed out of order, or some lost");
                assertThat(got).as("octets echoed of the %d sent before the FIN", sent).isEqualTo(sent);
            } finally {
                nio.stop(Duration.ofMillis(500));
            }
        }
    }

    /** Reads {@code in} to its end, each octet checked against {@link #pattern}; how many were read. */
    private static long readPattern(InputStream in, String whatDiffers) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long got = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            for (int i = 0; i < n; i++) {
                if (buf[i] != pattern(got + i)) {
                    throw new AssertionError("byte " + (got + i) + " " + whatDiffers);
                }
            }
            got += n;
        }
        return got;
    }
}
