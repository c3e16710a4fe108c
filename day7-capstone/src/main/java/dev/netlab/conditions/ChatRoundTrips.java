package dev.netlab.conditions;

import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.launch.Launcher;
import dev.netlab.kit.netns.DelayLine;
import dev.netlab.kit.netns.LabNetwork;
import dev.netlab.kit.netns.LinkConditions;
import dev.netlab.kit.netns.NetHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The capstone chat across a long path: its program (on whatever track this JVM runs, your
 * days or the references) in "far", curl in "near", and every step of loading the page and
 * opening the chat timed in round trips. Plain HTTP/1.1 today; see ADVANCED.md for what TLS,
 * HTTP/2 and the WebSocket add.
 */
public final class ChatRoundTrips {
    private ChatRoundTrips() {}

    static final int CHAT_PORT = 8080;
    /** The page and what it loads (chat-site/index.html). */
    static final List<String> ASSETS = List.of("/assets/chat.css", "/assets/chat.js", "/assets/icon.svg");
    private static final String CURL_TIMES = "%{http_code} %{num_connects} %{time_connect} %{time_starttransfer} %{time_total}\\n";

    /** One transfer as curl timed it (milliseconds from the start of that transfer). */
    public record Fetch(String what, int status, int newConnections, double connectMs, double firstByteMs, double totalMs) {}

    /**
     * What one visit cost: the page and its assets one after another on one kept-alive
     * connection ({@code oneConnection}: the page first, then each asset); the same as a browser
     * does it ({@code pageThenParallelMs}: the page, then the assets at once on new connections:
     * the page's time plus the slowest asset's); and the WebSocket upgrade of {@code /chat} on a kept-alive
     * connection after the page ({@code upgrade}).
     */
    public record Visit(Duration rtt, List<Fetch> oneConnection, double pageThenParallelMs, Fetch upgrade) {
        public double oneConnectionMs() {
            return oneConnection.stream().mapToDouble(Fetch::totalMs).sum();
        }
    }

    /** Runs the chat program in far behind {@code rtt} (half each way) and visits it {@code visits} times. */
    public static List<Visit> visit(Duration rtt, int visits) throws Exception {
        Require.tool("curl");
        LinkConditions way = LinkConditions.NONE.withDelay(rtt.dividedBy(2));
        Path dir = Files.createTempDirectory("netlab-chat-rtt-");
        try (LabNetwork net = LabNetwork.create()) {
            DelayLine line = DelayLine.create(net, way, way, 1);
            startChat(line.far(), dir.resolve("history.db"));
            List<Visit> out = new ArrayList<>();
            for (int i = 0; i < visits; i++) {
                out.add(visitOnce(line, rtt));
            }
            return out;
        } finally {
            Peer.exec(List.of("rm", "-rf", dir.toString()), Duration.ofSeconds(20), null, "rm -rf " + dir);
        }
    }

    private static Visit visitOnce(DelayLine line, Duration rtt) {
        String base = "http://" + DelayLine.FAR_ADDRESS + ":" + CHAT_PORT;
        List<String> one = new ArrayList<>(List.of("-s", "-o", "/dev/null", "-w", CURL_TIMES, base + "/"));
        for (String a : ASSETS) {
            one.addAll(List.of("-o", "/dev/null", base + a));
        }
        List<Fetch> sequential = fetches(line.near(), List.of("/", ASSETS.get(0), ASSETS.get(1), ASSETS.get(2)), one);

        // curl's own clocks, not the wall time around it: starting a process is no round trip
        Fetch page = fetches(line.near(), List.of("/"), List.of("-s", "-o", "/dev/null", "-w", CURL_TIMES, base + "/")).getFirst();
        List<String> parallel = new ArrayList<>(List.of("-s", "--parallel", "--parallel-immediate", "--parallel-max", "6",
                "-w", CURL_TIMES));
        for (String a : ASSETS) {
            parallel.addAll(List.of("-o", "/dev/null", base + a));
        }
        double slowest = fetches(line.near(), ASSETS, parallel).stream().mapToDouble(Fetch::totalMs).max().orElseThrow();
        double browserMs = page.totalMs() + slowest;

        // the page, then on the same connection the handshake of RFC 6455 §4.1 (its key from §1.3)
        List<String> upgrade = List.of("-s", "-o", "/dev/null", "-w", CURL_TIMES, base + "/", "--next",
                "-s", "-o", "/dev/null", "-w", CURL_TIMES, "-H", "Connection: Upgrade", "-H", "Upgrade: websocket",
                "-H", "Sec-WebSocket-Version: 13", "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", base + "/chat");
        Fetch ws = fetches(line.near(), List.of("/", "/chat upgrade"), upgrade).get(1);
        return new Visit(rtt, sequential, browserMs, ws);
    }

    /** Runs curl in {@code host} and reads one line of times per transfer. */
    private static List<Fetch> fetches(NetHost host, List<String> what, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "--max-time", "60"));
        cmd.addAll(args);
        Peer.PeerResult r = host.exec(Duration.ofSeconds(90), cmd.toArray(String[]::new));
        List<String> lines = r.stdout().lines().filter(l -> !l.isBlank()).toList();
        if (r.exitCode() != 0 || lines.size() != what.size()) {
            throw new IllegalStateException("curl " + String.join(" ", args) + " failed (exit " + r.exitCode() + "): "
                    + r.stdout() + r.stderr());
        }
        List<Fetch> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split(" ");
            out.add(new Fetch(what.get(i), Integer.parseInt(f[0]), Integer.parseInt(f[1]), seconds(f[2]), seconds(f[3]),
                    seconds(f[4])));
        }
        return out;
    }

    private static double seconds(String s) {
        return Double.parseDouble(s) * 1000;
    }

    /**
     * Starts {@code ./lab run day7-capstone chat} in {@code host} on this JVM's class path (its
     * track) and waits for its READY line. The process ends with the network.
     */
    static void startChat(NetHost host, Path db) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        for (String p : List.of("lab.root", "lab.module", "lab.track")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "chat",
                "--host", DelayLine.FAR_ADDRESS, "--port", Integer.toString(CHAT_PORT), "--db", db.toString()));
        Process chat = host.start(cmd.toArray(String[]::new));
        CompletableFuture<String> ready = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread.ofPlatform().daemon().name("chat-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(chat.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    synchronized (output) {
                        output.append(l).append('\n');
                    }
                    if (l.startsWith("READY ")) {
                        ready.complete(l);
                    }
                }
            } catch (IOException ended) {
                // the process is gone
            }
            ready.completeExceptionally(new IllegalStateException("the chat program ended: " + output));
        });
        try {
            ready.get(120, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the chat program printed no READY line in 120 s: " + output, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
