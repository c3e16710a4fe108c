package dev.netlab.bench.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An echo load generator on virtual threads, bounded in connections and time, loopback only:
 * each connection sends a message, waits for its echo, records the latency, and repeats until
 * the end. Messages counted only after the warm-up.
 */
final class LoadGenerator {
    /** Latency histogram: 10 µs buckets up to 100 ms, then one overflow bucket. */
    private static final long BUCKET_NANOS = 10_000;
    private static final int BUCKETS = 10_001;

    record Result(int connections, long messages, long errors, double seconds, double p50Millis, double p99Millis,
                  double cpuSeconds) {
        double messagesPerSecond() {
            return messages / seconds;
        }

        double cpuSecondsPerMillion() {
            return messages == 0 ? Double.NaN : cpuSeconds / (messages / 1e6);
        }
    }

    private LoadGenerator() {
    }

    static Result run(InetSocketAddress server, int connections, Duration warmup, Duration measure, int messageSize)
            throws InterruptedException {
        AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
        AtomicLong messages = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        List<Thread> clients = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            clients.add(Thread.ofVirtual().name("load-", i).start(() -> {
                byte[] message = new byte[messageSize];
                Arrays.fill(message, (byte) 'x');
                byte[] echo = new byte[messageSize];
                try (Socket s = new Socket()) {
                    s.setTcpNoDelay(true);
                    s.connect(server, 5000);
                    s.setSoTimeout(5000);
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    long now;
                    while ((now = System.nanoTime()) - end < 0) {
                        out.write(message);
                        int got = in.readNBytes(echo, 0, messageSize);
                        long done = System.nanoTime();
                        if (got != messageSize) {
                            errors.incrementAndGet(); // the server closed: refused or overloaded
                            return;
                        }
                        if (now - measureFrom >= 0 && done - end < 0) {
                            messages.incrementAndGet();
                            histogram.incrementAndGet((int) Math.min(BUCKETS - 1, (done - now) / BUCKET_NANOS));
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
            }));
        }
        long untilMeasure = measureFrom - System.nanoTime();
        if (untilMeasure > 0) {
            Thread.sleep(untilMeasure / 1_000_000, (int) (untilMeasure % 1_000_000));
        }
        long cpuBefore = processCpuNanos();
        for (Thread t : clients) {
            t.join(Duration.ofNanos(Math.max(1, end - System.nanoTime())).plusSeconds(10));
        }
        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
        double seconds = measure.toNanos() / 1e9;
        return new Result(connections, messages.get(), errors.get(), seconds,
                percentile(histogram, 0.50), percentile(histogram, 0.99), cpu);
    }

    private static double percentile(AtomicLongArray histogram, double q) {
        long total = 0;
        for (int i = 0; i < histogram.length(); i++) {
            total += histogram.get(i);
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < histogram.length(); i++) {
            seen += histogram.get(i);
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e6; // the bucket's upper edge, in ms
            }
        }
        return Double.NaN;
    }

    /** CPU time of this whole process (servers and load generator share it), or 0 if unknown. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
