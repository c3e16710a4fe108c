package dev.netlab.chat.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} (Debian's) as a child process: loopback only, its own port and
 * data folder, the append-only file fsynced before every reply ({@code appendonly yes},
 * {@code appendfsync always}), so that what the chat acknowledges survives Redis being killed
 * and restarted on the same folder. Used by {@code chat --cluster N}, the cluster tests and the
 * bench.
 */
public final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final String fsync;
    private Process process;

    private RedisServer(Path dir, int port, String fsync) {
        this.dir = dir;
        this.port = port;
        this.fsync = fsync;
    }

    /** Starts one on {@code port} (0: a free one) with its files in {@code dir}, fsync {@code always}. */
    public static RedisServer start(Path dir, int port) throws IOException {
        return start(dir, port, "always");
    }

    /** As {@link #start(Path, int)} with {@code appendfsync} {@code always}, {@code everysec} or {@code no}. */
    public static RedisServer start(Path dir, int port, String appendfsync) throws IOException {
        RedisServer server = new RedisServer(dir, port == 0 ? freePort() : port, appendfsync);
        server.launch();
        return server;
    }

    /** The binary: {@code redis-server} on the PATH. */
    public static String binary() {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(p, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return "redis-server";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void launch() throws IOException {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toAbsolutePath().toString(), "--appendonly", "yes", "--appendfsync", fsync,
                "--save", "", "--daemonize", "no", "--logfile", dir.resolve("redis.log").toAbsolutePath().toString()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + "; see " + dir.resolve("redis.log"));
            }
            if (ping()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        process.destroyForcibly();
        throw new IOException("redis-server did not answer PING within 20 s on port " + port);
    }

    /** Whether it answers {@code PING} with {@code +PONG} (and has loaded its data: a loading Redis answers -LOADING). */
    public boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public Process process() {
        return process;
    }

    /** {@code kill -9}: no shutdown, no final save — only what the append-only file already holds. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts it again on the same port and folder (after {@link #kill} or {@link #close}). */
    public void restart() throws IOException {
        launch();
    }

    /** SIGTERM (Redis fsyncs the append-only file and exits), waiting at most 5 s, then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** How long the process has been using the CPU (utime + stime from /proc/PID/stat), or -1 off Linux. */
    public Duration cpuTime() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
            return Duration.ofMillis(ticks * 10); // USER_HZ = 100 on Linux
        } catch (IOException | RuntimeException e) {
            return Duration.ofMillis(-1);
        }
    }
}
