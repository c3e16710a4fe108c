package dev.netlab.bench.http2;

import dev.netlab.bench.http1.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The h2c servers the http2 suites compare, each a process of its own ({@link ServerProcess}:
 * its CPU seconds from {@code /proc}): {@code netlab} and {@code netty} ({@link H2HelloServer}),
 * and {@code nghttpd} (Debian {@code nghttp2-server}, run as its users run it: {@code --no-tls},
 * its default single worker, serving a file {@code plaintext} of {@value H2HelloServer#HELLO}
 * from a document root, SETTINGS_MAX_CONCURRENT_STREAMS {@value H2HelloServer#MAX_STREAMS}).
 * Every server answers {@code GET /plaintext}.
 */
final class H2Servers {
    static final String PATH = "/plaintext";

    private H2Servers() {
    }

    /** {@code bench/target/<name>} from the repository root, {@code target/<name>} from bench (its tests). */
    static Path workDir(String name) throws IOException {
        Path target = Files.isDirectory(Path.of("bench", "target")) ? Path.of("bench", "target") : Path.of("target");
        return Files.createDirectories(target.resolve(name).toAbsolutePath());
    }

    /** nghttpd on the PATH or in /usr/sbin, or null. */
    static Path nghttpd() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "nghttpd");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Starts the server {@code kind} (netlab, netty, nghttpd); nghttpd's files go under {@code dir}. */
    static ServerProcess start(String kind, Path dir) throws IOException, InterruptedException {
        if (!kind.equals("nghttpd")) {
            return ServerProcess.java(kind, H2HelloServer.class, kind);
        }
        Path nghttpd = nghttpd();
        if (nghttpd == null) {
            throw new IOException("nghttpd not found: sudo apt-get install nghttp2-server");
        }
        Path root = dir.resolve("nghttpd-root");
        Files.createDirectories(root);
        Files.writeString(root.resolve("plaintext"), H2HelloServer.HELLO);
        int port = ServerProcess.freePort();
        return ServerProcess.command("nghttpd", List.of(nghttpd.toString(), "--no-tls", "--address=127.0.0.1",
                "-m", Integer.toString(H2HelloServer.MAX_STREAMS), "-d", root.toString(), Integer.toString(port)),
                port, dir.resolve("nghttpd.out"));
    }

    static String label(String kind) {
        return switch (kind) {
            case "netlab" -> "netlab Http2Server (reference, virtual threads)";
            case "netty" -> "Netty 4.2 Http2FrameCodec h2c, " + NettyH2Server.transport();
            case "nghttpd" -> "nghttpd " + nghttpdVersion() + " (1 worker)";
            default -> kind;
        };
    }

    private static String nghttpdVersion() {
        Path n = nghttpd();
        if (n == null) {
            return "";
        }
        try {
            Process p = new ProcessBuilder(n.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out.replaceAll("^nghttpd nghttp2/", "");
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The 1-minute load average (/proc/loadavg), NaN when unknown. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
