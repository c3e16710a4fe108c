package dev.netlab.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@code @Benchmark} methods programmatically with JMH's {@link Runner} and returns
 * their throughput scores. The benchmark classes must live in this module: JMH's annotation
 * processor writes the generated code and {@code META-INF/BenchmarkList} at compile time.
 *
 * <p>Forks: with {@code forks > 0} JMH starts fresh JVMs with this JVM's
 * {@code java.class.path}, which is right when BenchMain was started with
 * {@code java -cp ...}; it is not under {@code mvn exec:java}. {@link BenchConfig#smoke()}
 * uses forks 0.
 */
public final class JmhRun {

    /**
     * One JMH score. {@code benchmark} is the method name, {@code params} the {@code @Param}
     * values, {@code secondary} the profilers' figures by JMH's name (such as
     * {@code gc.alloc.rate.norm}, bytes allocated per operation, from {@link #runWithGcProfiler}).
     */
    public record Score(String benchmark, Map<String, String> params, double score, double error, String unit,
                        Map<String, Double> secondary) {

        public Score {
            params = Map.copyOf(params);
            secondary = Map.copyOf(secondary);
        }

        /** Bytes allocated per operation ({@code gc.alloc.rate.norm}), NaN without the GC profiler. */
        public double bytesPerOperation() {
            return secondary.getOrDefault(GC_ALLOC_NORM, Double.NaN);
        }

        /** "12345.6 ± 78.9 ops/s". */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%.1f ± %.1f %s", score, error, unit);
        }
    }

    /** The scores of one run, looked up by method and parameter. */
    public record Scores(List<Score> all) {

        public Scores {
            all = List.copyOf(all);
        }

        /** The score of {@code benchmark} (method name) with the given {@code @Param} values. */
        public Score get(String benchmark, Map<String, String> params) {
            return all.stream()
                    .filter(s -> s.benchmark().equals(benchmark) && s.params().entrySet().containsAll(params.entrySet()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no JMH score for " + benchmark + " " + params + " among " + all));
        }
    }

    /** JMH's GC profiler's name for the bytes allocated per operation. */
    public static final String GC_ALLOC_NORM = "gc.alloc.rate.norm";

    private JmhRun() {
    }

    /**
     * As {@link #run(BenchConfig, Class, String...)}, with JMH's GC profiler
     * ({@code -prof gc}): each score's {@link Score#bytesPerOperation()} is then the memory
     * the benchmark method allocated per call, measured by the JVM's per-thread counters.
     */
    public static Scores runWithGcProfiler(BenchConfig config, Class<?> benchmarkClass, String... methods)
            throws RunnerException {
        return run(config, includeRegex(benchmarkClass, methods), true);
    }

    /**
     * Runs the given methods of {@code benchmarkClass} (all its {@code @Benchmark} methods if
     * none are named) in throughput mode, ops/s.
     */
    public static Scores run(BenchConfig config, Class<?> benchmarkClass, String... methods) throws RunnerException {
        return run(config, includeRegex(benchmarkClass, methods));
    }

    private static String includeRegex(Class<?> benchmarkClass, String... methods) {
        String names = methods.length == 0 ? "\\w+"
                : "(" + java.util.Arrays.stream(methods).map(Pattern::quote).collect(Collectors.joining("|")) + ")";
        return "^" + Pattern.quote(benchmarkClass.getName()) + "\\." + names + "$";
    }

    /** Runs every benchmark whose {@code class.method} name matches {@code includeRegex}. */
    public static Scores run(BenchConfig config, String includeRegex) throws RunnerException {
        return run(config, includeRegex, false);
    }

    private static Scores run(BenchConfig config, String includeRegex, boolean gcProfiler) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(includeRegex)
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .warmupIterations(BenchConfig.iterations(config.warmup()))
                .warmupTime(timeValue(config.warmup()))
                .measurementIterations(BenchConfig.iterations(config.measure()))
                .measurementTime(timeValue(config.measure()))
                .forks(config.forks())
                .shouldFailOnError(true)
                .jvmArgsAppend(forkJvmArgs())
                .verbosity(config.smokeRun() ? VerboseMode.SILENT : VerboseMode.NORMAL);
        if (gcProfiler) {
            options.addProfiler(GCProfiler.class);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH ran no benchmark matching " + includeRegex
                    + " (is the class in the bench module, and did JMH's annotation processor run?)");
        }
        List<Score> scores = new ArrayList<>();
        for (RunResult run : results) {
            String fullName = run.getParams().getBenchmark();
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : run.getParams().getParamsKeys()) {
                params.put(key, run.getParams().getParam(key));
            }
            Result<?> primary = run.getPrimaryResult();
            Map<String, Double> secondary = new LinkedHashMap<>();
            run.getSecondaryResults().forEach((name, result) -> secondary.put(name, result.getScore()));
            scores.add(new Score(fullName.substring(fullName.lastIndexOf('.') + 1), params,
                    primary.getScore(), primary.getScoreError(), primary.getScoreUnit(), secondary));
        }
        return new Scores(scores);
    }

    /**
     * Forks run on this JVM's java. From JDK 23 on, JMH 1.37's use of sun.misc.Unsafe prints a
     * deprecation warning in every fork (JEP 471); allow it there so the log shows results.
     */
    private static String[] forkJvmArgs() {
        return Runtime.version().feature() >= 23
                ? new String[] {"--sun-misc-unsafe-memory-access=allow"}
                : new String[0];
    }

    private static TimeValue timeValue(java.time.Duration total) {
        return TimeValue.milliseconds(Math.max(1, BenchConfig.iterationTime(total).toMillis()));
    }
}
