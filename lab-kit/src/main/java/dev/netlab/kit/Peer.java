package dev.netlab.kit;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An external tool used as an independent peer (curl, nghttp, h2load, openssl, tshark,
 * wrk, chromium, node, ip, nft ...): found on the PATH, run with a timeout, output collected.
 *
 * <pre>{@code
 * PeerResult r = Peer.require("tshark").run(Duration.ofSeconds(20), "-r", file, "-T", "fields", "-e", "tcp.flags");
 * }</pre>
 */
public final class Peer {
    private final String name;
    private final Path executable;

    private Peer(String name, Path executable) {
        this.name = name;
        this.executable = executable;
    }

    /** The tool, or a skip (strict: a failure) with its install hint. */
    public static Peer require(String name) {
        return new Peer(name, Require.tool(name));
    }

    /** The tool if it is on the PATH (or in /usr/sbin, /sbin), without skipping. */
    public static Optional<Peer> optional(String name) {
        return find(name).map(p -> new Peer(name, p));
    }

    /** Finds an executable on the PATH, then in the system folders a non-root PATH lacks. */
    public static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin", "/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public String name() {
        return name;
    }

    public Path executable() {
        return executable;
    }

    /** The command line as a learner would type it (for "reproduce by hand" lines). */
    public String commandLine(String... args) {
        StringBuilder sb = new StringBuilder(name);
        for (String a : args) {
            sb.append(' ').append(shellQuote(a));
        }
        return sb.toString();
    }

    /** Runs the tool to completion or until the timeout (then it is killed and {@code timedOut} is set). */
    public PeerResult run(Duration timeout, String... args) {
        return run(timeout, null, args);
    }

    /** As {@link #run(Duration, String...)} with bytes on standard input. */
    public PeerResult run(Duration timeout, byte[] stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.toString());
        cmd.addAll(List.of(args));
        return exec(cmd, timeout, stdin, commandLine(args));
    }

    /** Runs any command line (already resolved) with a timeout; the building block of {@link #run}. */
    public static PeerResult exec(List<String> cmd, Duration timeout, byte[] stdin, String display) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + display, e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread o = Thread.ofVirtual().start(() -> pump(p.getInputStream(), out));
        Thread e = Thread.ofVirtual().start(() -> pump(p.getErrorStream(), err));
        try {
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException ignored) {
                // the peer closed its stdin early; its exit status tells the rest
            }
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            o.join(5_000);
            e.join(5_000);
            return new PeerResult(display, done ? p.exitValue() : -1, !done,
                    out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException ie) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + display, ie);
        }
    }

    private static void pump(InputStream in, ByteArrayOutputStream sink) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (sink) {
                    sink.write(buf, 0, n);
                }
            }
        } catch (IOException ignored) {
            // process gone
        }
    }

    static String shellQuote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=,@%+".indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The outcome of one run of a peer. */
    public record PeerResult(String command, int exitCode, boolean timedOut, String stdout, String stderr) {
        /** Throws with the whole output unless the peer exited 0. */
        public PeerResult assertSuccess() {
            if (timedOut || exitCode != 0) {
                throw new AssertionError("`" + command + "` " + (timedOut ? "timed out" : "exited " + exitCode)
                        + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr);
            }
            return this;
        }

        public List<String> lines() {
            return stdout.lines().toList();
        }
    }
}
