package dev.netlab.transport.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bad network in a box, on loopback: a UDP proxy that drops, duplicates, delays and so
 * reorders datagrams, both ways, with decisions drawn from seeded {@link Random}s, one per
 * direction. The same seed gives the same decision for the n-th datagram of each direction,
 * so a failure reported with its seed can be replayed (which datagram is the n-th can still
 * vary with timing when a protocol reacts to timers).
 *
 * <pre>
 *   client ──▶ address() [front] ──impair──▶ [back] ──▶ target
 *   client ◀── [front] ◀──impair── [back] ◀── target
 * </pre>
 *
 * One client at a time: the front remembers the last address it heard from and sends the
 * target's datagrams there.
 */
public final class LossyUdpProxy implements AutoCloseable {
    /**
     * @param loss probability that a datagram is dropped
     * @param duplicate probability that a datagram is sent twice
     * @param reorder probability that a datagram is held back a random time up to {@code maxDelay}
     *     (later datagrams overtake it)
     * @param maxDelay the longest hold-back
     */
    public record Impairments(double loss, double duplicate, double reorder, Duration maxDelay) {
        public static Impairments loss(double loss) {
            return new Impairments(loss, 0.05, 0.10, Duration.ofMillis(10));
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "loss %.0f%%, duplicate %.0f%%, reorder %.0f%% (up to %d ms)",
                    loss * 100, duplicate * 100, reorder * 100, maxDelay.toMillis());
        }
    }

    private final DatagramChannel front;
    private final DatagramChannel back;
    private final Impairments impairments;
    private final long seed;
    private final Random upstreamRandom;
    private final Random downstreamRandom;
    private final ScheduledExecutorService delayed;
    private volatile SocketAddress client;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong held = new AtomicLong();

    private LossyUdpProxy(InetSocketAddress target, Impairments impairments, long seed) throws IOException {
        this.impairments = impairments;
        this.seed = seed;
        this.upstreamRandom = new Random(seed);
        this.downstreamRandom = new Random(seed ^ 0x5DEECE66DL); // a different, equally fixed sequence
        this.front = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.back = DatagramChannel.open();
        back.connect(target);
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name("proxy-delay").unstarted(r));
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.delayed = ex;
    }

    /** Starts a proxy in front of {@code target}. */
    public static LossyUdpProxy start(InetSocketAddress target, Impairments impairments, long seed) throws IOException {
        LossyUdpProxy p = new LossyUdpProxy(target, impairments, seed);
        Thread.ofPlatform().daemon().name("proxy-up").start(() -> p.pump(p.front, true));
        Thread.ofPlatform().daemon().name("proxy-down").start(() -> p.pump(p.back, false));
        return p;
    }

    private void pump(DatagramChannel from, boolean upstream) {
        ByteBuffer buffer = ByteBuffer.allocate(UdpEchoServer.MAX_DATAGRAM);
        while (from.isOpen()) {
            try {
                buffer.clear();
                SocketAddress source = from.receive(buffer);
                if (upstream) {
                    client = source;
                }
                buffer.flip();
                byte[] datagram = new byte[buffer.remaining()];
                buffer.get(datagram);
                impair(datagram, upstream);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // e.g. an ICMP error for an earlier datagram: the network goes on
            }
        }
    }

    private void impair(byte[] datagram, boolean upstream) {
        Random random = upstream ? upstreamRandom : downstreamRandom; // each used by one pump thread only
        boolean drop = random.nextDouble() < impairments.loss();
        boolean twice = random.nextDouble() < impairments.duplicate();
        long delayMicros = random.nextDouble() < impairments.reorder()
                ? (long) (random.nextDouble() * impairments.maxDelay().toNanos() / 1000) : 0;
        if (drop) {
            dropped.incrementAndGet();
            return;
        }
        int copies = twice ? 2 : 1;
        if (twice) {
            duplicated.incrementAndGet();
        }
        for (int i = 0; i < copies; i++) {
            if (delayMicros > 0) {
                held.incrementAndGet();
                try {
                    delayed.schedule(() -> forward(datagram, upstream), delayMicros, TimeUnit.MICROSECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    return;
                }
            } else {
                forward(datagram, upstream);
            }
        }
    }

    private void forward(byte[] datagram, boolean upstream) {
        try {
            if (upstream) {
                back.write(ByteBuffer.wrap(datagram));
            } else if (client != null) {
                front.send(ByteBuffer.wrap(datagram), client);
            }
            forwarded.incrementAndGet();
        } catch (IOException e) {
            // closed, or the target is gone: a lost datagram like any other
        }
    }

    /** Where clients send their datagrams. */
    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) front.getLocalAddress();
    }

    public long seed() {
        return seed;
    }

    /** A one-line summary for failure messages: the seed to replay and what happened. */
    public String describe() {
        return "proxy seed " + seed + " (" + impairments + "): forwarded " + forwarded + ", dropped " + dropped
                + ", duplicated " + duplicated + ", held back " + held;
    }

    @Override
    public void close() throws IOException {
        delayed.shutdownNow();
        front.close();
        back.close();
    }
}
