package dev.netlab.bench.tls;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.bench.http1.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Full and resumed TLS 1.3 handshakes per second ({@link STime}: two {@code openssl s_time}
 * clients at once, each connection one {@code GET /plaintext} over HTTP/1.0). The candidate is
 * day 4's {@code serve} program on the reference code; the baseline a plain JSSE
 * {@code SSLServerSocket} server ({@link JsseHttpsServer}) with the same certificate and
 * policy; nginx with TLS and 2 workers is reported beside. Server CPU milliseconds per
 * handshake beside each; servers run at once, measured in interleaved rounds, medians compared.
 * A resumed run checks that the sessions really were resumed (s_time's {@code r} marks).
 *
 * <p>Target (issue 12): full and resumed handshakes/s at least 1.0× the SSLServerSocket's.
 */
public final class HandshakeSuite implements BenchSuite {
    static final String PER_SECOND = "handshakes/s (higher is better)";
    static final String CPU = "server CPU ms per handshake (lower is better)";
    static final int CLIENTS = 2;
    static final int ROUNDS = 3;

    private record Server(String label, String shortName) {}

    private record Round(STime.Result result, double cpuSeconds) {
        double cpuMillisPerHandshake() {
            return cpuSeconds * 1000 / result.connections();
        }
    }

    private record Measured(List<Round> rounds) {
        double perSecond() {
            return TlsBench.median(rounds.stream().mapToDouble(r -> r.result().perSecond()).toArray());
        }

        double cpuMillis() {
            return TlsBench.median(rounds.stream().mapToDouble(Round::cpuMillisPerHandshake).toArray());
        }

        String describe() {
            String each = rounds.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.result().perSecond()))
                    .collect(Collectors.joining(" / "));
            long connections = rounds.stream().mapToLong(r -> r.result().connections()).sum();
            long resumed = rounds.stream().mapToLong(r -> r.result().resumed()).sum();
            return String.format(Locale.ROOT, "median of %d rounds: %,.0f handshakes/s (rounds %s), %.3f CPU ms per "
                    + "handshake, %,d of %,d connections resumed", rounds.size(), perSecond(), each, cpuMillis(), resumed, connections);
        }
    }

    @Override
    public String id() {
        return "tls-handshakes";
    }

    @Override
    public String module() {
        return TlsBench.MODULE;
    }

    @Override
    public String title() {
        return "TLS 1.3 handshakes per second, full and resumed (openssl s_time × 2, loopback)";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        STime sTime = STime.find();
        if (sTime == null) {
            throw new IllegalStateException("openssl is not installed (Debian/Ubuntu: apt-get install openssl)");
        }
        Path work = TlsBench.workDirectory(id());
        Duration warmup = config.smokeRun() ? Duration.ZERO : config.warmup();
        int rounds = config.smokeRun() ? 1 : ROUNDS;
        Duration measure = config.smokeRun() ? Duration.ofSeconds(1) : config.measure().dividedBy(rounds);

        List<Server> servers = new ArrayList<>();
        List<ServerProcess> processes = new ArrayList<>();
        Map<Boolean, Map<String, List<Round>>> measured = new LinkedHashMap<>(); // resumed? -> server -> rounds
        try {
            servers.add(new Server("netlab HttpsServer (serve, virtual threads, JSSE)", "netlab"));
            processes.add(ServerProcess.java("netlab", TlsServerHost.class, "netlab"));
            servers.add(new Server("JSSE SSLServerSocket, thread pool", "SSLServerSocket"));
            processes.add(ServerProcess.java("jsse", TlsServerHost.class, "jsse"));
            ServerProcess nginx = TlsBench.nginx(2, work, id());
            if (nginx != null) {
                servers.add(new Server("nginx with TLS (OpenSSL), 2 workers", "nginx ×2"));
                processes.add(nginx);
            }
            for (boolean resume : List.of(false, true)) {
                Map<String, List<Round>> byServer = new LinkedHashMap<>();
                servers.forEach(s -> byServer.put(s.label(), new ArrayList<>()));
                measured.put(resume, byServer);
            }
            if (!warmup.isZero()) {
                for (ServerProcess p : processes) {
                    // each mode warmed for the whole warm-up: a JSSE server's handshake code needs the JIT
                    sTime.run(p.port(), false, CLIENTS, warmup);
                    sTime.run(p.port(), true, CLIENTS, warmup);
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < servers.size(); k++) {
                    int i = (round + k) % servers.size();
                    ServerProcess process = processes.get(i);
                    for (boolean resume : List.of(false, true)) {
                        double cpuBefore = process.cpuSeconds();
                        STime.Result r = sTime.run(process.port(), resume, CLIENTS, measure);
                        double cpu = process.cpuSeconds() - cpuBefore;
                        if (r.connections() == 0) {
                            throw new IllegalStateException(servers.get(i).label() + " completed no handshake");
                        }
                        // every connection but each client's first must resume
                        if (resume && r.resumed() < r.connections() - CLIENTS) {
                            throw new IllegalStateException(servers.get(i).label() + " resumed only " + r.resumed()
                                    + " of " + r.connections() + " sessions");
                        }
                        Round m = new Round(r, cpu);
                        System.out.printf(Locale.ROOT, "%s: round %d %-52s %-7s %,8.0f handshakes/s, %.3f CPU ms each, %d/%d resumed%n",
                                id(), round + 1, servers.get(i).label(), resume ? "resumed" : "full", r.perSecond(),
                                m.cpuMillisPerHandshake(), r.resumed(), r.connections());
                        System.out.flush();
                        measured.get(resume).get(servers.get(i).label()).add(m);
                    }
                }
            }
        } finally {
            for (ServerProcess p : processes) {
                p.close();
            }
        }
        List<Comparison> out = new ArrayList<>();
        Server candidate = servers.get(0);
        for (boolean resume : List.of(false, true)) {
            Measured c = new Measured(measured.get(resume).get(candidate.label()));
            for (Server baseline : servers.subList(1, servers.size())) {
                Measured b = new Measured(measured.get(resume).get(baseline.label()));
                String name = (resume ? "resumed" : "full") + " netlab vs " + baseline.shortName();
                String target = baseline.shortName().equals("SSLServerSocket")
                        ? "handshakes/s ≥ 1.0× the SSLServerSocket's (issue 12)" : "reported beside";
                out.add(comparison(name, PER_SECOND, c.perSecond(), b.perSecond(), candidate, baseline, c, b, target));
                out.add(comparison(name + ", CPU", CPU, c.cpuMillis(), b.cpuMillis(), candidate, baseline, c, b, "reported"));
            }
        }
        return out;
    }

    private Comparison comparison(String name, String unit, double candidate, double baseline, Server c, Server b,
                                  Measured cm, Measured bm, String target) {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("candidate", cm.describe());
        notes.put("baseline", bm.describe());
        notes.put("load", CLIENTS + " × openssl s_time -tls1_3 -www " + HelloHttps.PATH + " (-new | -reuse); "
                + "the clients share the cores; interleaved rounds, medians compared");
        notes.put("target", target);
        return new Comparison(id(), name, unit, candidate, baseline, c.label(), b.label(), notes);
    }
}
