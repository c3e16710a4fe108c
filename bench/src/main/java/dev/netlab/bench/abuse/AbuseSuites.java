package dev.netlab.bench.abuse;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.abuse.Attack;
import dev.netlab.kit.abuse.ProbeClient;
import dev.netlab.kit.launch.ProgramProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The long abuse suite ({@code ./lab bench <module> --suite abuse}): every server of the day in
 * a JVM of its own ({@code -Xmx256m}), each attack alone for 20 s and then all of them at once
 * for 30 s at twice the CI scale, eight well-behaved clients measured beside them
 * ({@link AbuseRun}). One comparison per server and phase: the probe's p99 under the attack
 * against its p99 with no attacker in the same run (lower is better: the factor the attack
 * costs a normal client); the notes hold errors, p50, max, the peak resident memory, the leak
 * check and what each attacker did. The CI version is each day's {@code AbuseTest}.
 */
abstract class AbuseSuites implements BenchSuite {
    static final String P99 = "ms, probe p99 (lower is better)";

    /** One server of the day. */
    record Target(String name, Starter start, Supplier<ProbeClient> probe, List<AbuseRun.Scenario> attacks,
                  double p99LimitMillis, long rssBoundKiB) {}

    interface Starter {
        ProgramProcess start() throws IOException;
    }

    interface Address {
        InetSocketAddress of(String readyUrl);
    }

    abstract List<Target> targets(int scale);

    abstract Address address();

    @Override
    public String id() {
        return "abuse";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        AbuseRun.Plan plan = config.smokeRun()
                ? new AbuseRun.Plan(2, Duration.ofMillis(10), Duration.ofMillis(500), Duration.ZERO, Duration.ofSeconds(1),
                        Duration.ofSeconds(10))
                : AbuseRun.Plan.full(Duration.ofSeconds(20), Duration.ofSeconds(30));
        List<Target> targets = targets(config.smokeRun() ? 1 : 2);
        if (config.smokeRun()) {
            targets = targets.subList(0, 1); // the machinery, on one server
        }
        List<Comparison> out = new ArrayList<>();
        for (Target t : targets) {
            try (ProgramProcess server = t.start().start()) {
                String url = server.awaitReady(Duration.ofSeconds(60));
                AbuseRun.Report r = AbuseRun.run(t.name(), server.process().pid(), address().of(url), t.probe(), t.attacks(), plan);
                r.print(System.out, t.p99LimitMillis());
                List<String> problems = r.problems(t.p99LimitMillis(), t.rssBoundKiB());
                System.out.printf(Locale.ROOT, "abuse: %s: problems: %s%n", t.name(), problems);
                if (!problems.isEmpty()) {
                    // what the server printed tells why (an accept loop that died, an OutOfMemoryError ...)
                    List<String> said = server.output();
                    for (String line : said.subList(Math.max(0, said.size() - 40), said.size())) {
                        System.out.printf(Locale.ROOT, "abuse: %s: server: %s%n", t.name(), line);
                    }
                }
                for (AbuseRun.Phase p : r.phases()) {
                    Map<String, String> notes = new LinkedHashMap<>();
                    notes.put("probe exchanges", Long.toString(p.probe().exchanges()));
                    notes.put("probe errors", Long.toString(p.probe().errors()));
                    notes.put("p50 ms", String.format(Locale.ROOT, "%.2f", p.probe().p50Millis()));
                    notes.put("max ms", String.format(Locale.ROOT, "%.1f", p.probe().maxMillis()));
                    notes.put("peak RSS MiB", Long.toString(p.peakRssKiB() / 1024));
                    notes.put("threads, fds before -> after", r.leaks().toString());
                    for (Attack.Stats a : p.attacks()) {
                        notes.put(a.name(), String.format(Locale.ROOT, "%,d conns, %,d refused, %,d octets, %,d closed by server",
                                a.connections(), a.refused(), a.octetsSent(), a.closedByServer()));
                    }
                    out.add(new Comparison(id(), t.name() + ": " + p.name(), P99, p.probe().p99Millis(), r.alone().p99Millis(),
                            "under attack", "probe alone", notes));
                }
            }
        }
        return out;
    }
}
