package dev.netlab.kit.abuse;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, with about 1.6% precision from 1 µs to over an hour, safe to
 * record into from many threads. The buckets follow HdrHistogram's layout: values below 128
 * µs each have their own bucket; above, every power of two is cut into 64 equal buckets.
 * (Used by the abuse probe and by bench's load generators.)
 */
public final class LatencyHistogram {
    private static final int SUB_BUCKETS = 64;
    private static final int LINEAR = 2 * SUB_BUCKETS; // 0..127 µs: one bucket per microsecond
    private static final int BUCKETS = LINEAR + 40 * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    public void recordNanos(long nanos) {
        counts.incrementAndGet(index(Math.max(0, nanos / 1_000)));
    }

    /** Adds every latency {@code other} recorded (to merge the rounds of one measurement). */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts.addAndGet(i, other.counts.get(i));
        }
    }

    public long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The {@code q} quantile (0.99 = p99) in milliseconds: the upper edge of its bucket; NaN when empty. */
    public double quantileMillis(double q) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return upperEdgeMicros(i) / 1_000.0;
            }
        }
        return upperEdgeMicros(BUCKETS - 1) / 1_000.0;
    }

    /** The largest latency recorded, in milliseconds (its bucket's upper edge); NaN when empty. */
    public double maxMillis() {
        for (int i = BUCKETS - 1; i >= 0; i--) {
            if (counts.get(i) > 0) {
                return upperEdgeMicros(i) / 1_000.0;
            }
        }
        return Double.NaN;
    }

    static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int shift = 63 - Long.numberOfLeadingZeros(micros) - 6; // keep the top 7 bits: 64..127
        int top = (int) (micros >>> shift);
        return Math.min(BUCKETS - 1, LINEAR + (shift - 1) * SUB_BUCKETS + (top - SUB_BUCKETS));
    }

    static long upperEdgeMicros(int index) {
        if (index < LINEAR) {
            return index + 1L;
        }
        int shift = (index - LINEAR) / SUB_BUCKETS + 1;
        long top = (index - LINEAR) % SUB_BUCKETS + SUB_BUCKETS;
        return (top + 1) << shift;
    }
}
