package dev.netlab.bench.echo;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.transport.EchoServer;
import dev.netlab.transport.ServerModel;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Day 2's four echo servers against a Netty echo server, driven by {@link LoadGenerator} at
 * 100, 1,000 and 10,000 concurrent connections (a smoke run: 10). Reports messages/s and p99
 * latency as ratios to Netty, plus errors and CPU seconds per million messages in the notes:
 * where thread-per-connection and the bounded pool fall over is part of the lesson.
 */
public final class EchoLoadSuite implements BenchSuite {
    private static final int MESSAGE = 64;
    private static final String MESSAGES_PER_SECOND = "messages/s (higher is better)";
    private static final String P99 = "p99 latency ms (lower is better)";
    private static final String BASELINE = "Netty 4.1 echo (NIO)";

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
        return "TCP echo servers under load (64-byte messages, loopback)";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        List<Comparison> out = new ArrayList<>();
        for (int connections : config.smokeRun() ? new int[] {10} : new int[] {100, 1_000, 10_000}) {
            if (!enoughFileDescriptors(connections)) {
                System.err.printf("echo-load: skipping %,d connections: the file-descriptor limit is too low (ulimit -n)%n", connections);
                continue;
            }
            LoadGenerator.Result baseline;
            try (NettyEchoServer netty = new NettyEchoServer(any)) {
                baseline = LoadGenerator.run(netty.address(), connections, config.warmup(), config.measure(), MESSAGE);
            }
            for (ServerModel model : ServerModel.values()) {
                EchoServer server = model.create(any);
                server.start();
                LoadGenerator.Result candidate;
                try {
                    candidate = LoadGenerator.run(server.address(), connections, config.warmup(), config.measure(), MESSAGE);
                } finally {
                    server.stop(Duration.ofSeconds(2));
                }
                String name = String.format(Locale.ROOT, "%s, %,d connections", model.program(), connections);
                Map<String, String> notes = notes(candidate, baseline);
                out.add(new Comparison(id(), name, MESSAGES_PER_SECOND, candidate.messagesPerSecond(),
                        baseline.messagesPerSecond(), "netlab " + model.name().toLowerCase(Locale.ROOT), BASELINE, notes));
                out.add(new Comparison(id(), name + ", p99", P99, candidate.p99Millis(), baseline.p99Millis(),
                        "netlab " + model.name().toLowerCase(Locale.ROOT), BASELINE, notes));
            }
        }
        return out;
    }

    private static Map<String, String> notes(LoadGenerator.Result c, LoadGenerator.Result b) {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("candidate", describe(c));
        notes.put("baseline", describe(b));
        notes.put("cpu", "process CPU (servers and load generator share the machine)");
        return notes;
    }

    private static String describe(LoadGenerator.Result r) {
        return String.format(Locale.ROOT, "%,.0f msg/s, p50 %.2f ms, p99 %.2f ms, %d errors, %.1f CPU s per million messages",
                r.messagesPerSecond(), r.p50Millis(), r.p99Millis(), r.errors(), r.cpuSecondsPerMillion());
    }

    /** Two descriptors per connection (client and server end) plus headroom. */
    private static boolean enoughFileDescriptors(int connections) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount() >= 2L * connections + 512;
        }
        return true;
    }
}
