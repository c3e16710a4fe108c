package dev.netlab.bench.http2;

import static dev.netlab.bench.http2.H2Servers.fmt;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.bench.http1.ServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 1,000 concurrent streams on one connection: {@code h2load -n 100000 -c 1 -m 1000} against day
 * 5's server, Netty's and nghttpd (each advertising SETTINGS_MAX_CONCURRENT_STREAMS 1000), after
 * a warm-up of {@code -n 20000}. Every request must be served; from h2load's log file (each
 * request's duration, from its HEADERS to its last octet) the p50, p99 and maximum, and the
 * requests/s and server CPU per request beside them. Smoke: {@code -n 1000} (a thousand streams at once, once), no warm-up.
 */
public final class ManyStreamsSuite implements BenchSuite {
    private static final int STREAMS = 1000;

    @Override
    public String id() {
        return "http2-1k-streams";
    }

    @Override
    public String module() {
        return "day5-http2";
    }

    @Override
    public String title() {
        return "HTTP/2: 1,000 concurrent streams on one connection (h2load -c 1 -m 1000), p99 vs Netty and nghttpd";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        if (!H2load.available()) {
            throw new IllegalStateException("h2load not found: sudo apt-get install nghttp2-client");
        }
        boolean smoke = config.smokeRun();
        List<String> servers = new ArrayList<>(List.of("netlab", "netty", "nghttpd"));
        if (H2Servers.nghttpd() == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("nghttpd not found (CI=true): sudo apt-get install nghttp2-server");
            }
            servers.remove("nghttpd");
        }
        int n = smoke ? 1_000 : 100_000;
        Path dir = H2Servers.workDir("http2-1k-streams");
        double loadBefore = H2Servers.loadAverage();
        Map<String, H2load.Result> results = new LinkedHashMap<>();
        Map<String, Double> cpuPerRequest = new LinkedHashMap<>();
        String[] args = {"-n", Integer.toString(n), "-c", "1", "-m", Integer.toString(STREAMS)};
        for (String kind : servers) {
            try (ServerProcess s = H2Servers.start(kind, dir)) {
                if (!smoke) {
                    H2load.run(Http2LoadSuite.url(s), null, 300, "-n", "20000", "-c", "1", "-m", Integer.toString(STREAMS));
                }
                double cpu0 = s.cpuSeconds();
                H2load.Result r = H2load.run(Http2LoadSuite.url(s), dir.resolve(kind + ".log"), 300, args);
                double cpu = s.cpuSeconds() - cpu0;
                if (r.succeeded() != n) {
                    throw new IllegalStateException(kind + ": " + r.succeeded() + " of " + n + " streams served ("
                            + r.failed() + " failed, " + r.errored() + " errored): " + r.command());
                }
                results.put(kind, r);
                cpuPerRequest.put(kind, cpu / n * 1e6);
                System.err.printf("bench http2-1k-streams: %s: %s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, server CPU %.1f µs per request%n",
                        kind, H2load.describe(r), r.percentileMillis(50), r.percentileMillis(99), r.percentileMillis(100), cpu / n * 1e6);
            }
        }
        double loadAfter = H2Servers.loadAverage();
        H2load.Result netlab = results.get("netlab");
        List<Comparison> out = new ArrayList<>();
        for (String baseline : servers.subList(1, servers.size())) {
            H2load.Result b = results.get(baseline);
            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("served", fmt("netlab %,d of %,d; %s %,d of %,d", netlab.succeeded(), n, baseline, b.succeeded(), n));
            notes.put("netlab p50 / p99 / max ms", fmt("%.1f / %.1f / %.1f", netlab.percentileMillis(50), netlab.percentileMillis(99),
                    netlab.percentileMillis(100)));
            notes.put(baseline + " p50 / p99 / max ms", fmt("%.1f / %.1f / %.1f", b.percentileMillis(50), b.percentileMillis(99),
                    b.percentileMillis(100)));
            notes.put("requests/s (netlab / " + baseline + ")", fmt("%,.0f / %,.0f", netlab.requestsPerSecond(), b.requestsPerSecond()));
            notes.put("server CPU µs per request (netlab / " + baseline + ")",
                    fmt("%.1f / %.1f", cpuPerRequest.get("netlab"), cpuPerRequest.get(baseline)));
            notes.put("h2load cores (netlab / " + baseline + ")", fmt("%.2f / %.2f", netlab.loadGeneratorCores(), b.loadGeneratorCores()));
            notes.put("load average before / after", fmt("%.1f / %.1f", loadBefore, loadAfter));
            out.add(new Comparison(id(), "1,000 streams in flight on one connection: p99 vs " + baseline, "ms (lower is better)",
                    netlab.percentileMillis(99), b.percentileMillis(99), H2Servers.label("netlab"), H2Servers.label(baseline), notes));
            out.add(new Comparison(id(), "1,000 streams in flight on one connection: requests/s vs " + baseline,
                    "requests/s (higher is better)", netlab.requestsPerSecond(), b.requestsPerSecond(), H2Servers.label("netlab"),
                    H2Servers.label(baseline), Map.of()));
        }
        return out;
    }
}
