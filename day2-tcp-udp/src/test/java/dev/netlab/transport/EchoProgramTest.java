package dev.netlab.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.launch.ProgramProcess;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The echo programs as real processes: READY line, --port 0, nc as the client, SIGTERM. Checkpoint 2.05.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 10 mutants, 8 killed here, 2 killed by the shared rows of 2.01-2.04): {@code port()}
 * answering the configured port (0)
 * instead of the bound one; {@code stop} that neither closes the listening socket nor bounds its
 * wait for the acceptor (virtual, and pool: the JVM is killed after 4 s); the selector loop not
 * woken by {@code stop} (exits after the 2 s budget); the read buffer echoed without {@code flip};
 * the connection left open after the client's FIN (selector, and the blocking echo loop: nc -q1
 * never ends); the whole 8 KiB buffer echoed instead of the octets read. Survive here, killed in
 * the server's own checkpoint: binding the listening socket in the acceptor thread, so
 * {@code start} returns before it accepts (the program wins that race when this class runs;
 * {@link EchoServerTests}' {@code portInUse} asks start() to bind a
 * port in use, which must throw BindException; run on the thread-per-connection server, it failed
 * there, and 9 of 2.01's 12 rows failed already in {@code startServer}, port() still -1); the
 * pool's drain at stop waiting without the grace bound (no connection is open at SIGTERM here;
 * 2.02's {@code stopClosesStragglers} holds an idle one through {@code stop(300 ms)}, and since
 * its stop runs on a thread of its own the mutant fails there after 3 s, not at JUnit's 3-minute
 * timeout).
 */
@Checkpoint(id = "2.05", title = "The echo programs keep the server contract",
        edit = {"dev/netlab/transport/VirtualThreadEchoServer.java", "dev/netlab/transport/ThreadPerConnectionEchoServer.java",
                "dev/netlab/transport/PooledEchoServer.java", "dev/netlab/transport/SelectorEchoServer.java"},
        hint = "the programs are given: once 2.01-2.04 pass, start() must return only when accepting, stop() within the grace",
        readme = "#running-the-programs")
class EchoProgramTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerModel.class)
    @DisplayName("READY tcp://127.0.0.1:PORT, then printf 'hi\\n' | nc -q1 127.0.0.1 PORT prints hi, then SIGTERM exits 0 within 2 s")
    void contract(ServerModel model) throws Exception {
        Require.tool("nc");
        ProgramStubs.failIfStub(model.program()); // a stub fails here at once, not after the program's JVM started
        try (ProgramProcess p = ProgramProcess.start(model.program(), "--port", "0")) {
            Evidence.current().reproduce("./lab run day2-tcp-udp " + model.program() + " -- --port 0");
            URI ready = URI.create(p.awaitReady(Duration.ofSeconds(20)));
            assertThat(ready.getScheme()).isEqualTo("tcp");
            assertThat(ready.getHost()).isEqualTo("127.0.0.1");
            assertThat(ready.getPort()).isPositive();
            Peer.PeerResult r = Peer.require("nc").run(Duration.ofSeconds(10), "hi\n".getBytes(US_ASCII),
                    "-q1", "127.0.0.1", "" + ready.getPort());
            r.assertSuccess();
            assertThat(r.stdout()).isEqualTo("hi\n");
            long started = System.nanoTime();
            // ServerContract catches SIGTERM, drains, and returns: exit 0 (-1 would mean it had to be killed).
            assertThat(p.stop(Duration.ofSeconds(4))).as("exit code after SIGTERM; output:\n" + String.join("\n", p.output()))
                    .isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        }
    }
}
