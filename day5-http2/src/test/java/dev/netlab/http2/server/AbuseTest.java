package dev.netlab.http2.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.http2.programs.AbusePlan;
import dev.netlab.http2.programs.Preflight;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Require;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.abuse.ProbeClient;
import dev.netlab.kit.launch.ProgramProcess;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The abuse suite in brief (the bench's {@code abuse} suite runs it at length): the serve program
 * in its own JVM ({@code -Xmx256m}, SETTINGS_MAX_CONCURRENT_STREAMS {@value AbusePlan#MAX_STREAMS}),
 * four well-behaved h2c clients each asking {@code GET /style.css} on a new stream of their kept
 * connection every 10 ms while each attack of {@link AbusePlan} runs alone for 1 s, then all at once for
 * 6 s: slowloris on the preface, a stream flood, rapid reset, a CONTINUATION flood, SETTINGS and PING
 * floods, zero-window readers, a connection flood past the cap of {@value AbusePlan#MAX_CONNECTIONS},
 * content past the body limit of {@value AbusePlan#MAX_BODY} octets, and flow-control violations.
 * Most of them come again over h2 with TLS (ALPN {@code h2}) against {@code serve --tls}, beside
 * clients that speak h2 over TLS ({@link #overTls}; {@link AbusePlan#tlsScenarios} says which). The promise: the clients see no error and keep p99 under 100 ms (scaled, or
 * only reported, on a machine busy with other work: {@link AbuseRun.Report#limitMillis}), the
 * server's resident memory stays under 512 MiB, and once the attackers are gone the server holds no
 * more threads and file descriptors than before.
 *
 * <p>It runs the learner's connection code, so it belongs to checkpoint 5.16 and fails on the stubs
 * with the rest of it. Mistakes it catches that the one-attack tests beside it do not: a stream or
 * a handler thread not released when its connection goes (threads left after the attackers leave),
 * memory held per stalled stream (RSS), a reading thread that blocks on a stalled writer so that
 * the connection stops answering PING and SETTINGS (the probe's ACKs and answers stop: errors),
 * content past the limit kept rather than counted and dropped (RSS), a flow-control error that ends
 * the stream or connection without releasing it (threads or descriptors left).
 */
@Checkpoint(id = "5.16", title = "Attacks: rapid reset, CONTINUATION flood, HPACK bomb, control-frame floods, zero-window stall",
        edit = "dev/netlab/http2/server/Http2Connection.java",
        hint = "count resets and control frames per window of time, bound the field block across CONTINUATION, let the HPACK decoder drop fields past the list limit, time out a response that gets no credit",
        readme = "#attacks-and-their-mitigations")
class AbuseTest {
    /**
     * CI: each attack alone for 1 s, then every attack at once for 6 s ({@code -Dnetlab.abuse.alone=S}:
     * S seconds alone, 0 to skip). The leak check waits up to 45 s, not the brief plan's 15: a virtual thread that
     * blocks in file I/O (class loading, the site's first read of a file) makes the JDK's scheduler
     * add a carrier thread for the while, and such a carrier ends only after 30 s without work
     * (seen: 27 threads 30 s after the attackers left, 25 at 35 s: two ForkJoinPool carriers ending). A thread that never ends still fails.
     */
    private static AbuseRun.Plan plan() {
        return AbuseRun.Plan.ci(Duration.ofSeconds(6), Duration.ofSeconds(45));
    }

    @Test
    @Timeout(150)
    @DisplayName("abuse: slowloris preface, stream flood, rapid reset, CONTINUATION, SETTINGS and PING floods, zero-window readers, a connection flood past the cap, content past the limit, flow-control violations — h2 clients beside them: no error, p99 < 100 ms; RSS < 512 MiB; no thread or fd left")
    void survives() throws Exception {
        survives(false, "serve (h2c)", AbusePlan::probe, AbusePlan.scenarios(1), plan());
    }

    /** Starts the server (over TLS when {@code tls}), runs {@code plan} and asserts the promises. */
    private static void survives(boolean tls, String name, Supplier<ProbeClient> probe, List<AbuseRun.Scenario> attacks,
                                 AbuseRun.Plan plan) throws Exception {
        Require.linux();
        StubProbe.failIfStub(Duration.ofSeconds(5), Preflight::throwFirstStub); // as the program's preflight: at once, not after its JVM started
        try (ProgramProcess server = AbusePlan.start(tls)) {
            String url = server.awaitReady(Duration.ofSeconds(30));
            AbuseRun.Report report = AbuseRun.run(name, server.process().pid(), AbusePlan.address(url), probe, attacks, plan);
            report.print(System.out, AbusePlan.P99_LIMIT_MILLIS);
            assertThat(report.problems(AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB))
                    .as("promises broken under abuse (server output:%n%s)", String.join("\n", server.output())).isEmpty();
            assertThat(server.process().isAlive()).isTrue();
        }
    }

    /**
     * The attacks over h2 with TLS: each attacker connection makes a full handshake that chooses
     * {@code h2} by ALPN (RFC 9113 §3.2), then attacks as over h2c; each attack alone for 1 s, then
     * all at once for 4 s (not 6: the h2 attacks after the handshakes are the ones {@link #survives}
     * ran at length). The leak check settles as {@link #plan()} says.
     */
    @Test
    @Timeout(150)
    @DisplayName("abuse over h2 with TLS (ALPN h2): the same attacks after a handshake each — h2 clients over TLS beside them: no error, p99 < 100 ms; RSS < 512 MiB; no thread or fd left")
    void overTls() throws Exception {
        survives(true, "serve --tls (h2)", AbusePlan::tlsProbe, AbusePlan.tlsScenarios(1),
                AbuseRun.Plan.ci(Duration.ofSeconds(4), plan().settle()));
    }
}
