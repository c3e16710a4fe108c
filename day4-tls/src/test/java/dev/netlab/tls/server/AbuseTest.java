package dev.netlab.tls.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Require;
import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.tls.programs.AbusePlan;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The abuse suite in brief (the bench's {@code abuse} suite runs it at length): the serve program
 * in its own JVM ({@code -Xmx256m}, a 2 s handshake timeout), four keep-alive HTTPS clients asking
 * {@code GET /plaintext} every 10 ms while every attack of {@link AbusePlan} runs at once —
 * handshake floods, slow handshakes, half-open TLS, oversized records and hellos, an endless
 * request after the handshake, resets mid-handshake. The promise: the clients see no error and
 * keep p99 under 100 ms, the server's resident memory stays under 512 MiB, and once the
 * attackers are gone the server holds no more threads and file descriptors than before.
 *
 * <p>It runs the learner's whole server (credentials, trust, SNI, ALPN, policy, the handshake
 * under its timeout), so it belongs to checkpoint 4.07 and fails on the stubs like the rest of it.
 */
@Checkpoint(id = "4.07", title = "A blocking HTTPS server, a redirecting HTTP port, HSTS",
        edit = {"dev/netlab/tls/server/HttpsServer.java", "dev/netlab/tls/server/Hsts.java", "dev/netlab/tls/server/HttpsRedirect.java"},
        hint = "accept, then on a virtual thread: timeout, startHandshake(), describe the session, serve with HSTS; the plain port answers 308 to https://host:port/target",
        readme = "#abuse")
class AbuseTest {
    @Test
    @Timeout(90)
    @DisplayName("abuse: handshake floods, slow handshakes, half-open TLS, oversized records, an endless request, resets — "
            + "HTTPS clients beside them: no error, p99 < 100 ms; RSS < 512 MiB; no thread or fd left")
    void survives() throws Exception {
        Require.linux();
        ServeStubs.failIfStub(AbusePlan.SERVE_ARGS.toArray(String[]::new)); // a stub fails here at once, not after the program's JVM started
        try (ProgramProcess server = AbusePlan.start()) {
            String url = server.awaitReady(Duration.ofSeconds(60));
            AbuseRun.Report report = AbuseRun.run("serve", server.process().pid(), AbusePlan.address(url),
                    AbusePlan::probe, AbusePlan.scenarios(1), AbuseRun.Plan.ci(Duration.ofSeconds(6)));
            System.out.println(AbuseRun.Report.HEADER);
            report.rows().forEach(System.out::println);
            System.out.printf("leaks: %s; load average before: %.1f; p99 limit: %.0f ms%n", report.leaks(), report.loadBefore(),
                    report.limitMillis(AbusePlan.P99_LIMIT_MILLIS));
            assertThat(report.problems(AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB))
                    .as("promises broken under abuse (server output:%n%s)", String.join("\n", server.output())).isEmpty();
            assertThat(server.process().isAlive()).isTrue();
        }
    }
}
