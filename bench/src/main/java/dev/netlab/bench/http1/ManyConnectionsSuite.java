package dev.netlab.bench.http1;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * 1,000 concurrent keep-alive connections at a moderate, fixed rate ({@link PacedLoad}: 10
 * requests/s each, 10,000 requests/s in all, latency counted from when each request was due):
 * day 3's server against the Netty baseline, each in its own process. Target (issue 4): zero
 * errors and p99 under 10 ms for the netlab server.
 */
public final class ManyConnectionsSuite implements BenchSuite {
    private static final String P99 = "p99 latency ms, coordinated-omission corrected (lower is better)";
    private static final String P50 = "p50 latency ms, coordinated-omission corrected (lower is better)";
    private static final Duration INTERVAL = Duration.ofMillis(100);

    @Override
    public String id() {
        return "http1-1k-connections";
    }

    @Override
    public String module() {
        return "day3-http11";
    }

    @Override
    public String title() {
        return "HTTP/1.1 servers with 1,000 keep-alive connections at 10,000 requests/s (paced)";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        int connections = config.smokeRun() ? 20 : 1_000;
        Duration warmup = config.smokeRun() ? Duration.ofMillis(200) : config.warmup();
        Duration measure = config.smokeRun() ? Duration.ofSeconds(1) : config.measure();
        requireFileDescriptors(connections);
        PacedLoad.Result netty = paced("netty", connections, warmup, measure);
        String name = String.format(Locale.ROOT, "%,d connections × %d req/s", connections,
                1000 / INTERVAL.toMillis());
        String baseline = "Netty 4.2 HttpServerCodec (" + NettyHelloServer.transport() + ")";
        List<Comparison> out = new ArrayList<>();
        // day 3's two engines: a virtual thread per connection, and event loops
        for (String[] engine : new String[][] {{"netlab", "threads", "netlab Http1Server (virtual threads)"},
                {"netlab-loop", "loop", "netlab LoopServer (event loops)"}}) {
            PacedLoad.Result netlab = paced(engine[0], connections, warmup, measure);
            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("candidate", describe(netlab));
            notes.put("baseline", describe(netty));
            notes.put("target", "netlab: zero errors and p99 < 10 ms (issue 4)"
                    + (netlab.errors() == 0 && netlab.p99Millis() < 10 ? ": met" : ": MISSED"));
            String label = name + ", " + engine[1];
            out.add(new Comparison(id(), label + ", p50", P50, netlab.p50Millis(), netty.p50Millis(), engine[2], baseline, notes));
            out.add(new Comparison(id(), label + ", p99", P99, netlab.p99Millis(), netty.p99Millis(), engine[2], baseline, notes));
        }
        return out;
    }

    private static PacedLoad.Result paced(String kind, int connections, Duration warmup, Duration measure)
            throws Exception {
        try (ServerProcess p = ServerProcess.java(kind)) {
            PacedLoad.Result r = PacedLoad.run(p.address(), HelloApp.PLAINTEXT, connections, INTERVAL, warmup, measure);
            System.out.printf(Locale.ROOT, "http1-1k-connections: %-11s %s%n", kind, describe(r));
            return r;
        }
    }

    static String describe(PacedLoad.Result r) {
        return String.format(Locale.ROOT, "%,d connections, %,.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, "
                + "max %.1f ms, %d errors", r.connections(), r.requestsPerSecond(), r.p50Millis(), r.p99Millis(),
                r.p999Millis(), r.maxMillis(), r.errors());
    }

    /** Two descriptors per connection (client and server end, in two processes) plus headroom. */
    private static void requireFileDescriptors(int connections) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os
                && os.getMaxFileDescriptorCount() < connections + 512) {
            throw new IllegalStateException("the file-descriptor limit " + os.getMaxFileDescriptorCount()
                    + " is too low for " + connections + " connections: raise it (ulimit -n 4096)");
        }
    }
}
