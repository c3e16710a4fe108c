package dev.netlab.tls.server;

import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * testssl against the learner's server, once per test JVM and started as early as the JVM knows
 * it will be needed: testssl takes tens of seconds, mostly its own start-up (it probes the local
 * openssl with some forty commands) and its forks, so it runs beside the rest of the suite and
 * {@link HardeningTest#testssl} only collects the result. As a JUnit Platform listener
 * (registered in {@code META-INF/services}) it starts when the test plan holds that test; the
 * test class starts it itself otherwise (an IDE running the class alone). Stopped when the plan
 * ends, or with the JVM.
 */
public final class TestsslRun implements TestExecutionListener {
    /** The test that reads the result. */
    static final String TEST_CLASS = "dev.netlab.tls.server.HardeningTest";

    /**
     * testssl's checks: protocols ({@code -p}), cipher categories ({@code -s}: NULL, anonymous,
     * export, LOW, 3DES, obsolete CBC, AEAD) and the vulnerabilities a TLS policy decides:
     * {@code -R} client-initiated renegotiation (rated HIGH when allowed), {@code -H} Heartbleed,
     * {@code -I} CCS injection, {@code -Z} downgrade protection (TLS_FALLBACK_SCSV), {@code -W}
     * SWEET32, {@code -F} FREAK, {@code -D} DROWN, {@code -4} RC4, {@code -A} BEAST, {@code -L}
     * LUCKY13, {@code -O} POODLE. Left out: {@code -f}, which names every forward-secret suite and
     * curve one handshake at a time (the {@code openssl} test of {@link HardeningTest} proves
     * ECDHE); it costs about as much CPU as these eleven checks together (measured with
     * {@code /usr/bin/time} on this machine: {@code -p -s -f -R} 49 s, {@code -p -s -R} 35 s, these 51 s).
     */
    static final List<String> CHECKS = List.of("-p", "-s", "-R", "-H", "-I", "-Z", "-W", "-F", "-D", "-4", "-A", "-L", "-O");

    /**
     * testssl takes about 50 s of CPU here, more than half of it system time (it forks openssl and
     * its own helpers hundreds of times; its start-up alone is about 15 s); on two cores shared
     * with a loaded machine that has taken 13 minutes, so the bound is generous.
     */
    static final Duration TIMEOUT = Duration.ofMinutes(20);

    private static HttpsServer server;
    private static Path dir;
    private static List<String> command;
    private static Process process;
    private static Exception notStarted;
    private static boolean started;

    /** Starts the server and testssl unless done already; a missing tool or a stub is kept for {@link #await}. */
    static synchronized void startOnce() {
        if (started) {
            return;
        }
        started = true;
        Path testssl = Peer.find("testssl").or(() -> Peer.find("testssl.sh")).orElse(null);
        if (testssl == null) {
            notStarted = Require.unmet("needs `testssl` on the PATH: " + Require.installHint("testssl"));
            return;
        }
        try {
            server = TestHttps.start(TestHttps.options());
            dir = Files.createTempDirectory("netlab-testssl");
            List<String> cmd = new ArrayList<>(List.of(testssl.toString(), "--quiet", "--color", "0", "--warnings", "off",
                    "--ip", "127.0.0.1", "--jsonfile", dir.resolve("testssl.json").toString()));
            cmd.addAll(CHECKS);
            cmd.add("localhost:" + server.port());
            command = List.copyOf(cmd);
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("testssl.out").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestsslRun::stop, "testssl-stop"));
        } catch (Exception stub) {
            notStarted = stub; // reported by the test, like any other failure of the learner's code
        }
    }

    /** What testssl printed and wrote, once it finished. */
    record Result(List<String> command, String stdout, String json) {}

    /** Waits for testssl (started if need be); rethrows what kept it from starting. */
    static Result await() throws Exception {
        startOnce();
        if (notStarted != null) {
            throw notStarted;
        }
        boolean finished = process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        String stdout = Files.readString(dir.resolve("testssl.out"));
        if (!finished) {
            throw new AssertionError("testssl did not finish within " + TIMEOUT + ":\n" + stdout);
        }
        return new Result(command, stdout, Files.readString(dir.resolve("testssl.json")));
    }

    static synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        if (server != null) {
            server.close();
            server = null;
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a temporary folder left behind
            }
            dir = null;
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        boolean needed = plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .anyMatch(t -> t.getLegacyReportingName().equals("testssl()") && t.getUniqueId().contains(TEST_CLASS));
        if (needed) {
            Thread.ofPlatform().daemon().name("testssl-start").start(TestsslRun::startOnce);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        // nothing per test: the run is stopped with the plan
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        stop();
    }
}
