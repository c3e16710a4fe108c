package dev.netlab.kit.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A day's program started as a real child process, the way {@code ./lab run} starts it:
 * {@code java -cp <this JVM's class path> dev.netlab.kit.launch.Launcher <program> args...}.
 * Tests use it to check the server contract ({@link ServerContract}) and to point real peers
 * (curl, nghttp, ...) at the learner's server. Output is collected; {@link #close()} sends
 * SIGTERM and waits for a graceful exit, then kills.
 */
public final class ProgramProcess implements AutoCloseable {
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();

    private ProgramProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().name("program-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    if (line.startsWith("READY ") && !ready.isDone()) {
                        ready.complete(line.substring("READY ".length()).trim());
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("the program ended without a READY line:\n"
                    + String.join("\n", output)));
        });
    }

    /** Starts {@code program} with {@code args} on this JVM's class path (stderr merged into stdout). */
    public static ProgramProcess start(String program, String... args) throws IOException {
        return start(List.of(), program, args);
    }

    /**
     * Starts {@code program} in a JVM with extra options ({@code -Xmx256m}, ...) before the
     * class path; otherwise as {@link #start(String, String...)}.
     */
    public static ProgramProcess start(List<String> jvmOptions, String program, String... args) throws IOException {
        return new ProgramProcess(new ProcessBuilder(command(jvmOptions, program, args)).redirectErrorStream(true).start());
    }

    /**
     * The command line {@link #start(List, String, String...)} runs: a JVM on this JVM's class
     * path and track, the launcher, the program. For starting it some other way, e.g. inside a
     * network namespace with {@code NetHost.start}.
     */
    public static List<String> command(List<String> jvmOptions, String program, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        for (String p : List.of("lab.root", "lab.module", "lab.track")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Launcher.class.getName());
        cmd.add(program);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * As {@link #start(List, String, String...)}, with {@code program} looked up in the programs of
     * the module that holds {@code anchor} (its jar or class folder) and started by its class name:
     * unambiguous when several days are on the class path, as in bench, where {@code serve} is a
     * program of days 3, 4, 5 and 6 (the Launcher alone would pick the last on the class path).
     */
    public static ProgramProcess start(List<String> jvmOptions, Class<?> anchor, String program, String... args)
            throws IOException {
        java.net.URL location = anchor.getProtectionDomain().getCodeSource().getLocation();
        java.util.Properties programs = new java.util.Properties();
        try (java.net.URLClassLoader module = new java.net.URLClassLoader(new java.net.URL[] {location}, null);
             java.io.InputStream in = module.getResourceAsStream("META-INF/netlab/programs.properties")) {
            if (in == null) {
                throw new IOException("no META-INF/netlab/programs.properties beside " + anchor.getName() + " (" + location + ")");
            }
            programs.load(in);
        }
        String className = programs.getProperty(program);
        if (className == null) {
            throw new IOException("no program '" + program + "' in the module of " + anchor.getName());
        }
        return start(jvmOptions, className, args);
    }

    /** The URL of the READY line, waiting at most {@code timeout}. */
    public String awaitReady(Duration timeout) throws IOException {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no READY line within " + timeout + "; output so far:\n" + String.join("\n", output));
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Everything the program printed so far. */
    public List<String> output() {
        return List.copyOf(output);
    }

    public Process process() {
        return process;
    }

    /** Sends SIGTERM and returns the exit code, or -1 if it had to be killed after {@code grace}. */
    public int stop(Duration grace) throws InterruptedException {
        process.destroy(); // SIGTERM on Unix
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(ServerContract.SHUTDOWN_GRACE.plusSeconds(3));
        }
    }
}
