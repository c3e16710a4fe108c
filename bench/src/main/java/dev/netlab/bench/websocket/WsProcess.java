package dev.netlab.bench.websocket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A WebSocket server under test in a child process: its port, its CPU seconds from /proc, its heap on request. */
final class WsProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;
    private final BufferedReader out;
    private final PrintWriter in;

    private WsProcess(String name, Process process, int port, BufferedReader out) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.out = out;
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    }

    /** {@code WsEchoServer <kind>} in a fresh JVM (-Xmx1g). */
    static WsProcess java(String kind) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return start(kind, new ArrayList<>(List.of(java, "-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
                "-Dio.netty.leakDetection.level=disabled", "-cp", cp, WsEchoServer.class.getName(), kind)), null);
    }

    /** Node's ws echo server from {@code dir} (where npm ci installed ws). */
    static WsProcess node(Path dir) throws IOException {
        return start("node-ws", new ArrayList<>(List.of("node", dir.resolve("ws-echo.mjs").toString())), dir.toFile());
    }

    private static WsProcess start(String name, List<String> cmd, java.io.File dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (dir != null) {
            pb.directory(dir);
        }
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                return new WsProcess(name, p, java.net.URI.create(line.substring(6).trim()).getPort(), out);
            }
        }
        p.destroyForcibly();
        throw new IOException(name + " exited before READY");
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** Heap used after a full GC, in bytes (Java servers only). */
    long heapAfterGc() throws IOException {
        in.println("heap");
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("HEAP ")) {
                return Long.parseLong(line.substring(5).trim());
            }
        }
        throw new IOException(name + " ended");
    }

    double cpuSeconds() throws IOException {
        long ticks = ticks(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            ticks += ticks(child.pid());
        }
        return ticks / 100.0;
    }

    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
