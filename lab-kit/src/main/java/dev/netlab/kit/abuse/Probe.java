package dev.netlab.kit.abuse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Well-behaved clients measured beside an attack: {@code clients} persistent connections, each
 * making one exchange every {@code interval} (paced, an open loop). A latency is counted from
 * when the exchange was <em>due</em>, not from when it was sent, so a server that stalls the
 * probe for a second is charged for every exchange that second should have had (no
 * coordinated omission). Errors (a refused connect, a wrong answer, a close, no answer within
 * {@link ProbeClient#ANSWER_TIMEOUT}) are counted, the first one kept, and the client
 * reconnects. Runs on platform threads, so a server's trouble never becomes the probe's.
 */
public final class Probe implements AutoCloseable {
    private final InetSocketAddress server;
    private final Duration interval;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final AtomicLong exchanges = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private Probe(InetSocketAddress server, Duration interval) {
        this.server = server;
        this.interval = interval;
    }

    /**
     * Starts {@code clients} clients made by {@code factory}, connected before this returns. A
     * client that cannot connect (a server still busy with the last phase's attackers) is an error
     * of this probe, not of the run: it tries again at its first exchange, as after a failed one.
     */
    public static Probe start(InetSocketAddress server, int clients, Duration interval, Supplier<ProbeClient> factory)
            throws IOException {
        Probe p = new Probe(server, interval);
        for (int i = 0; i < clients; i++) {
            ProbeClient c = factory.get();
            boolean connected;
            try {
                c.connect(server);
                connected = true;
            } catch (IOException e) {
                p.errors.incrementAndGet();
                p.firstError.compareAndSet(null, "connect: " + e);
                connected = false;
            }
            long offset = interval.toNanos() * i / clients; // spread the clients over the interval
            boolean ready = connected;
            p.threads.add(Thread.ofPlatform().daemon().name("probe-" + i).start(() -> p.run(c, offset, ready)));
        }
        return p;
    }

    private void run(ProbeClient client, long offset, boolean connected) {
        long due = System.nanoTime() + offset;
        try (client) {
            if (!connected) {
                try {
                    client.connect(server);
                } catch (IOException again) {
                    errors.incrementAndGet();
                }
            }
            while (running) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                try {
                    client.exchange();
                    latency.recordNanos(System.nanoTime() - due);
                    exchanges.incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.toString());
                    try {
                        client.connect(server);
                    } catch (IOException again) {
                        errors.incrementAndGet();
                    }
                }
                due += interval.toNanos();
            }
        }
    }

    /** Stops every client (after its exchange in progress) and returns what was measured. */
    public Result stop() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(ProbeClient.ANSWER_TIMEOUT.toMillis() + 1_000);
        }
        return new Result(exchanges.get(), errors.get(), firstError.get(), latency.quantileMillis(0.5),
                latency.quantileMillis(0.99), latency.maxMillis());
    }

    @Override
    public void close() throws InterruptedException {
        if (running) {
            stop();
        }
    }

    /** Exchanges answered, errors, the first error's text (or null), and latency quantiles in ms. */
    public record Result(long exchanges, long errors, String firstError, double p50Millis, double p99Millis,
                         double maxMillis) {
        @Override
        public String toString() {
            return "%d exchanges, %d errors, p50 %.2f ms, p99 %.2f ms, max %.1f ms%s".formatted(exchanges, errors,
                    p50Millis, p99Millis, maxMillis, firstError == null ? "" : " (first error: " + firstError + ")");
        }
    }
}
