package dev.netlab.bench.http1;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.bench.JmhRun;
import java.util.List;
import java.util.Map;

/** Day 3's incremental request parser against Netty's HttpRequestDecoder on the same pipelined corpus. */
public final class ParserSuite implements BenchSuite {
    private static final String CANDIDATE = "netlab RequestParser";
    private static final String BASELINE = "Netty 4.1 HttpRequestDecoder + HttpObjectAggregator (EmbeddedChannel)";

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
        JmhRun.Scores scores = JmhRun.run(config, ParserBenchmark.class, "candidate", "baseline");
        JmhRun.Score candidate = scores.get("candidate", Map.of());
        JmhRun.Score baseline = scores.get("baseline", Map.of());
        return List.of(new Comparison(id(), ParserBenchmark.REQUESTS + " pipelined requests (browser GET, curl GET, JSON POST, chunked PUT)",
                Comparison.OPS_PER_SECOND, candidate.score(), baseline.score(), CANDIDATE, BASELINE,
                Map.of("candidate", candidate.describe(), "baseline", baseline.describe())));
    }
}
