package dev.netlab.bench.websocket;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Day 6's WebSocket server (the reference, a virtual thread per connection) against Node's
 * {@code ws} and Netty 4.2's WebSocket codec on epoll, each server alone in its own process:
 * <ul>
 *   <li>echo: 64-octet text messages over 100 connections, closed loop; messages/s and server
 *       CPU seconds per million messages;</li>
 *   <li>idle: 10,000 open, idle connections; the server's heap after a full GC, per connection
 *       (netlab and Netty: Node's heap is not comparable);</li>
 *   <li>broadcast: one sender, 1,000 receivers in a room; deliveries/s and p99 from send to
 *       delivery, against the same room on Netty (a {@code ChannelGroup}).</li>
 * </ul>
 * The load runs in this JVM on the same cores. Smoke: 4 connections, 50 idle, 20 receivers, 1 s.
 */
public final class WebSocketSuite implements BenchSuite {
    @Override
    public String id() {
        return "websocket";
    }

    @Override
    public String module() {
        return "day6-websocket";
    }

    @Override
    public String title() {
        return "WebSocket: echo over 100 connections, 10,000 idle connections, broadcast to 1,000 (vs Node ws and Netty " + WsEchoServer.transport() + ")";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        boolean smoke = config.smokeRun();
        Duration measure = smoke ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
        List<String> phases = List.of(System.getProperty("netlab.ws.phases", "echo,idle,broadcast").split(","));
        List<Comparison> out = new ArrayList<>();
        if (phases.contains("echo")) {
            echoPhase(smoke, measure, out);
        }
        if (phases.contains("idle")) {
            idlePhase(smoke, out);
        }
        if (phases.contains("broadcast")) {
            broadcastPhase(smoke, measure, out);
        }
        return out;
    }

    private void echoPhase(boolean smoke, Duration measure, List<Comparison> out) throws Exception {
        int connections = smoke ? 4 : 100;
        Duration warm = smoke ? Duration.ofMillis(300) : Duration.ofSeconds(5);
        Path nodeDir = smoke ? null : nodeInstall();
        Map<String, double[]> echo = new LinkedHashMap<>(); // name -> {msgs/s, cpu s per million}
        List<String> kinds = new ArrayList<>(List.of("netlab", "netty"));
        if (nodeDir != null) {
            kinds.add("node-ws");
        }
        for (String kind : kinds) {
            try (WsProcess server = kind.equals("node-ws") ? WsProcess.node(nodeDir) : WsProcess.java(kind)) {
                echo.put(kind, echo(server, connections, warm, measure));
                System.err.printf("bench websocket: echo %s: %.0f messages/s, %.2f CPU s per million%n", kind, echo.get(kind)[0], echo.get(kind)[1]);
            }
        }
        for (String baseline : kinds.subList(1, kinds.size())) {
            double[] n = echo.get("netlab");
            double[] b = echo.get(baseline);
            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("connections", Integer.toString(connections));
            notes.put("netlab CPU s per million", String.format("%.2f", n[1]));
            notes.put(baseline + " CPU s per million", String.format("%.2f", b[1]));
            out.add(new Comparison(id(), "echo 64 B, " + connections + " connections: messages/s vs " + baseline,
                    "messages/s (higher is better)", n[0], b[0], "netlab WebSocketServer", label(baseline), notes));
            out.add(new Comparison(id(), "echo: server CPU s per million messages vs " + baseline,
                    "CPU s per million messages (lower is better)", n[1], b[1], "netlab WebSocketServer", label(baseline), Map.of()));
        }
    }

    private void idlePhase(boolean smoke, List<Comparison> out) throws Exception {
        int idle = smoke ? 50 : 10_000;
        double netlabIdle;
        double nettyIdle;
        try (WsProcess server = WsProcess.java("netlab")) {
            netlabIdle = idleHeapPerConnection(server, idle);
        }
        try (WsProcess server = WsProcess.java("netty")) {
            nettyIdle = idleHeapPerConnection(server, idle);
        }
        System.err.printf("bench websocket: idle %d: netlab %.0f B, netty %.0f B per connection%n", idle, netlabIdle, nettyIdle);
        out.add(new Comparison(id(), idle + " idle connections: heap per connection", "bytes (lower is better)",
                netlabIdle, nettyIdle, "netlab WebSocketServer", label("netty"),
                Map.of("netlab KiB per connection", String.format("%.1f", netlabIdle / 1024), "target", "< 20 KiB")));
    }

    private void broadcastPhase(boolean smoke, Duration measure, List<Comparison> out) throws Exception {
        int receivers = smoke ? 20 : 1000;
        int rate = smoke ? 20 : Integer.getInteger("netlab.ws.rate", 20);
        double[] nb;
        double[] bb;
        try (WsProcess server = WsProcess.java("netlab")) {
            nb = broadcast(server, receivers, rate, measure);
        }
        try (WsProcess server = WsProcess.java("netty")) {
            bb = broadcast(server, receivers, rate, measure);
        }
        System.err.printf("bench websocket: broadcast: netlab %.0f/s p99 %.2f ms, netty %.0f/s p99 %.2f ms%n", nb[0], nb[1], bb[0], bb[1]);
        out.add(new Comparison(id(), "broadcast to " + receivers + " receivers: deliveries/s", "deliveries/s (higher is better)",
                nb[0], bb[0], "netlab BroadcastRoom", label("netty"), Map.of("sent per second", Integer.toString(rate))));
        out.add(new Comparison(id(), "broadcast to " + receivers + " receivers: p99 send to delivery", "ms (lower is better)",
                nb[1], bb[1], "netlab BroadcastRoom", label("netty"),
                Map.of("netlab p50 ms", String.format("%.2f", nb[2]), "netty p50 ms", String.format("%.2f", bb[2]),
                        "netlab CPU s", String.format("%.2f", nb[3]), "netty CPU s", String.format("%.2f", bb[3]))));
    }

    private static String label(String kind) {
        return switch (kind) {
            case "netty" -> "Netty 4.2 WebSocketServerProtocolHandler, " + WsEchoServer.transport();
            case "node-ws" -> "Node ws 8.23.1";
            default -> kind;
        };
    }

    /** {msgs/s, CPU s per million} of a closed loop of {@code n} connections. */
    private static double[] echo(WsProcess server, int n, Duration warm, Duration measure) throws Exception {
        LongAdder count = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        List<Socket> sockets = new ArrayList<>();
        byte[] frame = WsClients.textFrame(WsClients.payload64());
        for (int i = 0; i < n; i++) {
            Socket s = WsClients.open(server.port(), "/echo");
            sockets.add(s);
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    byte[] header = new byte[2];
                    while (!stop.get()) {
                        out.write(frame);
                        if (WsClients.readPayload(in, header).length != 64) {
                            return;
                        }
                        count.increment();
                    }
                } catch (IOException e) {
                    // closed at the end
                }
            }));
        }
        Thread.sleep(warm);
        long c0 = count.sum();
        double cpu0 = server.cpuSeconds();
        long t0 = System.nanoTime();
        Thread.sleep(measure);
        long c1 = count.sum();
        double cpu1 = server.cpuSeconds();
        double secs = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        for (Socket s : sockets) {
            s.close();
        }
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(5));
        }
        double msgs = c1 - c0;
        return new double[] {msgs / secs, (cpu1 - cpu0) / msgs * 1e6};
    }

    private static double idleHeapPerConnection(WsProcess server, int n) throws Exception {
        long before = server.heapAfterGc();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(WsClients.open(server.port(), "/echo"));
            }
            Thread.sleep(500);
            long after = server.heapAfterGc();
            return (after - before) / (double) n;
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    /** {deliveries/s, p99 ms, p50 ms, server CPU s} with {@code receivers} in /room and one sender at {@code rate}/s. */
    private static double[] broadcast(WsProcess server, int receivers, int rate, Duration measure) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        long[] latencies = new long[4_000_000];
        AtomicLong recorded = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < receivers; i++) {
            Socket s = WsClients.open(server.port(), "/room");
            sockets.add(s);
            readers.add(Thread.ofVirtual().start(() -> {
                try {
                    InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 4096);
                    byte[] header = new byte[2];
                    while (true) {
                        byte[] p = WsClients.readPayload(in, header);
                        long sent = ByteBuffer.wrap(p).getLong();
                        long at = recorded.getAndIncrement();
                        if (at < latencies.length) {
                            latencies[(int) at] = System.nanoTime() - sent;
                        }
                    }
                } catch (IOException e) {
                    // closed at the end
                }
            }));
        }
        Socket sender = WsClients.open(server.port(), "/room");
        sockets.add(sender);
        // the sender is a member too: it must read its own copies, or the room drops it as a slow consumer
        Thread.ofVirtual().start(() -> {
            try {
                sender.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // closed at the end
            }
        });
        Thread.sleep(500);
        OutputStream out = sender.getOutputStream();
        long interval = 1_000_000_000L / rate;
        double cpu0 = server.cpuSeconds();
        long start = System.nanoTime();
        long end = start + measure.toNanos();
        int sent = 0;
        for (long next = start; next < end; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            byte[] payload = WsClients.payload64();
            ByteBuffer.wrap(payload).putLong(System.nanoTime());
            out.write(WsClients.binaryFrame(payload)); // binary: a timestamp is not UTF-8
            sent++;
        }
        long expected = (long) sent * receivers;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (recorded.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double cpu = server.cpuSeconds() - cpu0;
        for (Socket s : sockets) {
            s.close();
        }
        int n = (int) Math.min(recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        double p99 = n == 0 ? Double.NaN : sorted[(int) Math.min(n - 1, Math.floor(n * 0.99))] / 1e6;
        double p50 = n == 0 ? Double.NaN : sorted[n / 2] / 1e6;
        return new double[] {recorded.get() / secs, p99, p50, cpu};
    }

    /** npm ci of ws (the version day 6 pins) into bench/target/node, with the echo script; null when node/npm are missing. */
    static Path nodeInstall() throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("day6-websocket/src/test/node/package-lock.json"))) {
            root = root.getParent();
        }
        if (root == null) {
            return null;
        }
        Path dir = root.resolve("bench/target/node");
        Files.createDirectories(dir);
        for (String f : new String[] {"package.json", "package-lock.json"}) {
            Files.copy(root.resolve("day6-websocket/src/test/node/" + f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(root.resolve("bench/src/main/node/ws-echo.mjs"), dir.resolve("ws-echo.mjs"), StandardCopyOption.REPLACE_EXISTING);
        if (!Files.exists(dir.resolve("node_modules/ws/package.json"))) {
            Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("npm.log").toFile()).start();
            if (p.waitFor() != 0) {
                throw new IOException("npm ci failed, see " + dir.resolve("npm.log"));
            }
        }
        return dir;
    }
}
