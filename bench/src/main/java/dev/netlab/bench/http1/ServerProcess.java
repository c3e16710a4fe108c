package dev.netlab.bench.http1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * A server under test in a child process of its own, so its CPU time is its own:
 * {@link #cpuSeconds()} sums {@code utime + stime} of the process and its descendants (nginx's
 * workers) from {@code /proc/<pid>/stat}. Read it before and after a measured run.
 */
public final class ServerProcess implements AutoCloseable {
    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux the lab targets. */
    private static final double CLOCK_TICKS = 100.0;

    private final String name;
    private final Process process;
    private final int port;
    /** A native server that stops on SIGTERM (nginx, nghttpd), not on the end of its input. */
    private final boolean signalled;

    private ServerProcess(String name, Process process, int port) {
        this(name, process, port, name.startsWith("nginx"));
    }

    private ServerProcess(String name, Process process, int port, boolean signalled) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.signalled = signalled;
    }

    /**
     * Starts a native server ({@code command}, which must listen on 127.0.0.1:{@code port}, e.g.
     * nghttpd), its output to {@code log}, and waits up to 10 s until it accepts connections;
     * {@link #close()} stops it with SIGTERM.
     */
    public static ServerProcess command(String name, List<String> command, int port, Path log)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(name + " exited (" + p.exitValue() + "); see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return new ServerProcess(name, p, port, true);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException(name + " did not listen on port " + port + " within 10 s");
    }

    /**
     * Starts {@code HelloServer <kind>} in a fresh JVM with this JVM's class path and waits for
     * its {@code READY <url>} line.
     */
    static ServerProcess java(String kind) throws IOException {
        return java(kind, HelloServer.class, kind);
    }

    /**
     * Starts {@code main} with {@code args} in a fresh JVM ({@code -Xmx256m}, this JVM's class
     * path), named {@code name} in messages, and waits for its {@code READY <url>} line. The
     * program must stop when its standard input closes ({@link #close()}).
     */
    public static ServerProcess java(String name, Class<?> main, String... args) throws IOException {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Under Surefire java.class.path is a manifest-only booter jar; the real one is here.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(javaCommand, "-Xms256m", "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                int port = java.net.URI.create(line.substring(6).trim()).getPort();
                return new ServerProcess(name, p, port);
            }
        }
        p.destroyForcibly();
        throw new IOException(name + " server exited before READY (exit " + waitFor(p) + ")");
    }

    /**
     * Starts nginx ({@code daemon off; master_process on}) with {@code workers} worker processes
     * and a configuration generated under {@code dir}: {@code return 200} for both endpoints,
     * no access log, keep-alive without a request cap (as the other servers have none).
     */
    static ServerProcess nginx(Path nginx, int workers, Path dir) throws IOException, InterruptedException {
        return nginx(nginx, workers, dir, "nginx-" + workers, port -> """
                    server {
                        listen 127.0.0.1:%d backlog=1024;
                        location = /plaintext {
                            default_type text/plain;
                            return 200 "Hello, World!";
                        }
                        location = /json {
                            default_type application/json;
                            return 200 '{"message":"Hello, World!"}';
                        }
                    }
                """.formatted(port));
    }

    /**
     * Starts nginx as above with the {@code server} blocks {@code servers} makes for a free port
     * (inside {@code http}, after the common settings), named {@code name} (files under
     * {@code dir}: {@code <name>.conf}, {@code <name>.out}).
     */
    public static ServerProcess nginx(Path nginx, int workers, Path dir, String name, IntFunction<String> servers)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        String conf = """
                daemon off;
                master_process on;
                worker_processes %2$d;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {
                    worker_connections 4096;
                }
                http {
                    access_log off;
                    server_tokens off;
                    keepalive_requests 10000000;
                    # temporary files under dir, not /var/lib/nginx: runs without root too
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %3$s
                }
                """.formatted(dir.toAbsolutePath(), workers, servers.apply(port));
        Path file = dir.resolve(name + ".conf");
        Files.writeString(file, conf);
        Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toAbsolutePath().toString(),
                "-e", dir.toAbsolutePath().resolve("error.log").toString(), "-c", file.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("nginx exited (" + p.exitValue() + "); see " + dir.resolve("error.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                // the workers accept; wait until they all run
                if (p.descendants().count() >= workers) {
                    return new ServerProcess(name, p, port);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IOException("nginx did not listen on port " + port + " within 10 s");
    }

    /** nginx on the PATH or in /usr/sbin, or null. */
    public static Path findNginx() {
        Stream<String> dirs = Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")),
                Stream.of("/usr/sbin", "/usr/local/sbin", "/usr/local/nginx/sbin"));
        return dirs.filter(d -> !d.isEmpty()).map(d -> Path.of(d, "nginx")).filter(Files::isExecutable)
                .findFirst().orElse(null);
    }

    public String name() {
        return name;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** CPU seconds (user + system) the server's processes have used so far. */
    public double cpuSeconds() throws IOException {
        long ticks = ticks(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            ticks += ticks(child.pid());
        }
        return ticks / CLOCK_TICKS;
    }

    /** utime + stime of one process, in clock ticks (proc(5): fields 14 and 15). */
    private static long ticks(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (java.nio.file.NoSuchFileException gone) {
            return 0;
        }
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Stops the server: closes its standard input (HelloServer) or sends SIGTERM (nginx: fast shutdown; nghttpd). */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // stopping anyway
        }
        if (signalled) {
            process.destroy();
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** A port free on the loopback address right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int waitFor(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
