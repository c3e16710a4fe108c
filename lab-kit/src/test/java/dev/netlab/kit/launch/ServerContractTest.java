package dev.netlab.kit.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shutdown half of the server contract, on a real child JVM and real signals. */
class ServerContractTest {

    /** A minimal server program: READY, then wait; its stop action prints and takes a moment. */
    public static final class Program {
        public static void main(String[] args) throws InterruptedException {
            ServerContract.ready("tcp://127.0.0.1:1/");
            ServerContract.awaitShutdown(() -> {
                sleep(200); // in-flight work being finished
                System.out.println("STOPPED");
                System.out.flush();
            });
            System.out.println("MAIN RETURNED");
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @ParameterizedTest(name = "SIG{0}: stop runs once, main returns, exit status 0")
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalStopsTheServerGracefullyWithExitZero(String signal) throws Exception {
        Process p = child();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("READY tcp://127.0.0.1:1/");
            if (signal.equals("INT") && inheritedAsIgnored(p.pid(), 2)) {
                // A shell starts background jobs with SIGINT ignored, and an ignored signal stays
                // ignored across exec (POSIX; what nohup relies on). Surefire's JVM can inherit
                // that, so its children do too: then Ctrl-C must not reach the server; TERM does.
                send("INT", p);
                assertThat(p.waitFor(500, TimeUnit.MILLISECONDS)).as("an inherited SIG_IGN for INT is kept").isFalse();
                signal = "TERM";
            }
            send(signal, p);
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("the program ends within the grace period").isTrue();
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line);
            }
        } finally {
            p.destroyForcibly();
        }
        assertThat(out).as("stdout after READY").containsExactly("STOPPED", "MAIN RETURNED");
        assertThat(p.exitValue()).as("exit status after SIG" + signal).isZero();
    }

    private static void send(String signal, Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** Whether {@code pid} started with signal {@code number} ignored (SigIgn in /proc/PID/status). */
    private static boolean inheritedAsIgnored(long pid, int number) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << (number - 1))) != 0;
            }
        }
        throw new IllegalStateException("no SigIgn line for pid " + pid);
    }

    @Test
    void systemExitElsewhereStillRunsTheStopActionOnce() throws Exception {
        // -Xrs: the JVM installs no handlers of its own and lets sun.misc.Signal fail; a TERM
        // then kills the JVM outright, so the fallback is shown through System.exit instead.
        Process p = new ProcessBuilder(javaCommand(ExitingProgram.class)).redirectErrorStream(true).start();
        String out;
        try {
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
        assertThat(out.lines().filter(l -> l.equals("STOPPED")).count()).as(out).isEqualTo(1);
        assertThat(p.exitValue()).isEqualTo(3);
    }

    /** Calls System.exit(3) from another thread while main waits in awaitShutdown. */
    public static final class ExitingProgram {
        public static void main(String[] args) throws InterruptedException {
            Thread.ofPlatform().daemon().start(() -> {
                Program.sleep(300);
                System.exit(3);
            });
            ServerContract.awaitShutdown(() -> System.out.println("STOPPED"));
        }
    }

    private static Process child() throws IOException {
        return new ProcessBuilder(javaCommand(Program.class)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static List<String> javaCommand(Class<?> main) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName());
    }
}
