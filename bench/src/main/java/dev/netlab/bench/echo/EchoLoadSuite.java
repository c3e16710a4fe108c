package dev.netlab.bench.echo;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.transport.ServerModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Day 2's four echo servers against a Netty echo server, driven by {@link LoadGenerator}:
 *
 * <ol>
 *   <li><b>closed loop</b> at 100, 1,000 and 10,000 concurrent connections (smoke: 10): as many
 *       messages as the server echoes, so messages/s is its capacity on this machine;</li>
 *   <li><b>moderate load</b> at 1,000 connections, each sending 10 messages/s (10,000
 *       messages/s offered), latency from the intended send time.</li>
 * </ol>
 *
 * Every server runs alone in a child JVM ({@link ServerProcess}, a fresh one per measurement),
 * so its CPU seconds per million messages are its own, read from {@code /proc/<pid>/stat};
 * the load generator runs in this JVM on the same cores. Errors (refused, reset, timed out)
 * are counted, not thrown: where thread-per-connection and the bounded pool fall over is part
 * of the lesson.
 */
public final class EchoLoadSuite implements BenchSuite {
    static final int MESSAGE = 64;
    static final int[] CONNECTIONS = {100, 1_000, 10_000};
    static final int MODERATE_CONNECTIONS = 1_000;
    static final double MODERATE_RATE_PER_CONNECTION = 10;

    private static final String MESSAGES_PER_SECOND = "messages/s (higher is better)";
    private static final String P99 = "p99 latency ms (lower is better)";
    private static final String BASELINE = "Netty 4.1 echo server (NIO transport, 2 x cores event loops)";

    @Override
    public String id() {
        return "echo-load";
    }

    @Override
    public String module() {
        return "day2-tcp-udp";
    }

    @Override
    public String title() {
        return "TCP echo servers under load (64-byte messages, loopback, load generator on the same cores)";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        boolean smoke = config.smokeRun();
        List<Comparison> out = new ArrayList<>();
        try (Hosts hosts = new Hosts(!smoke)) {
            for (int connections : smoke ? new int[] {10} : CONNECTIONS) {
                if (!enoughFileDescriptors(connections)) {
                    System.err.printf("echo-load: skipping %,d connections: the file-descriptor limit is too low (ulimit -n)%n",
                            connections);
                    continue;
                }
                var plan = new LoadGenerator.Plan(connections, config.warmup(), config.measure(), MESSAGE, 0);
                compare(out, hosts, plan, List.of(ServerModel.values()));
            }
            var moderate = new LoadGenerator.Plan(smoke ? 10 : MODERATE_CONNECTIONS, config.warmup(), config.measure(),
                    MESSAGE, smoke ? 100 : MODERATE_RATE_PER_CONNECTION);
            // the smoke run proves the paced mode on one server; the full run paces all four
            compare(out, hosts, moderate, smoke ? List.of(ServerModel.VIRTUAL) : List.of(ServerModel.values()));
        }
        return out;
    }

    private void compare(List<Comparison> out, Hosts hosts, LoadGenerator.Plan plan, List<ServerModel> models)
            throws Exception {
        LoadGenerator.Result baseline = hosts.measure(EchoServerHost.NETTY, plan);
        log(EchoServerHost.NETTY, baseline);
        for (ServerModel model : models) {
            LoadGenerator.Result candidate = hosts.measure(model.name(), plan);
            log(model.program(), candidate);
            String name = String.format(Locale.ROOT, "%s, %,d connections", model.program(), plan.connections());
            if (plan.paced()) {
                name += String.format(Locale.ROOT, ", paced %,.0f msg/s", plan.offeredPerSecond());
            }
            String label = "netlab " + model.name().toLowerCase(Locale.ROOT);
            Map<String, String> notes = notes(candidate, baseline);
            if (!plan.paced()) {
                out.add(new Comparison(id(), name, MESSAGES_PER_SECOND, candidate.messagesPerSecond(),
                        baseline.messagesPerSecond(), label, BASELINE, notes));
            }
            if (Double.isFinite(candidate.p99Millis()) && Double.isFinite(baseline.p99Millis())) {
                out.add(new Comparison(id(), name + ", p99", P99, candidate.p99Millis(), baseline.p99Millis(),
                        label, BASELINE, plan.paced() ? notes : Map.of()));
            }
        }
    }

    private static void log(String server, LoadGenerator.Result r) {
        System.out.printf(Locale.ROOT, "echo-load: %-12s %,6d connections%s: %,9.0f msg/s, p50 %7.2f ms, p99 %7.2f ms,"
                        + " %,.2f server CPU s per million, errors %s%n",
                server, r.plan().connections(), r.plan().paced() ? " (paced)" : "", r.messagesPerSecond(),
                r.p50Millis(), r.p99Millis(), r.cpuSecondsPerMillion(), errors(r));
        System.out.flush();
    }

    private static Map<String, String> notes(LoadGenerator.Result c, LoadGenerator.Result b) {
        Map<String, String> notes = new LinkedHashMap<>();
        if (c.plan().paced()) {
            notes.put("netlab msg/s", String.format(Locale.ROOT, "%,.0f", c.messagesPerSecond()));
        }
        notes.put("netlab p50 ms", millis(c.p50Millis()));
        notes.put("netlab p99 ms", millis(c.p99Millis()));
        notes.put("netlab errors", errors(c));
        notes.put("netlab server CPU s / M msg", String.format(Locale.ROOT, "%.2f", c.cpuSecondsPerMillion()));
        if (c.plan().paced()) {
            notes.put("Netty msg/s", String.format(Locale.ROOT, "%,.0f", b.messagesPerSecond()));
        }
        notes.put("Netty p50 ms", millis(b.p50Millis()));
        notes.put("Netty p99 ms", millis(b.p99Millis()));
        notes.put("Netty errors", errors(b));
        notes.put("Netty server CPU s / M msg", String.format(Locale.ROOT, "%.2f", b.cpuSecondsPerMillion()));
        return notes;
    }

    private static String millis(double ms) {
        return Double.isFinite(ms) ? String.format(Locale.ROOT, "%.2f", ms) : "-";
    }

    /** {@code 0}, or e.g. {@code 920 (closed 920)}. */
    static String errors(LoadGenerator.Result r) {
        if (r.errorCount() == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%,d (%s)", r.errorCount(), r.errors().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", ")));
    }

    /** The client ends live in this JVM: one descriptor per connection plus headroom. */
    private static boolean enoughFileDescriptors(int connections) {
        return EchoServerHost.maxFileDescriptors() < 0 || EchoServerHost.maxFileDescriptors() >= connections + 512L;
    }

    /** Server JVMs: a fresh one per measurement, or (smoke run) one for all. */
    private static final class Hosts implements AutoCloseable {
        private final boolean freshEachTime;
        private ServerProcess current;

        Hosts(boolean freshEachTime) {
            this.freshEachTime = freshEachTime;
        }

        LoadGenerator.Result measure(String server, LoadGenerator.Plan plan) throws IOException, InterruptedException {
            if (current == null || freshEachTime || !current.alive()) {
                close();
                current = ServerProcess.launch();
                if (current.maxFileDescriptors() >= 0 && current.maxFileDescriptors() < plan.connections() + 512L) {
                    System.err.printf("echo-load: the server JVM may open only %,d files; %,d connections will fail%n",
                            current.maxFileDescriptors(), plan.connections());
                }
            }
            ServerProcess host = current;
            InetSocketAddress address = host.start(server);
            LoadGenerator.Result result = LoadGenerator.run(address, plan, host::cpuNanos);
            if (host.alive()) {
                host.stop();
            }
            return result;
        }

        @Override
        public void close() throws InterruptedException {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
