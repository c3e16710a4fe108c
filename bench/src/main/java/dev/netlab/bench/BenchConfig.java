package dev.netlab.bench;

import java.time.Duration;

/**
 * How long to measure. {@code warmup} and {@code measure} are totals: load-generator suites
 * (wrk, h2load) use them as they are; {@link JmhRun} cuts them into iterations of at most
 * {@link #ITERATION} each ({@link #iterations(Duration)}).
 *
 * @param warmup total warm-up time per benchmark
 * @param measure total measurement time per benchmark
 * @param forks JMH forks: 0 runs in this JVM, 1 or more in fresh JVMs
 * @param smokeRun true for a quick check that the machinery works; its numbers mean nothing
 *                 (named so because {@link #smoke()} is the factory of such a config)
 */
public record BenchConfig(Duration warmup, Duration measure, int forks, boolean smokeRun) {

    /** The longest JMH iteration. */
    public static final Duration ITERATION = Duration.ofSeconds(2);

    public BenchConfig {
        if (warmup.isNegative() || measure.isNegative() || measure.isZero() || forks < 0) {
            throw new IllegalArgumentException("need warmup >= 0, measure > 0, forks >= 0");
        }
    }

    /** The real thing: 3 × 2 s warm-up, 5 × 2 s measurement, one fresh JVM per benchmark. */
    public static BenchConfig full() {
        return new BenchConfig(Duration.ofSeconds(6), Duration.ofSeconds(10), 1, false);
    }

    /**
     * About a second per JMH suite of four benchmarks: one 100 ms warm-up and one 150 ms
     * measurement iteration each, in this JVM (forks 0). Forks 0 keeps it fast and lets it
     * run inside Surefire, where a forked JMH JVM could not rely on {@code java.class.path}.
     */
    public static BenchConfig smoke() {
        return new BenchConfig(Duration.ofMillis(100), Duration.ofMillis(150), 0, true);
    }

    /** How many JMH iterations of at most {@link #ITERATION} make up {@code total}. */
    public static int iterations(Duration total) {
        long n = (total.toNanos() + ITERATION.toNanos() - 1) / ITERATION.toNanos();
        return (int) Math.max(n, total.isZero() ? 0 : 1);
    }

    /** The length of each of the {@link #iterations(Duration)} iterations. */
    public static Duration iterationTime(Duration total) {
        int n = iterations(total);
        return n == 0 ? Duration.ZERO : total.dividedBy(n);
    }
}
