package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.http1.app.Router;
import dev.netlab.http1.app.TodoApi;
import dev.netlab.http1.programs.AbusePlan;
import dev.netlab.http1.server.Server;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Require;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.launch.ProgramProcess;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The abuse suite in brief (the bench's {@code abuse} suite runs it at length): the serve
 * program in its own JVM ({@code -Xmx256m}, a cap of {@value AbusePlan#MAX_CONNECTIONS}
 * connections, a 2 s header deadline), four keep-alive clients asking {@code GET /todos} every
 * 10 ms while every attack of {@link AbusePlan} runs at once. The promise: the clients see no
 * error and keep p99 under 100 ms (scaled, or only reported, on a machine busy with other work:
 * {@link AbuseRun.Report#limitMillis}), the server's resident memory stays under 512 MiB, and once
 * the attackers are gone the server holds no more threads and file descriptors than before.
 *
 * <p>These run the learner's code (the parser and writer on both engines, the connection on
 * the thread engine), so each belongs to the checkpoint of its engine and fails on the stubs
 * like the rest of it. Mistakes they catch: a header deadline reset by every octet (slowloris
 * holds every slot: the flood and the probe starve), output buffered without bound for a client
 * that does not read (memory), a socket not closed on a reset or a parse error (descriptors).
 */
class AbuseTest {
    /** CI: each attack alone for 1 s, then every attack at once for 6 s ({@code -Dnetlab.abuse.alone=S}: S seconds alone, 0 to skip). */
    private static AbuseRun.Plan plan() {
        return AbuseRun.Plan.ci(Duration.ofSeconds(6));
    }

    private static void survives(Server.Engine engine) throws Exception {
        Require.linux();
        // a stub fails here at once, not after the program's JVM started: what serve reaches first
        StubProbe.failIfStub(Duration.ofSeconds(5), () -> new TodoApi().register(new Router()));
        try (ProgramProcess server = AbusePlan.start(engine)) {
            String url = server.awaitReady(Duration.ofSeconds(30));
            AbuseRun.Report report = AbuseRun.run("serve --engine " + engine, server.process().pid(), AbusePlan.address(url),
                    AbusePlan::probe, AbusePlan.scenarios(1), plan());
            report.print(System.out, AbusePlan.P99_LIMIT_MILLIS);
            assertThat(report.problems(AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB))
                    .as("promises broken under abuse (server output:%n%s)", String.join("\n", server.output())).isEmpty();
            assertThat(server.process().isAlive()).isTrue();
        }
    }

    @Test
    @Timeout(90)
    @Checkpoint(id = "3.17", title = "Hostile input over the wire: smuggling, oversize, floods",
            edit = "dev/netlab/http1/server/HttpConnection.java",
            hint = "a parser error is one response with its status and Connection: close, then the close; nothing after it is read; others keep being served",
            readme = "#abuse")
    @DisplayName("abuse, thread engine: slowloris, non-reading pipeliners, a flood past the cap, endless input, resets, a pipelining flood — clients beside them: no error, p99 < 100 ms; RSS < 512 MiB; no thread or fd left")
    void threadEngine() throws Exception {
        survives(Server.Engine.THREADS);
    }

    @Test
    @Timeout(90)
    @Checkpoint(id = "3.19", title = "Two engines: your parser and writer on an event loop",
            edit = {"dev/netlab/http1/RequestParser.java", "dev/netlab/http1/ResponseWriter.java"},
            hint = "nothing new to write: the given LoopServer feeds your incremental parser whatever one read brought; "
                    + "NeedMore must leave it ready for the next octets, and one writer serves a whole batch",
            readme = "#abuse")
    @DisplayName("abuse, event loops: the same attacks, the same promises")
    void loopEngine() throws Exception {
        survives(Server.Engine.LOOP);
    }
}
