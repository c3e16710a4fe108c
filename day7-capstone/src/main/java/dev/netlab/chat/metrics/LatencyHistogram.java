package dev.netlab.chat.metrics;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed-bucket histogram of durations, as Prometheus wants it: cumulative counts per upper
 * bound {@code le}, plus the sum and the count. Recording is lock-free (one array slot and two
 * adders), so every writer thread can record without waiting for the others.
 */
public final class LatencyHistogram {
    /** Upper bounds in seconds: 0.25 ms to 5 s, roughly ×2.5 apart. */
    static final double[] BOUNDS = {0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    /** The bounds as label values, in plain decimal ("0.00025", not Java's "2.5E-4"). */
    private static final String[] LABELS = java.util.Arrays.stream(BOUNDS)
            .mapToObj(b -> java.math.BigDecimal.valueOf(b).stripTrailingZeros().toPlainString()).toArray(String[]::new);

    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS.length + 1); // the last: +Inf only
    private final LongAdder sumNanos = new LongAdder();
    private final LongAdder count = new LongAdder();

    public void record(long nanos) {
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < BOUNDS.length && seconds > BOUNDS[i]) {
            i++;
        }
        counts.incrementAndGet(i);
        sumNanos.add(nanos);
        count.increment();
    }

    public long count() {
        return count.sum();
    }

    /** Appends the {@code _bucket}, {@code _sum} and {@code _count} lines of {@code name}. */
    void writeTo(StringBuilder out, String name) {
        long cumulative = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            cumulative += counts.get(i);
            out.append(name).append("_bucket{le=\"").append(LABELS[i]).append("\"} ").append(cumulative).append('\n');
        }
        cumulative += counts.get(BOUNDS.length);
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(cumulative).append('\n');
        out.append(name).append("_sum ").append(sumNanos.sum() / 1e9).append('\n');
        out.append(name).append("_count ").append(cumulative).append('\n');
    }

    /**
     * The share (0..1) of the durations recorded above {@code seconds}, which must be one of the
     * bucket bounds (0.01, 0.025, 0.05, ...); NaN when empty. Where a quantile's bucket is coarse,
     * this says how much of the distribution lies past a line (e.g. 3% of the fan-outs over 25 ms).
     */
    public double shareAbove(double seconds) {
        int bound = java.util.Arrays.binarySearch(BOUNDS, seconds);
        if (bound < 0) {
            throw new IllegalArgumentException(seconds + " s is not a bucket bound");
        }
        long total = 0;
        long above = 0;
        for (int i = 0; i <= BOUNDS.length; i++) {
            long c = counts.get(i);
            total += c;
            if (i > bound) {
                above += c;
            }
        }
        return total == 0 ? Double.NaN : above / (double) total;
    }

    /**
     * The {@code q} quantile (0..1) estimated as the upper bound of the bucket it falls in,
     * {@code +Inf} as the largest bound; NaN when empty. Coarse, as any bucketed quantile is.
     */
    public double quantileUpperBound(double q) {
        long total = 0;
        long[] snapshot = new long[BOUNDS.length + 1];
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return BOUNDS[i];
            }
        }
        return BOUNDS[BOUNDS.length - 1];
    }
}
