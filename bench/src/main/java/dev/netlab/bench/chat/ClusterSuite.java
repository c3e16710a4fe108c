package dev.netlab.bench.chat;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.chat.cluster.RedisServer;
import dev.netlab.chat.load.ChatLoad;
import dev.netlab.kit.tls.DevCertificates;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat scaled out (day7-capstone/CLUSTER.md): 2 instances sharing their rooms through one
 * Redis (Debian's {@code redis-server}, appendfsync always) against 1 instance on the same Redis,
 * the same load ({@link ChatLoad}: Netty WSS clients in this JVM, each room's members spread
 * over the instances). Each instance is a child JVM (-Xmx2g). Reported: deliveries per second
 * during the sending phase, p50/p99 delivery latency, lost and duplicated deliveries (both
 * must be 0), the instances' CPU seconds and Redis's, read from {@code /proc/PID/stat}.
 * <ul>
 *   <li>{@code 10k}: 10,000 clients in 100 rooms, one message every 30 s each for 60 s;</li>
 *   <li>{@code 2k}: 2,000 clients in 20 rooms, one message every 5 s each for 30 s.</li>
 * </ul>
 * Smoke: 20 clients in 4 rooms for 1 s. {@code -Dnetlab.cluster.phases=2k} runs one phase.
 * On a 2-core machine the instances, Redis and the load share the same cores: the ratio shows
 * what scaling out costs there, not what it gains on separate machines.
 */
public final class ClusterSuite implements BenchSuite {
    private record Phase(String name, int clients, int rooms, Duration duration, Duration interval) {}

    @Override
    public String id() {
        return "chat-cluster";
    }

    @Override
    public String module() {
        return "day7-capstone";
    }

    @Override
    public String title() {
        return "The chat on 2 instances sharing rooms through Redis vs 1 instance (same Redis, same load)";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        List<Phase> phases = new ArrayList<>();
        if (config.smokeRun()) {
            phases.add(new Phase("smoke", 20, 4, Duration.ofSeconds(1), Duration.ofMillis(500)));
        } else {
            List<String> wanted = List.of(System.getProperty("netlab.cluster.phases", "10k,2k").split(","));
            if (wanted.contains("10k")) {
                phases.add(new Phase("10k", 10_000, 100, Duration.ofSeconds(60), Duration.ofSeconds(30)));
            }
            if (wanted.contains("2k")) {
                phases.add(new Phase("2k", 2_000, 20, Duration.ofSeconds(30), Duration.ofSeconds(5)));
            }
        }
        List<Comparison> out = new ArrayList<>();
        for (Phase p : phases) {
            Measured one = measure(1, p);
            Measured two = measure(2, p);
            String name = p.clients() + " WSS clients in " + p.rooms() + " rooms, 1 message / " + p.interval().toMillis() + " ms each";
            String cand = "2 instances + Redis";
            String base = "1 instance + Redis";
            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("2 instances", two.result().summary());
            notes.put("1 instance", one.result().summary());
            notes.put("2 instances lost / duplicated", two.result().lost() + " / " + two.result().duplicated());
            notes.put("1 instance lost / duplicated", one.result().lost() + " / " + one.result().duplicated());
            notes.put("Redis CPU s (2 / 1 instances)", String.format("%.1f / %.1f", two.redisCpu(), one.redisCpu()));
            notes.put("instances' CPU s (2 / 1 instances)", String.format("%.1f / %.1f", two.instancesCpu(), one.instancesCpu()));
            notes.put("load average at start", two.loadAverage() + " / " + one.loadAverage());
            out.add(new Comparison(id(), name + ": deliveries per second", "deliveries/s (higher is better)",
                    two.deliveriesPerSecond(), one.deliveriesPerSecond(), cand, base, notes));
            out.add(new Comparison(id(), name + ": p99 delivery latency", "ms (lower is better)",
                    two.result().p99Millis(), one.result().p99Millis(), cand, base, Map.of()));
            out.add(new Comparison(id(), name + ": p50 delivery latency", "ms (lower is better)",
                    two.result().p50Millis(), one.result().p50Millis(), cand, base, Map.of()));
            out.add(new Comparison(id(), name + ": Redis CPU per 1,000 deliveries", "ms (lower is better)",
                    two.redisCpu() * 1e6 / Math.max(1, two.result().delivered()),
                    one.redisCpu() * 1e6 / Math.max(1, one.result().delivered()), cand, base, Map.of()));
            out.add(new Comparison(id(), name + ": all instances' CPU per 1,000 deliveries", "ms (lower is better)",
                    two.instancesCpu() * 1e6 / Math.max(1, two.result().delivered()),
                    one.instancesCpu() * 1e6 / Math.max(1, one.result().delivered()), cand, base, Map.of()));
        }
        return out;
    }

    private record Measured(ChatLoad.Result result, double deliveriesPerSecond, double instancesCpu, double redisCpu,
                            String loadAverage) {}

    private static Measured measure(int instances, Phase p) throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        Path dir = Files.createTempDirectory("netlab-chat-cluster-bench");
        try (RedisServer redis = RedisServer.start(dir, 0)) {
            List<ChatSuite.ServerProcess> servers = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    servers.add(ChatSuite.ServerProcess.start("cluster", redis.url()));
                }
                List<URI> urls = servers.stream().map(s -> URI.create("https://127.0.0.1:" + s.port + "/")).toList();
                double[] cpuBefore = new double[instances];
                double[] redisBefore = new double[1];
                int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
                ChatLoad.Result r = ChatLoad.run(new ChatLoad.Plan(urls.getFirst(), DevCertificates.standard().ca(), p.clients(),
                        p.rooms(), p.duration(), p.interval(), 64, threads, urls.subList(1, urls.size())), joined -> {
                            for (int i = 0; i < instances; i++) {
                                try {
                                    cpuBefore[i] = servers.get(i).cpuSeconds();
                                } catch (java.io.IOException e) {
                                    cpuBefore[i] = Double.NaN;
                                }
                            }
                            redisBefore[0] = redis.cpuTime().toMillis() / 1000.0;
                        });
                double cpu = 0;
                for (int i = 0; i < instances; i++) {
                    cpu += servers.get(i).cpuSeconds() - cpuBefore[i];
                }
                double redisCpu = redis.cpuTime().toMillis() / 1000.0 - redisBefore[0];
                double perSecond = r.delivered() / (double) Math.max(1, p.duration().toSeconds());
                System.err.printf("bench chat-cluster %s, %d instance(s): %s; %.0f deliveries/s; instances CPU %.1f s, Redis CPU %.1f s%n",
                        p.name(), instances, r.summary(), perSecond, cpu, redisCpu);
                return new Measured(r, perSecond, cpu, redisCpu, load);
            } finally {
                for (ChatSuite.ServerProcess s : servers) {
                    s.close();
                }
            }
        }
    }
}
