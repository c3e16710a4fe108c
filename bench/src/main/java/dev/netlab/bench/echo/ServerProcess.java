package dev.netlab.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link EchoServerHost}: the echo servers under test live there, so the
 * load generator (in this JVM) and the server do not share a CPU account. Its CPU time is
 * {@link ProcessHandle.Info#totalCpuDuration()}, which on Linux is utime + stime from
 * {@code /proc/<pid>/stat}.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final long maxFileDescriptors;

    private ServerProcess(Process process) throws IOException, InterruptedException {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        Thread.ofPlatform().daemon().name("echo-host-stdout").start(() -> {
            try (BufferedReader out = process.inputReader(StandardCharsets.US_ASCII)) {
                for (String line; (line = out.readLine()) != null; ) {
                    answers.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        this.maxFileDescriptors = Long.parseLong(expect("HOST").substring("HOST ".length()).strip());
    }

    /** Starts a JVM with this JVM's {@code java} and class path (the same JDK, the same code). */
    static ServerProcess launch() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        // -Dnetlab.echo.serverJvm="-Xmx1g -Djdk.pollerMode=1": options for the server JVM (experiments)
        String options = System.getProperty("netlab.echo.serverJvm", "").strip();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EchoServerHost.class.getName()));
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new ServerProcess(p);
    }

    /** Starts {@code server} ({@code "netty"} or a {@code ServerModel} name) and returns its address. */
    InetSocketAddress start(String server) throws IOException, InterruptedException {
        commands.println("start " + server);
        int port = Integer.parseInt(expect("READY").substring("READY ".length()).strip());
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    void stop() throws IOException, InterruptedException {
        commands.println("stop");
        expect("STOPPED");
    }

    /** CPU seconds the server process has used so far (user + system), in nanoseconds; -1 if unknown. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    long maxFileDescriptors() {
        return maxFileDescriptors;
    }

    boolean alive() {
        return process.isAlive();
    }

    private String expect(String word) throws IOException, InterruptedException {
        String line = answers.poll(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || !line.startsWith(word)) {
            throw new IOException("echo server host: expected " + word + ", got "
                    + (line == null ? (process.isAlive() ? "nothing in " + ANSWER : "exit " + process.exitValue()) : line));
        }
        return line;
    }

    @Override
    public void close() throws InterruptedException {
        commands.close(); // end of input: the host stops its server and exits
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
