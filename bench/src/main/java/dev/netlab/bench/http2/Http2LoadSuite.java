package dev.netlab.bench.http2;

import static dev.netlab.bench.http2.H2Servers.fmt;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.bench.http1.ServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Day 5's server against nghttpd and Netty's h2c server under h2load: {@code -n 200000 -c 10
 * -m 100} (ten connections, a hundred streams in flight on each) and {@code -c 100 -m 10}, on
 * {@code GET /plaintext}, after a warm-up of {@code -n 50000 -c 10 -m 100} per server. Three
 * rounds; each round runs every (server, plan) in turn, starting one further along, and each
 * figure is the median of its server's rounds. Requests/s comes from h2load; the server's CPU
 * per request from {@code /proc/<pid>/stat} before and after each run. h2load runs on the same
 * two cores with one thread: its own CPU (in the notes, "h2load cores") says when it, not the
 * server, is the limit. Targets (issue 13): requests/s ≥ 1.0× nghttpd's, CPU per request ≤ 1.2×
 * nghttpd's and ≤ Netty's. Smoke: {@code -n 300}, one round, no warm-up.
 */
public final class Http2LoadSuite implements BenchSuite {
    private static final List<String> SERVERS = List.of("netlab", "netty", "nghttpd");
    private static final String[][] PLANS = {{"-c", "10", "-m", "100"}, {"-c", "100", "-m", "10"}};

    @Override
    public String id() {
        return "http2-load";
    }

    @Override
    public String module() {
        return "day5-http2";
    }

    @Override
    public String title() {
        return "HTTP/2 h2c under h2load (-c 10 -m 100, -c 100 -m 10) vs nghttpd and Netty " + NettyH2Server.transport();
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        if (!H2load.available()) {
            throw new IllegalStateException("h2load not found: sudo apt-get install nghttp2-client");
        }
        boolean smoke = config.smokeRun();
        List<String> servers = new ArrayList<>(SERVERS);
        if (H2Servers.nghttpd() == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("nghttpd not found (CI=true): sudo apt-get install nghttp2-server");
            }
            System.err.println("bench http2-load: nghttpd not found, left out (sudo apt-get install nghttp2-server)");
            servers.remove("nghttpd");
        }
        int n = smoke ? 300 : 200_000;
        int rounds = smoke ? 1 : 3;
        Path dir = H2Servers.workDir("http2-load");
        double loadBefore = H2Servers.loadAverage();
        // per plan, per server: every round's {req/s, CPU µs per request, h2load cores}
        Map<String, List<double[]>> figures = new LinkedHashMap<>();
        List<ServerProcess> started = new ArrayList<>();
        try {
            for (String kind : servers) {
                started.add(H2Servers.start(kind, dir));
            }
            if (!smoke) {
                for (ServerProcess s : started) {
                    H2load.Result warm = H2load.run(url(s), null, 300, "-n", "50000", "-c", "10", "-m", "100");
                    System.err.printf("bench http2-load: warm-up %s: %s%n", s.name(), H2load.describe(warm));
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < started.size(); i++) {
                    ServerProcess s = started.get((i + round) % started.size());
                    for (String[] plan : PLANS) {
                        double cpu0 = s.cpuSeconds();
                        String[] args = concat(new String[] {"-n", Integer.toString(n)}, plan);
                        H2load.Result r = H2load.run(url(s), null, 300, args);
                        double cpu = s.cpuSeconds() - cpu0;
                        if (r.succeeded() != n) {
                            throw new IllegalStateException(s.name() + ": " + r.succeeded() + " of " + n
                                    + " requests succeeded (" + r.failed() + " failed, " + r.errored() + " errored): " + r.command());
                        }
                        figures.computeIfAbsent(key(plan, s.name()), k -> new ArrayList<>())
                                .add(new double[] {r.requestsPerSecond(), cpu / n * 1e6, r.loadGeneratorCores()});
                        System.err.printf("bench http2-load: round %d %s %s: %s, server CPU %.1f µs per request%n",
                                round + 1, s.name(), String.join(" ", plan), H2load.describe(r), cpu / n * 1e6);
                    }
                }
            }
        } finally {
            for (ServerProcess s : started) {
                s.close();
            }
        }
        double loadAfter = H2Servers.loadAverage();
        List<Comparison> out = new ArrayList<>();
        for (String[] plan : PLANS) {
            String planName = "-n " + n + " " + String.join(" ", plan);
            double[] netlab = medians(figures.get(key(plan, "netlab")));
            for (String baseline : servers.subList(1, servers.size())) {
                double[] b = medians(figures.get(key(plan, baseline)));
                Map<String, String> notes = new LinkedHashMap<>();
                notes.put("netlab rounds req/s", rounds(figures.get(key(plan, "netlab")), 0));
                notes.put(baseline + " rounds req/s", rounds(figures.get(key(plan, baseline)), 0));
                notes.put("h2load cores (netlab / " + baseline + ")", fmt("%.2f / %.2f", netlab[2], b[2]));
                notes.put("load average before / after", fmt("%.1f / %.1f", loadBefore, loadAfter));
                notes.put("target", baseline.equals("nghttpd") ? "req/s ≥ 1.0×, CPU per request ≤ 1.2×" : "CPU per request ≤ 1.0×");
                out.add(new Comparison(id(), "h2load " + planName + ": requests/s vs " + baseline,
                        "requests/s (higher is better)", netlab[0], b[0], H2Servers.label("netlab"), H2Servers.label(baseline), notes));
                if (!(netlab[1] > 0 && b[1] > 0)) {
                    // /proc counts CPU in 10 ms clock ticks: a smoke run of 300 requests can end inside one
                    System.err.printf("bench http2-load: %s: CPU per request vs %s not compared: under one clock tick of /proc%n",
                            planName, baseline);
                    continue;
                }
                out.add(new Comparison(id(), "h2load " + planName + ": server CPU per request vs " + baseline,
                        "CPU µs per request (lower is better)", netlab[1], b[1], H2Servers.label("netlab"), H2Servers.label(baseline),
                        Map.of("netlab rounds CPU µs", rounds(figures.get(key(plan, "netlab")), 1),
                                baseline + " rounds CPU µs", rounds(figures.get(key(plan, baseline)), 1))));
            }
        }
        return out;
    }

    static String url(ServerProcess s) {
        return s.url(H2Servers.PATH);
    }

    private static String key(String[] plan, String server) {
        return String.join(" ", plan) + "|" + server;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The median of each column over the rounds. */
    static double[] medians(List<double[]> rounds) {
        double[] out = new double[rounds.get(0).length];
        for (int c = 0; c < out.length; c++) {
            int column = c;
            double[] v = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
            out[c] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return out;
    }

    private static String rounds(List<double[]> rounds, int column) {
        return String.join(", ", rounds.stream().map(r -> fmt(column == 0 ? "%,.0f" : "%.1f", r[column])).toList());
    }
}
