package dev.netlab.bench;

import java.util.List;

/**
 * One group of comparisons: the lab's reference code against a baseline, measured in the
 * same run on the same machine. Suites are found with {@link java.util.ServiceLoader}: list
 * the implementing class in {@code META-INF/services/dev.netlab.bench.BenchSuite}.
 *
 * <p>A JMH suite is a {@code @Benchmark} class with a candidate and a baseline method plus
 * an implementation of this interface that runs both through {@link JmhRun} and pairs the
 * scores into {@link Comparison}s.
 */
public interface BenchSuite {

    /** Short, unique id, e.g. {@code "checksum"}. */
    String id();

    /** The lab module whose reference code is measured, e.g. {@code "day1-link-ip"}. */
    String module();

    /** One line for the report, e.g. {@code "Internet checksum (RFC 1071)"}. */
    String title();

    /** Measures candidate and baseline and returns one comparison per case. */
    List<Comparison> run(BenchConfig config) throws Exception;
}
