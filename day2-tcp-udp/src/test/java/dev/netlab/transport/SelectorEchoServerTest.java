package dev.netlab.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
 * (issue 19; 8 mutants, 5 killed): the rest of a partial write dropped; OP_READ kept with a full
 * buffer and the buffer grown without a bound; never closing after the client's FIN;
 * {@code bufferedBytes} not decremented; OP_WRITE never registered. Not caught (left open, no row
 * kills them yet): closing at the client's FIN while bytes are still owed, new bytes written ahead
 * of those still owed, and the unwritten rest cleared after a partial flush. All three need the
 * server to owe bytes at a particular moment; a row with 16 MiB and a client that half-closes at
 * once and then reads slowly did not bring it about and was not kept. Nor did (session 25) a
 * client that sends without reading until {@code bufferedBytes()} is the whole bound and the
 * kernel takes nothing more, half-closes, and only then reads: the server owed 64 KiB at the FIN,
 * yet all three mutants passed, because the first OP_WRITE finds room for the whole 64 KiB in the
 * server socket's autotuned send buffer (megabytes on loopback), so nothing is owed any more when
 * the FIN is read and no flush is ever partial. Next idea, not tried: the server started on a
 * thread inside a namespace whose {@code net.ipv4.tcp_wmem} is capped below the bound.
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
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            long got = 0;
            int n;
            while ((n = in.read(buf)) != -1) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != pattern(got + i)) {
                        throw new AssertionError("byte " + (got + i) + " differs after the stall");
                    }
                }
                got += n;
            }
            writer.get(10, TimeUnit.SECONDS);
            assertThat(got).isEqualTo(total);
            assertThat(nio.bufferedBytes()).as("nothing held once the client is done").isZero();
        }
    }
}
