package dev.netlab.conditions;

import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.kit.netns.DelayLine;
import dev.netlab.kit.netns.LabNetwork;
import dev.netlab.kit.netns.LinkConditions;
import dev.netlab.kit.netns.NetHost;
import dev.netlab.kit.tls.DevCertificates;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The capstone chat across a long path: its program (on whatever track this JVM runs, your
 * days or the references) in "far" on HTTPS (TLS 1.3, h2 or HTTP/1.1 by ALPN, the plain port
 * redirecting), independent clients in "near" (curl, and nghttp fetching the page's assets as a
 * browser does), every step of loading the page and opening the chat timed by the client's own
 * clock and counted in round trips.
 */
public final class ChatRoundTrips {
    private ChatRoundTrips() {}

    static final int CHAT_PORT = 8443;
    static final int REDIRECT_PORT = 8080;
    /** The name the lab certificate carries; curl resolves it to far's address. */
    static final String NAME = "localhost";
    /** The page and what it loads (chat-site/index.html). */
    static final List<String> ASSETS = List.of("/assets/chat.css", "/assets/chat.js", "/assets/icon.svg");
    private static final String CURL_TIMES = "%{http_code} %{num_connects} %{time_connect} %{time_appconnect} "
            + "%{time_starttransfer} %{time_total} %{time_redirect} %{http_version}\\n";
    /** One line of nghttp's statistics: id, responseEnd, requestStart, process, code, size, path. */
    private static final Pattern NGHTTP_LINE = Pattern.compile(
            "\\s*\\d+\\s+\\+([0-9.]+)(us|ms|s)\\s+\\+([0-9.]+)(us|ms|s)\\s+\\S+\\s+(\\d{3})\\s+\\S+\\s+(\\S+)");

    /**
     * One transfer as curl timed it (milliseconds from the start of that transfer): TCP connected,
     * TLS done, first octet of the response, last octet, and the time spent in redirects before.
     */
    public record Fetch(String what, int status, int newConnections, double connectMs, double tlsMs, double firstByteMs,
                        double totalMs, double redirectMs, String httpVersion) {}

    /**
     * What one visit cost.
     *
     * @param h2 the page and its 3 assets one after another on one h2 connection (curl)
     * @param h2AssetsAfterPageMs the assets a browser's way on h2 (nghttp -a): all requested at once
     *     on the page's connection once the page is in; from the page's last octet to the last asset's
     * @param h1 the page and its 3 assets one after another on one HTTP/1.1 connection (curl --http1.1)
     * @param h1AssetsParallelMs the 3 assets at once on new HTTP/1.1 connections, as browsers open
     *     more connections (curl --parallel): the slowest one
     * @param upgrade the WebSocket handshake of /chat (RFC 6455 over HTTP/1.1) on the page's kept connection
     * @param typedHttp {@code http://} typed: the 308 from the plain port, then the page over HTTPS
     */
    public record Visit(Duration rtt, List<Fetch> h2, double h2AssetsAfterPageMs, List<Fetch> h1, double h1AssetsParallelMs,
                        Fetch upgrade, Fetch typedHttp) {
        public double h2OneByOneMs() {
            return h2.stream().mapToDouble(Fetch::totalMs).sum();
        }

        public double h2BrowserMs() {
            return h2.getFirst().totalMs() + h2AssetsAfterPageMs;
        }

        public double h1OneConnectionMs() {
            return h1.stream().mapToDouble(Fetch::totalMs).sum();
        }

        public double h1BrowserMs() {
            return h1.getFirst().totalMs() + h1AssetsParallelMs;
        }
    }

    /** Runs the chat program in far behind {@code rtt} (half each way) and visits it {@code visits} times. */
    public static List<Visit> visit(Duration rtt, int visits) throws Exception {
        Require.tool("curl");
        Require.tool("nghttp");
        LinkConditions way = LinkConditions.NONE.withDelay(rtt.dividedBy(2));
        Path dir = Files.createTempDirectory("netlab-chat-rtt-");
        try (LabNetwork net = LabNetwork.create()) {
            DelayLine line = DelayLine.create(net, way, way, 1);
            startChat(line.far(), dir.resolve("history.db"));
            // one untimed visit first: the first TLS handshakes of a fresh JVM cost it a second of
            // compiling (seen here: TLS done after 4.5 round trips instead of 2), which is no round trip
            String base = "https://" + NAME + ":" + CHAT_PORT + "/";
            for (String version : List.of("--http2", "--http1.1")) {
                fetches(line.near(), List.of("/", "/"), curl(version, "-o", "/dev/null", base, "-o", "/dev/null", base), 0);
            }
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
        String base = "https://" + NAME + ":" + CHAT_PORT;
        List<String> page = List.of("/", ASSETS.get(0), ASSETS.get(1), ASSETS.get(2));
        List<Fetch> h2 = fetches(line.near(), page, oneByOne(base, "--http2"), 0);
        List<Fetch> h1 = fetches(line.near(), page, oneByOne(base, "--http1.1"), 0);

        // the assets at once on new HTTP/1.1 connections (curl's own clocks, not the wall time
        // around it: starting a process is no round trip)
        List<String> parallel = new ArrayList<>(curl("--http1.1", "--parallel", "--parallel-immediate", "--parallel-max", "6"));
        for (String a : ASSETS) {
            parallel.addAll(List.of("-o", "/dev/null", base + a));
        }
        double slowest = fetches(line.near(), ASSETS, parallel, 0).stream().mapToDouble(Fetch::totalMs).max().orElseThrow();

        // the page, then on the same connection the handshake of RFC 6455 §4.1 (its key from §1.3);
        // after the 101 curl waits for more until --max-time (exit 28)
        List<String> upgrade = new ArrayList<>(curl("--http1.1"));
        upgrade.addAll(List.of("-o", "/dev/null", base + "/", "--next"));
        upgrade.addAll(curl("--http1.1", "--max-time", "2", "-H", "Connection: Upgrade", "-H", "Upgrade: websocket",
                "-H", "Sec-WebSocket-Version: 13", "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "-H", "Origin: " + base, "-o", "/dev/null", base + "/chat"));
        Fetch ws = fetches(line.near(), List.of("/", "/chat upgrade"), upgrade, 28).get(1);

        List<String> typed = new ArrayList<>(curl("-L"));
        typed.addAll(List.of("-o", "/dev/null", "http://" + NAME + ":" + REDIRECT_PORT + "/"));
        Fetch redirected = fetches(line.near(), List.of("http:// typed"), typed, 0).getFirst();

        return new Visit(rtt, h2, assetsAfterPage(line.near()), h1, slowest, ws, redirected);
    }

    /** curl's common arguments: the lab CA, the certificate's name at far's address, the times. */
    private static List<String> curl(String... more) {
        List<String> args = new ArrayList<>(List.of("-s", "--cacert", DevCertificates.standard().caCertificate().toString(),
                "--resolve", NAME + ":" + CHAT_PORT + ":" + DelayLine.FAR_ADDRESS,
                "--resolve", NAME + ":" + REDIRECT_PORT + ":" + DelayLine.FAR_ADDRESS, "-w", CURL_TIMES));
        args.addAll(List.of(more));
        return args;
    }

    /** The page and its assets, one after another on one connection of {@code version}. */
    private static List<String> oneByOne(String base, String version) {
        List<String> args = new ArrayList<>(curl(version));
        args.addAll(List.of("-o", "/dev/null", base + "/"));
        for (String a : ASSETS) {
            args.addAll(List.of("-o", "/dev/null", base + a));
        }
        return args;
    }

    /**
     * nghttp fetches the page and then, as a browser does, what it links to (its stylesheet and
     * script; nghttp does not follow the icon link) at once on the same h2 connection. Its
     * statistics give each response's last octet from the connection's start: the last asset's
     * minus the page's.
     */
    private static double assetsAfterPage(NetHost near) {
        Peer.PeerResult r = near.exec(Duration.ofSeconds(90), "nghttp", "-ans", "--timeout=60",
                "https://" + DelayLine.FAR_ADDRESS + ":" + CHAT_PORT + "/");
        double pageEnd = -1;
        double lastAsset = -1;
        int assets = 0;
        for (String l : r.stdout().lines().toList()) {
            Matcher m = NGHTTP_LINE.matcher(l);
            if (!m.matches()) {
                continue;
            }
            double end = millis(m.group(1), m.group(2));
            if (!m.group(5).equals("200")) {
                throw new IllegalStateException("nghttp: " + l);
            }
            if (m.group(6).equals("/")) {
                pageEnd = end;
            } else {
                assets++;
                lastAsset = Math.max(lastAsset, end);
            }
        }
        if (r.exitCode() != 0 || pageEnd < 0 || assets == 0) {
            throw new IllegalStateException("nghttp -ans failed (exit " + r.exitCode() + "): " + r.stdout() + r.stderr());
        }
        return lastAsset - pageEnd;
    }

    private static double millis(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    /** Runs curl in {@code host} and reads one line of times per transfer; {@code alsoOk}: another exit code that is fine. */
    private static List<Fetch> fetches(NetHost host, List<String> what, List<String> args, int alsoOk) {
        List<String> cmd = new ArrayList<>(List.of("curl", "--max-time", "60"));
        cmd.addAll(args);
        Peer.PeerResult r = host.exec(Duration.ofSeconds(90), cmd.toArray(String[]::new));
        List<String> lines = r.stdout().lines().filter(l -> !l.isBlank()).toList();
        if ((r.exitCode() != 0 && r.exitCode() != alsoOk) || lines.size() != what.size()) {
            throw new IllegalStateException("curl " + String.join(" ", args) + " failed (exit " + r.exitCode() + "): "
                    + r.stdout() + r.stderr());
        }
        List<Fetch> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split(" ");
            out.add(new Fetch(what.get(i), Integer.parseInt(f[0]), Integer.parseInt(f[1]), seconds(f[2]), seconds(f[3]),
                    seconds(f[4]), seconds(f[5]), seconds(f[6]), f[7]));
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
        List<String> cmd = ProgramProcess.command(List.of(), "chat", "--host", DelayLine.FAR_ADDRESS,
                "--port", Integer.toString(CHAT_PORT), "--redirect-port", Integer.toString(REDIRECT_PORT), "--db", db.toString());
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
