package dev.netlab.bench.echo;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.transport.ServerModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * Each plan runs in {@link #ROUNDS} rounds, the servers taking turns, so a noisy moment does
 * not decide a ratio ({@link Measured}): the measurement time is split over the rounds; the
 * first round warms up for the whole warm-up time, later ones for a share of it. Every server
 * runs alone in a child JVM ({@link ServerProcess}), so its CPU seconds per million messages
 * are its own, read from {@code /proc/<pid>/stat}; the load generator runs in this JVM on the
 * same cores. Errors (refused, reset, timed out) are counted, not thrown: where
 * thread-per-connection and the bounded pool fall over is part of the lesson.
 */
public final class EchoLoadSuite implements BenchSuite {
    static final int MESSAGE = 64;
    static final int[] CONNECTIONS = {100, 1_000, 10_000};
    static final int MODERATE_CONNECTIONS = 1_000;
    static final double MODERATE_RATE_PER_CONNECTION = 10;
    /** Rounds per server and plan in a full run. */
    static final int ROUNDS = 3;

    private static final String MESSAGES_PER_SECOND = "messages/s (higher is better)";
    private static final String P99 = "p99 latency ms (lower is better)";
    private static final String BASELINE = "Netty 4.2 echo server (NIO transport, 2 x cores event loops)";
    private static final String BASELINE_EPOLL = "Netty 4.2 echo server (epoll transport, 2 x cores event loops)";

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
        int rounds = smoke ? 1 : ROUNDS;
        // A smoke run still starts each server in a cold JVM: with the generic 100 + 150 ms, a
        // slow start (class loading, JIT, two busy cores) once left Netty 0 messages to count.
        Duration warmup = smoke ? max(config.warmup(), Duration.ofMillis(500)) : config.warmup();
        Duration measure = smoke ? max(config.measure(), Duration.ofMillis(300)) : config.measure().dividedBy(rounds);
        List<ServerModel> models = selectedModels();
        List<Comparison> out = new ArrayList<>();
        try (Hosts hosts = new Hosts(smoke)) {
            for (int connections : smoke ? new int[] {10} : selectedLevels()) {
                if (!enoughFileDescriptors(connections)) {
                    System.err.printf("echo-load: skipping %,d connections: the file-descriptor limit is too low (ulimit -n)%n",
                            connections);
                    continue;
                }
                var plan = new LoadGenerator.Plan(connections, warmup, measure, MESSAGE, 0);
                compare(out, hosts, plan, rounds, models);
            }
            if (Boolean.parseBoolean(System.getProperty("netlab.echo.moderate", "true"))) {
                var moderate = new LoadGenerator.Plan(smoke ? 10 : MODERATE_CONNECTIONS, warmup, measure, MESSAGE,
                        smoke ? 100 : MODERATE_RATE_PER_CONNECTION);
                // the smoke run proves the paced mode on one server; the full run paces all four
                compare(out, hosts, moderate, rounds, smoke ? List.of(ServerModel.VIRTUAL) : models);
            }
        }
        return out;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** {@code -Dnetlab.echo.connections=1000,10000}: only these levels (default 100, 1,000, 10,000). */
    private static int[] selectedLevels() {
        String levels = System.getProperty("netlab.echo.connections");
        return levels == null ? CONNECTIONS : Arrays.stream(levels.split(",")).mapToInt(l -> Integer.parseInt(l.strip())).toArray();
    }

    /** {@code -Dnetlab.echo.servers=VIRTUAL,SELECTOR}: only these models (default all four); Netty always runs. */
    private static List<ServerModel> selectedModels() {
        String models = System.getProperty("netlab.echo.servers");
        return models == null ? List.of(ServerModel.values())
                : Arrays.stream(models.split(",")).map(m -> ServerModel.valueOf(m.strip())).toList();
    }

    /** Netty and the models under one plan, in rounds; each round starts with the next server in turn. */
    private void compare(List<Comparison> out, Hosts hosts, LoadGenerator.Plan plan, int rounds, List<ServerModel> models)
            throws Exception {
        List<String> servers = new ArrayList<>();
        servers.add(EchoServerHost.NETTY);
        boolean epoll = NettyEchoServer.epollAvailable();
        if (epoll) {
            servers.add(EchoServerHost.NETTY_EPOLL); // as Netty servers run on Linux; NIO stays for comparison
        }
        models.forEach(m -> servers.add(m.name()));
        Map<String, List<LoadGenerator.Result>> results = new LinkedHashMap<>();
        servers.forEach(s -> results.put(s, new ArrayList<>()));
        try {
            for (int round = 0; round < rounds; round++) {
                // a server's first round starts a cold JVM: it gets the whole warm-up, later rounds a share
                LoadGenerator.Plan thisRound = round == 0 ? plan : plan.withWarmup(plan.warmup().dividedBy(rounds));
                for (int i = 0; i < servers.size(); i++) {
                    String server = servers.get((round + i) % servers.size());
                    LoadGenerator.Result r = hosts.measure(server, thisRound);
                    log(server, round + 1, r);
                    results.get(server).add(r);
                }
            }
        } finally {
            hosts.closeServers();
        }
        Measured baseline = new Measured(results.get(EchoServerHost.NETTY));
        Measured epollBaseline = epoll ? new Measured(results.get(EchoServerHost.NETTY_EPOLL)) : null;
        for (ServerModel model : models) {
            Measured candidate = new Measured(results.get(model.name()));
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
            if (epollBaseline != null) {
                Map<String, String> epollNotes = notes(candidate, epollBaseline);
                if (!plan.paced()) {
                    out.add(new Comparison(id(), name + " (vs epoll)", MESSAGES_PER_SECOND, candidate.messagesPerSecond(),
                            epollBaseline.messagesPerSecond(), label, BASELINE_EPOLL, epollNotes));
                }
                if (Double.isFinite(candidate.p99Millis()) && Double.isFinite(epollBaseline.p99Millis())) {
                    out.add(new Comparison(id(), name + ", p99 (vs epoll)", P99, candidate.p99Millis(),
                            epollBaseline.p99Millis(), label, BASELINE_EPOLL, plan.paced() ? epollNotes : Map.of()));
                }
            }
        }
    }

    private static void log(String server, int round, LoadGenerator.Result r) {
        Measured m = new Measured(List.of(r));
        System.out.printf(Locale.ROOT, "echo-load: round %d %-8s %,6d connections%s: %,7.0f msg/s, p50 %7.2f ms,"
                        + " p99 %7.2f ms, %6.2f server CPU s per million, errors %s, served %s%n",
                round, server, r.plan().connections(), r.plan().paced() ? " (paced)" : "", m.messagesPerSecond(),
                m.p50Millis(), m.p99Millis(), m.cpuSecondsPerMillion(), m.errors(), m.served());
        System.out.flush();
    }

    private static Map<String, String> notes(Measured c, Measured b) {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("netlab msg/s per round", c.roundsMessagesPerSecond());
        notes.put("netlab p50 ms", millis(c.p50Millis()));
        notes.put("netlab p99 ms", millis(c.p99Millis()));
        notes.put("netlab errors", c.errors());
        notes.put("netlab connections served", c.served());
        notes.put("netlab server CPU s / M msg", String.format(Locale.ROOT, "%.2f", c.cpuSecondsPerMillion()));
        notes.put("Netty msg/s per round", b.roundsMessagesPerSecond());
        notes.put("Netty p50 ms", millis(b.p50Millis()));
        notes.put("Netty p99 ms", millis(b.p99Millis()));
        notes.put("Netty errors", b.errors());
        notes.put("Netty connections served", b.served());
        notes.put("Netty server CPU s / M msg", String.format(Locale.ROOT, "%.2f", b.cpuSecondsPerMillion()));
        return notes;
    }

    private static String millis(double ms) {
        return Double.isFinite(ms) ? String.format(Locale.ROOT, "%.2f", ms) : "-";
    }

    /** The client ends live in this JVM: one descriptor per connection plus headroom. */
    private static boolean enoughFileDescriptors(int connections) {
        return EchoServerHost.maxFileDescriptors() < 0 || EchoServerHost.maxFileDescriptors() >= connections + 512L;
    }

    /**
     * Server JVMs: one per server for all its rounds under one plan (so the JIT stays warm
     * between rounds), closed after that plan; or, in a smoke run, one for everything.
     */
    private static final class Hosts implements AutoCloseable {
        private final boolean shared;
        private final Map<String, ServerProcess> byServer = new LinkedHashMap<>();

        Hosts(boolean shared) {
            this.shared = shared;
        }

        LoadGenerator.Result measure(String server, LoadGenerator.Plan plan) throws IOException, InterruptedException {
            String key = shared ? "shared" : server;
            ServerProcess host = byServer.get(key);
            if (host == null || !host.alive()) {
                if (host != null) {
                    host.close();
                }
                host = ServerProcess.launch();
                byServer.put(key, host);
                if (host.maxFileDescriptors() >= 0 && host.maxFileDescriptors() < plan.connections() + 512L) {
                    System.err.printf("echo-load: the server JVM may open only %,d files; %,d connections will fail%n",
                            host.maxFileDescriptors(), plan.connections());
                }
            }
            InetSocketAddress address = host.start(server);
            LoadGenerator.Result result = LoadGenerator.run(address, plan, host::cpuNanos);
            if (host.alive()) {
                host.stop();
            }
            return result;
        }

        /** Ends the per-server JVMs (not the shared one of a smoke run). */
        void closeServers() throws InterruptedException {
            if (!shared) {
                close();
            }
        }

        @Override
        public void close() throws InterruptedException {
            for (ServerProcess host : byServer.values()) {
                host.close();
            }
            byServer.clear();
        }
    }
}
