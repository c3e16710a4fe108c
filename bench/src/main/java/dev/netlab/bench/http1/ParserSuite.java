package dev.netlab.bench.http1;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.bench.JmhRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Day 3's incremental request parser against Netty's HttpRequestDecoder on the same pipelined
 * corpus of real-world requests: requests parsed per second and bytes allocated per request
 * (JMH's GC profiler). Target (issue 4): at least 1.5× Netty's throughput.
 */
public final class ParserSuite implements BenchSuite {
    private static final String CANDIDATE = "netlab RequestParser";
    private static final String BASELINE = "Netty 4.2 HttpRequestDecoder + HttpObjectAggregator (EmbeddedChannel)";
    private static final String REQUESTS_PER_SECOND = "requests parsed/s (higher is better)";
    private static final String BYTES_PER_REQUEST = "bytes allocated per request (lower is better)";
    /** Fresh JVMs per side in a full run (see {@link #run}). */
    private static final int MIN_FORKS = 2;
    /** The corpus: Chrome, Firefox, Safari, a fetch POST, curl, an API client, a chunked PUT. */
    private static final String CORPUS = ParserBenchmark.REQUESTS + " real-world requests, pipelined";

    @Override
    public String id() {
        return "http1-parser";
    }

    @Override
    public String module() {
        return "day3-http11";
    }

    @Override
    public String title() {
        return "HTTP/1.1 request parsing (RFC 9112)";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        int[] seen = new ParserBenchmark().check();
        if (seen[0] != ParserBenchmark.REQUESTS || seen[1] != ParserBenchmark.REQUESTS) {
            throw new IllegalStateException("the parsers disagree on the corpus: netlab saw " + seen[0]
                    + " requests, Netty " + seen[1] + " (expected " + ParserBenchmark.REQUESTS + ")");
        }
        // At least two fresh JVMs per side: on a shared two-core machine one fork's JIT
        // decisions and neighbours moved a score by a third. The smoke run stays as it is.
        BenchConfig jmh = config.smokeRun() ? config
                : new BenchConfig(config.warmup(), config.measure(), Math.max(MIN_FORKS, config.forks()), false);
        JmhRun.Scores scores = JmhRun.runWithGcProfiler(jmh, ParserBenchmark.class, "candidate", "baseline");
        JmhRun.Score candidate = scores.get("candidate", Map.of());
        JmhRun.Score baseline = scores.get("baseline", Map.of());
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("candidate", describe(candidate));
        notes.put("baseline", describe(baseline));
        notes.put("target", "requests/s ratio ≥ 1.5 (issue 4)");
        notes.put("forks", jmh.forks() + " JMH forks per side");
        int n = ParserBenchmark.REQUESTS;
        return List.of(
                new Comparison(id(), CORPUS, REQUESTS_PER_SECOND, candidate.score() * n, baseline.score() * n,
                        CANDIDATE, BASELINE, notes),
                new Comparison(id(), CORPUS + ", allocation", BYTES_PER_REQUEST,
                        candidate.bytesPerOperation() / n, baseline.bytesPerOperation() / n, CANDIDATE, BASELINE, notes));
    }

    private static String describe(JmhRun.Score s) {
        return String.format(Locale.ROOT, "%s per corpus of %d requests, %.0f B allocated per corpus",
                s.describe(), ParserBenchmark.REQUESTS, s.bytesPerOperation());
    }
}
