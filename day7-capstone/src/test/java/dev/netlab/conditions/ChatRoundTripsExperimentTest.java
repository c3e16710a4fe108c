package dev.netlab.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.programs.Readiness;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.StubProbe;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The capstone chat at 300 ms RTT (ADVANCED.md, experiment 4) at CI size: one visit, its
 * direction. {@code ./lab run day7-capstone experiment -- chat} prints the table.
 *
 * <p>It runs the chat program, so it runs on your days 3-7 like the program's own checkpoint,
 * and belongs to it: it fails with 7.09 on the stubs and passes with it. What it catches
 * besides: a server that does not take h2 by ALPN or closes HTTP/1.1 connections after each
 * response (an asset on a new connection, checked by curl's num_connects); an upgrade refused
 * for the page's own origin; a redirect that is not followed to the page.
 */
@Checkpoint(id = "7.09", title = "The chat program on HTTPS: h2 or HTTP/1.1 by ALPN, the page under a strict CSP, HSTS, the redirect, /metrics, /healthz, refusals",
        edit = {"dev/netlab/chat/web/UpgradeRouter.java"},
        hint = "./lab run day7-capstone starts it; it needs days 3-6 and 7.01-7.06 (its start-up check names what is missing and the command that runs on those days' references)",
        readme = "#the-chat-program")
class ChatRoundTripsExperimentTest {
    static final Duration RTT = Duration.ofMillis(300);

    @Test
    @DisplayName("300 ms RTT over HTTPS: TCP then TLS 1.3 each cost a round trip before the first request, each request one more; "
            + "h2 fetches the assets in one round trip, HTTP/1.1 in three; the upgrade one; http:// two more")
    void roundTrips() throws Exception {
        StubProbe.failIfStub(Duration.ofSeconds(10), () -> Readiness.throwFirstStub(Readiness.chat())); // the chat's own start-up check in this JVM: a stub fails here at once, before the namespaces
        ChatRoundTrips.Visit v = ChatRoundTrips.visit(RTT, 1).getFirst();
        double rtt = RTT.toNanos() / 1e6;
        List<ChatRoundTrips.Fetch> h2 = v.h2();
        List<ChatRoundTrips.Fetch> h1 = v.h1();
        System.out.printf(Locale.ROOT, "RTT %.0f ms: connect %.0f, TLS %.0f, / first byte %.0f (h2); h2 assets %s one by one, "
                        + "at once after the page %.0f; HTTP/1.1 assets %s one by one, at once on new connections %.0f; "
                        + "upgrade %d in %.0f; http:// 308 in %.0f, page in %.0f ms%n",
                rtt, h2.get(0).connectMs(), h2.get(0).tlsMs(), h2.get(0).firstByteMs(), totals(h2), v.h2AssetsAfterPageMs(),
                totals(h1), v.h1AssetsParallelMs(), v.upgrade().status(), v.upgrade().firstByteMs(), v.typedHttp().redirectMs(),
                v.typedHttp().totalMs());

        assertThat(h2).extracting(ChatRoundTrips.Fetch::status).containsOnly(200);
        assertThat(h2).extracting(ChatRoundTrips.Fetch::httpVersion).as("ALPN: curl offers h2, the chat takes it").containsOnly("2");
        assertThat(h1).extracting(ChatRoundTrips.Fetch::httpVersion).containsOnly("1.1");
        for (List<ChatRoundTrips.Fetch> one : List.of(h2, h1)) {
            ChatRoundTrips.Fetch page = one.getFirst();
            assertThat(page.newConnections()).isEqualTo(1);
            assertThat(page.connectMs()).as("SYN, SYN-ACK: one round trip").isGreaterThanOrEqualTo(rtt);
            assertThat(page.tlsMs()).as("then ClientHello, ServerHello..Finished: TLS 1.3 in one more").isGreaterThanOrEqualTo(2 * rtt);
            assertThat(page.firstByteMs()).as("then the request: three round trips").isGreaterThanOrEqualTo(3 * rtt);
            for (ChatRoundTrips.Fetch f : one.subList(1, one.size())) {
                assertThat(f.newConnections()).as("%s re-uses the connection", f.what()).isZero();
                assertThat(f.totalMs()).as("%s on a kept-alive connection: one round trip", f.what())
                        .isGreaterThanOrEqualTo(rtt).isLessThan(page.totalMs());
            }
        }
        assertThat(v.h2AssetsAfterPageMs()).as("h2: the assets as parallel streams of the page's connection: one round trip")
                .isGreaterThanOrEqualTo(rtt).isLessThan(2 * rtt);
        assertThat(v.h1AssetsParallelMs()).as("HTTP/1.1 on new connections: TCP, TLS, request").isGreaterThanOrEqualTo(3 * rtt);
        assertThat(v.h2AssetsAfterPageMs()).as("the assets a browser's way, h2 against HTTP/1.1").isLessThan(v.h1AssetsParallelMs());
        assertThat(v.upgrade().status()).as("the WebSocket handshake answered").isEqualTo(101);
        assertThat(v.upgrade().newConnections()).isZero();
        assertThat(v.upgrade().firstByteMs()).as("the upgrade on the kept connection: one round trip").isGreaterThanOrEqualTo(rtt);
        assertThat(v.typedHttp().status()).isEqualTo(200);
        assertThat(v.typedHttp().newConnections()).as("the plain port, then the HTTPS one").isEqualTo(2);
        assertThat(v.typedHttp().redirectMs()).as("TCP and GET for the 308: two round trips").isGreaterThanOrEqualTo(2 * rtt);
        assertThat(v.typedHttp().totalMs()).as("then TCP, TLS and GET: five in all").isGreaterThanOrEqualTo(5 * rtt);
    }

    private static List<String> totals(List<ChatRoundTrips.Fetch> one) {
        return one.subList(1, one.size()).stream().map(f -> String.format(Locale.ROOT, "%.0f", f.totalMs())).toList();
    }
}
