package dev.netlab.tls.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Peer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 4.09: ALPN (RFC 7301 §3.2), the server's preference first.
 *
 * <p>Learner mistakes this catches (each checked once against a hand-made mutant of the reference):
 * taking the client's first protocol instead of the server's most preferred; returning "" (carry
 * on without ALPN) instead of null (no_application_protocol) when nothing overlaps; comparing
 * protocol names case-insensitively.
 */
@Checkpoint(id = "4.09", title = "ALPN: h2 over http/1.1, no_application_protocol without overlap",
        edit = "dev/netlab/tls/server/AlpnSelector.java",
        hint = "walk the SERVER's list in order, return the first the client offered; nothing in common: return null (JSSE then sends alert 120)",
        readme = "#alpn")
class AlpnTest {
    @Test
    @DisplayName("select(): the server's order decides; no overlap is null; names compare exactly")
    void select() {
        AlpnSelector selector = new AlpnSelector(List.of("h2", "http/1.1"));
        assertThat(selector.select(List.of("http/1.1", "h2"))).isEqualTo("h2");
        assertThat(selector.select(List.of("http/1.1"))).isEqualTo("http/1.1");
        assertThat(selector.select(List.of("spdy/3", "H2"))).isNull();
        assertThat(selector.select(List.of())).isNull();
        assertThat(selector.forEngine().apply(null, List.of("h2"))).isEqualTo("h2");
    }

    @Test
    @DisplayName("openssl -alpn: h2,http/1.1 gets h2; http/1.1 gets http/1.1; foo gets no_application_protocol (120); none offered, none negotiated")
    void openssl() throws Exception {
        HttpsServer.Options options = new HttpsServer.Options(TlsPolicy::apply, new AlpnSelector(List.of("h2", "http/1.1")), null,
                new HandshakeCounter(), Hsts.oneYear(), Duration.ofSeconds(5), Duration.ofSeconds(10));
        try (HttpsServer server = TestHttps.start(options)) {
            assertThat(TestHttps.sClient(server.port(), "-alpn", "http/1.1,h2").stdout()).contains("ALPN protocol: h2");
            assertThat(TestHttps.sClient(server.port(), "-alpn", "http/1.1").stdout()).contains("ALPN protocol: http/1.1");
            Peer.PeerResult none = TestHttps.sClient(server.port(), "-alpn", "foo");
            assertThat(none.stdout() + none.stderr()).contains("no application protocol").contains("alert number 120");
            assertThat(TestHttps.sClient(server.port()).stdout()).contains("No ALPN negotiated");
        }
    }
}
