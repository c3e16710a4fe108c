package dev.netlab.bench.chat;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.chat.load.ChatLoad;
import dev.netlab.kit.launch.Launcher;
import dev.netlab.kit.tls.DevCertificates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The capstone chat (day 7 on the days' references) against the same chat service on Netty's
 * WebSocket server over the JDK's TLS (epoll), each server alone in a child JVM (-Xmx2g), the
 * load ({@link ChatLoad}: Netty WSS clients) in this one on the same cores:
 * <ul>
 *   <li>{@code 10k}: 10,000 WSS clients in 100 rooms, each sending one message every 30 s for
 *       60 s (20,000 messages, 2,000,000 deliveries): lost and duplicated (both must be 0),
 *       p50/p99 delivery latency, the server's CPU seconds and its heap per connection;</li>
 *   <li>{@code 2k}: 2,000 clients in 20 rooms for 30 s, one message every 5 s each.</li>
 * </ul>
 * Smoke: 20 clients in 4 rooms, one message every 500 ms for 1 s.
 * {@code -Dnetlab.chat.phases=2k} runs one phase; {@code -Dnetlab.chat.serverJvmArgs="..."} adds options
 * to both servers' JVMs (e.g. {@code -Djdk.pollerMode=1}); {@code -Dnetlab.chat.servers=netlab} measures netlab's
 * server alone (an experiment: its figures go to stderr, nothing is compared).
 */
public final class ChatSuite implements BenchSuite {
    private record Phase(String name, int clients, int rooms, Duration duration, Duration interval, Duration warmUp) {}

    /**
     * Before each timed phase, 15 s of the same load whose latencies are not counted (its messages
     * are, for loss and duplicates): traced on 2026-12-06, a fresh server's first 2.5 s of messages
     * were nearly all over 50 ms (up to 450 ms) while the JIT compiled the message path, and made
     * most of the p99 (205 ms with them, 64 ms without). {@code -Dnetlab.chat.warmUpSeconds=0} times everything.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("netlab.chat.warmUpSeconds", 15));

    @Override
    public String id() {
        return "chat";
    }

    @Override
    public String module() {
        return "day7-capstone";
    }

    @Override
    public String title() {
        return "The chat over WSS: 10,000 clients in 100 rooms and 2,000 in 20 (vs the same chat on Netty 4.2 + JDK TLS, "
                + NettyChatServer.transport() + ")";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        List<Phase> phases = new ArrayList<>();
        if (config.smokeRun()) {
            phases.add(new Phase("smoke", 20, 4, Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ZERO));
        } else {
            List<String> wanted = List.of(System.getProperty("netlab.chat.phases", "10k,2k").split(","));
            if (wanted.contains("10k")) {
                phases.add(new Phase("10k", 10_000, 100, Duration.ofSeconds(60), Duration.ofSeconds(30), WARM_UP));
            }
            if (wanted.contains("2k")) {
                phases.add(new Phase("2k", 2_000, 20, Duration.ofSeconds(30), Duration.ofSeconds(5), WARM_UP));
            }
        }
        List<Comparison> out = new ArrayList<>();
        boolean both = !System.getProperty("netlab.chat.servers", "netlab,netty").trim().equals("netlab");
        for (Phase p : phases) {
            Measured lab = measure("netlab", p);
            if (!both) { // -Dnetlab.chat.servers=netlab: an experiment on netlab's server alone, nothing compared
                System.err.printf("bench chat %s: netlab alone (-Dnetlab.chat.servers=netlab): no comparison%n", p.name());
                continue;
            }
            Measured netty = measure("netty", p);
            String name = p.clients() + " WSS clients in " + p.rooms() + " rooms, 1 message / " + p.interval().toMillis() + " ms each";
            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("netlab", lab.result().summary());
            notes.put("netty", netty.result().summary());
            notes.put("netlab lost / duplicated", lab.result().lost() + " / " + lab.result().duplicated());
            notes.put("netty lost / duplicated", netty.result().lost() + " / " + netty.result().duplicated());
            notes.put("load average at start", lab.loadAverage());
            notes.put("method", "latencies of the messages sent in " + p.duration().toSeconds() + " s after a "
                    + p.warmUp().toSeconds() + " s warm-up at the same rate; the load's TLS: " + ChatLoad.tlsProvider());
            out.add(new Comparison(id(), name + ": p99 delivery latency", "ms (lower is better)", lab.result().p99Millis(),
                    netty.result().p99Millis(), "netlab chat (days 3-6)", label(), notes));
            out.add(new Comparison(id(), name + ": p50 delivery latency", "ms (lower is better)", lab.result().p50Millis(),
                    netty.result().p50Millis(), "netlab chat (days 3-6)", label(), Map.of()));
            out.add(new Comparison(id(), name + ": server CPU per connection (connect + run)", "ms (lower is better)",
                    lab.cpuSeconds() * 1000 / p.clients(), netty.cpuSeconds() * 1000 / p.clients(), "netlab chat (days 3-6)", label(),
                    Map.of("netlab CPU s", String.format("%.1f", lab.cpuSeconds()), "netty CPU s", String.format("%.1f", netty.cpuSeconds()))));
            if (lab.sendingCpuSeconds() > 0 && netty.sendingCpuSeconds() > 0) {
                out.add(new Comparison(id(), name + ": server CPU per 1,000 deliveries (after the joins)", "ms (lower is better)",
                        lab.sendingCpuSeconds() * 1e6 / Math.max(1, lab.result().delivered()),
                        netty.sendingCpuSeconds() * 1e6 / Math.max(1, netty.result().delivered()), "netlab chat (days 3-6)", label(),
                        Map.of("netlab CPU s after the joins", String.format("%.1f", lab.sendingCpuSeconds()),
                                "netty CPU s after the joins", String.format("%.1f", netty.sendingCpuSeconds()))));
            } else { // /proc counts CPU in 10 ms clock ticks: a smoke run's sending phase can end inside one
                System.err.printf("bench chat %s: CPU per delivery not compared: under one clock tick of /proc%n", p.name());
            }
            out.add(new Comparison(id(), name + ": server heap per connection", "bytes (lower is better)",
                    lab.heapPerConnection(), netty.heapPerConnection(), "netlab chat (days 3-6)", label(),
                    Map.of("netlab KiB per connection", String.format("%.1f", lab.heapPerConnection() / 1024),
                            "netty KiB per connection", String.format("%.1f", netty.heapPerConnection() / 1024))));
        }
        return out;
    }

    private static String label() {
        return "the same chat on Netty 4.2 WebSocketServerProtocolHandler, JDK TLS, " + NettyChatServer.transport();
    }

    private record Measured(ChatLoad.Result result, double cpuSeconds, double sendingCpuSeconds, double heapPerConnection,
            String loadAverage) {}

    private static Measured measure(String kind, Phase p) throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        try (ServerProcess server = ServerProcess.start(kind); PauseWatch pauses = new PauseWatch()) {
            long heapBefore = server.heapAfterGc();
            double cpuBefore = server.cpuSeconds();
            long[] heapJoined = new long[1];
            double[] cpuJoined = new double[1];
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            ChatLoad.Result r = ChatLoad.run(new ChatLoad.Plan(URI.create("https://127.0.0.1:" + server.port + "/"),
                    DevCertificates.standard().ca(), p.clients(), p.rooms(), p.duration(), p.interval(), 64, threads).withWarmUp(p.warmUp()), joined -> {
                        // the load generator's heap collected too, as the server's is: what the joins left
                        // (10,000 connections' state) is not copied by the timed minute's young pauses
                        System.gc();
                        pauses.arm();
                        try {
                            heapJoined[0] = server.heapAfterGc();
                            cpuJoined[0] = server.cpuSeconds();
                        } catch (IOException e) {
                            heapJoined[0] = -1;
                        }
                    });
            double cpuEnd = server.cpuSeconds();
            double cpu = cpuEnd - cpuBefore;
            double sending = cpuEnd - cpuJoined[0]; // the sending phase and the drain, after every join
            System.err.printf("bench chat %s %s: %s; CPU %.1f s (%.1f s after the joins); heap %d -> %d; the load generator's GC after the joins: %s%n",
                    p.name(), kind, r.summary(), cpu, sending, heapBefore, heapJoined[0], pauses.summary());
            return new Measured(r, cpu, sending, (heapJoined[0] - heapBefore) / (double) Math.max(1, r.connected()), load);
        }
    }

    /** The server in a child JVM: its port, its CPU seconds from /proc, its heap on request. */
    static final class ServerProcess implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;
        int port;

        private ServerProcess(Process process) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        }

        static ServerProcess start(String... args) throws IOException {
            String kind = String.join(" ", args);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> cmd = new ArrayList<>(List.of(java, "-Xms2g", "-Xmx2g", "--enable-native-access=ALL-UNNAMED",
                    "-Dio.netty.leakDetection.level=disabled", "-cp", cp, ChatBenchServer.class.getName()));
            if (!args[0].equals("netty")) {
                // the capstone as its users run it: ./lab run starts programs through lab-kit's
                // Launcher, which gives virtual threads the chat's carriers (chat.carriers in its programs.properties)
                cmd.add(1, "-D" + Launcher.PARALLELISM + "=" + Launcher.carriersFor("chat"));
            }
            // -Dnetlab.chat.serverJvmArgs="-Dx=y ...": more options for both servers' JVMs (experiments)
            String extra = System.getProperty("netlab.chat.serverJvmArgs", "").trim();
            if (!extra.isEmpty()) { // before the class path, after the carriers: a -D here wins over the one above
                cmd.addAll(cmd.indexOf("-cp"), List.of(extra.split("\\s+")));
            }
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            ServerProcess s = new ServerProcess(p);
            String line;
            while ((line = s.out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    s.port = URI.create(line.substring(6).trim()).getPort();
                    return s;
                }
            }
            p.destroyForcibly();
            throw new IOException(kind + " chat exited before READY");
        }

        long heapAfterGc() throws IOException {
            in.println("heap");
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("HEAP ")) {
                    return Long.parseLong(line.substring(5).trim());
                }
            }
            throw new IOException("the chat server ended");
        }

        double cpuSeconds() throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, in clock ticks
        }

        @Override
        public void close() throws InterruptedException {
            in.close(); // end of stdin: the server stops
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
