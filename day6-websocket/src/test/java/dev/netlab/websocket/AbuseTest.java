package dev.netlab.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Require;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.websocket.programs.AbusePlan;
import dev.netlab.websocket.programs.Preflight;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The abuse suite in brief (the bench's {@code abuse} suite runs it at length): the serve program
 * in its own JVM ({@code -Xmx256m}, a 2 s deadline for the request head, messages of at most
 * {@value AbusePlan#MAX_MESSAGE} octets), four well-behaved clients (two echoing on {@code /echo},
 * two chatting in {@code /room}) every 10 ms while each attack of {@link AbusePlan} runs alone
 * for 1 s, then all of them at once for 6 s. The promise: the clients see no error and keep p99 under 100 ms (scaled, or only
 * reported, on a machine busy with other work: {@link AbuseRun.Report#limitMillis}), the server's
 * resident memory stays under 512 MiB, and once the attackers are gone the server holds no more
 * threads and file descriptors than before.
 *
 * <p>It runs your handshake, connection, assembler, inflater and room, so it belongs to
 * checkpoint 6.16 and fails on the stubs like the rest of it. Mistakes it catches, each checked
 * with a hand-made mutant of the reference (see the class's history): a room whose broadcast
 * waits on a member's write (the room probes stall behind the members that never read: probe
 * errors), a room that never drops a full queue (the never-reading members stay; each holds its
 * queue), an inflater that measures the message after inflating it all (each bomb is 4 MiB of
 * heap), a connection whose socket is left open after a protocol error or a reset (descriptors
 * left behind).
 */
class AbuseTest {
    /** CI: each attack alone for 1 s, then every attack at once for 6 s ({@code -Dnetlab.abuse.alone=S}: S seconds alone, 0 to skip). */
    private static AbuseRun.Plan plan() {
        return AbuseRun.Plan.ci(Duration.ofSeconds(6));
    }

    @Test
    @Timeout(90)
    @Checkpoint(id = "6.16", title = "The server on the wire: upgrade, refusals, echo, close, the room",
            edit = {"dev/netlab/websocket/handshake/Handshake.java", "dev/netlab/websocket/connection/WebSocketConnection.java"},
            hint = "all earlier checkpoints must pass; the given WebSocketServer runs your Handshake, then your WebSocketConnection on the same input",
            readme = "#the-connection")
    @DisplayName("abuse: slow handshakes, a connection flood, room members that never read, frame and ping floods, an endless fragmented message, deflate bombs, resets mid-frame — echo and room clients beside them: no error, p99 < 100 ms; RSS < 512 MiB; no thread or fd left")
    void survives() throws Exception {
        Require.linux();
        StubProbe.failIfStub(Duration.ofSeconds(5), Preflight::throwFirstStub); // the server's stubs in this JVM: a stub fails here at once, not after the program's JVM started
        try (ProgramProcess server = AbusePlan.start()) {
            String url = server.awaitReady(Duration.ofSeconds(30));
            AbuseRun.Report report = AbuseRun.run("serve", server.process().pid(), AbusePlan.address(url),
                    AbusePlan.probe(), AbusePlan.scenarios(1), plan());
            report.print(System.out, AbusePlan.P99_LIMIT_MILLIS);
            assertThat(report.problems(AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB))
                    .as("promises broken under abuse (server output:%n%s)", String.join("\n", server.output())).isEmpty();
            assertThat(server.process().isAlive()).isTrue();
        }
    }
}
