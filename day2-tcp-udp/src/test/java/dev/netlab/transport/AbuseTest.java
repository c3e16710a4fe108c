package dev.netlab.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Require;
import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.transport.programs.AbusePlan;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The abuse suite in brief (the bench's {@code abuse} suite runs it at length): each server
 * program in its own JVM ({@code -Xmx256m}), four well-behaved clients (an echo of 64 octets, or
 * a PING frame, or a 64-octet datagram echoed) every 10 ms while each attack of {@link AbusePlan}
 * runs alone for 1 s, then all at once for 4 s. The
 * promise: the clients see no error and keep p99 under 100 ms (scaled, or only reported, when
 * the machine itself is slower: {@link AbuseRun.Report#limitMillis}), resident memory stays under 512 MiB,
 * and afterwards the server holds no more threads and descriptors than before.
 *
 * <p>The UDP echo server ({@code udp-echo}) promises less, since UDP does: a datagram that meets a
 * full receive buffer is dropped by the kernel whoever sent it, so the UDP client sends a datagram
 * again when no answer came within {@value AbusePlan#UDP_RETRY_MILLIS} ms (then twice as long each
 * time) and counts an error only when {@value AbusePlan#UDP_TRIES} in a row went unanswered (750 ms);
 * a retry shows in its latency (at least {@value AbusePlan#UDP_RETRY_MILLIS} ms), so more than 1% of
 * exchanges retried breaks the p99 promise.
 * The floods (every size up to 65,507 octets, tiny datagrams, senders gone before their answer)
 * run at rates a server that only receives and sends drains on loopback.
 *
 * <p>It runs the learner's servers, so it is part of checkpoint 2.16 and fails on the stubs.
 * Mistakes it catches: an echo that buffers what a client does not read (memory), a socket or a
 * thread not released after a reset or a refused connection (leaks), a frame length trusted
 * before it is checked (memory), one client's flood holding the others up.
 */
class AbuseTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"echo", "echo-threads", "echo-pool", "echo-nio", "kv", "udp-echo"})
    @Checkpoint(id = "2.16", title = "Hostile clients: others still served, no thread or file descriptor leaks",
            edit = {"dev/netlab/transport/kv/KvServer.java", "dev/netlab/transport/PooledEchoServer.java",
                    "dev/netlab/transport/SelectorEchoServer.java"},
            hint = "close every socket on every path (try-with-resources), and make stop() end every thread it started",
            readme = "#abuse")
    @DisplayName("abuse: slowloris, non-readers, a connection flood, large and tiny writes, resets; for UDP datagrams of every size, a tiny-datagram flood, vanishing senders — clients beside them: no error, p99 < 100 ms; RSS < 512 MiB; no thread or fd left")
    void survives(String program) throws Exception {
        Require.linux();
        ProgramStubs.failIfStub(program); // a stub fails here at once, not after the program's JVM started
        try (ProgramProcess server = AbusePlan.start(program)) {
            String url = server.awaitReady(Duration.ofSeconds(30));
            AbuseRun.Report report = AbuseRun.run(program, server.process().pid(), AbusePlan.address(url),
                    () -> AbusePlan.probe(program), AbusePlan.scenarios(program, 1), AbuseRun.Plan.ci(Duration.ofSeconds(4)));
            report.print(System.out, AbusePlan.P99_LIMIT_MILLIS);
            assertThat(report.problems(AbusePlan.P99_LIMIT_MILLIS, AbusePlan.RSS_BOUND_KIB))
                    .as("promises broken under abuse (server output:%n%s)", String.join("\n", server.output())).isEmpty();
        }
    }
}
