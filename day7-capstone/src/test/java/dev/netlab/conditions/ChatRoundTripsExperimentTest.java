package dev.netlab.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The capstone chat at 300 ms RTT (ADVANCED.md, experiment 4) at CI size: one visit, its
 * direction. {@code ./lab run day7-capstone experiment -- chat} prints the table.
 *
 * <p>It runs the chat program, so it runs on your days 3 and 7 like the program's own
 * checkpoint, and belongs to it: it fails with 7.09 on the stubs and passes with it.
 */
@Checkpoint(id = "7.09", title = "The chat program on your day 3: the page under a strict CSP, /metrics, /healthz, refused upgrades",
        edit = {"dev/netlab/chat/web/UpgradeRouter.java"},
        hint = "./lab run day7-capstone starts it; it needs day 3's parser and writer (3.05, 3.08) and 7.01-7.06 (its start-up check names what is missing)",
        readme = "#the-chat-program")
class ChatRoundTripsExperimentTest {
    static final Duration RTT = Duration.ofMillis(300);

    @Test
    @DisplayName("300 ms RTT: a new connection costs a round trip before the first request; each request one more; "
            + "parallel connections save round trips, not the handshakes")
    void roundTrips() throws Exception {
        ChatRoundTrips.Visit v = ChatRoundTrips.visit(RTT, 1).getFirst();
        double rtt = RTT.toNanos() / 1e6;
        List<ChatRoundTrips.Fetch> one = v.oneConnection();
        System.out.printf("RTT %.0f ms: connect %.0f, / first byte %.0f, assets %s on the same connection, "
                        + "one connection %.0f ms, a browser's way %.0f ms, upgrade %d in %.0f ms%n",
                rtt, one.get(0).connectMs(), one.get(0).firstByteMs(),
                one.subList(1, one.size()).stream().map(f -> String.format("%.0f", f.totalMs())).toList(),
                v.oneConnectionMs(), v.pageThenParallelMs(), v.upgrade().status(), v.upgrade().totalMs());
        assertThat(one).extracting(ChatRoundTrips.Fetch::status).containsOnly(200);
        assertThat(one.get(0).newConnections()).isEqualTo(1);
        assertThat(one.get(0).connectMs()).as("SYN, SYN-ACK: one round trip").isGreaterThanOrEqualTo(rtt);
        assertThat(one.get(0).firstByteMs()).as("handshake, then the request: two round trips").isGreaterThanOrEqualTo(2 * rtt);
        for (ChatRoundTrips.Fetch f : one.subList(1, one.size())) {
            assertThat(f.newConnections()).as("%s re-uses the connection", f.what()).isZero();
            assertThat(f.totalMs()).as("%s on a kept-alive connection: one round trip", f.what())
                    .isGreaterThanOrEqualTo(rtt).isLessThan(one.get(0).totalMs());
        }
        assertThat(v.oneConnectionMs()).as("one request at a time: 5 round trips").isGreaterThanOrEqualTo(5 * rtt);
        assertThat(v.pageThenParallelMs()).as("the page, then 3 new connections at once: 4 round trips")
                .isGreaterThanOrEqualTo(4 * rtt).isLessThan(v.oneConnectionMs());
        assertThat(v.upgrade().totalMs()).as("the upgrade on the kept connection: one round trip")
                .isGreaterThanOrEqualTo(rtt);
    }
}
