package dev.netlab.chat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Upgrade routing and the Origin check, as a pure function of the head. Mistakes it catches
 * (each checked once with a hand-made mutant of the reference): Upgrade/Connection compared as
 * whole values (missing {@code keep-alive, Upgrade}) or with case; a 426 without the Upgrade
 * field (RFC 9110 §15.5.22 MUST); POST let through; the Origin compared as raw text (so
 * {@code HTTP://LOCALHOST:8080} or an explicit default port is refused) or by prefix (so
 * {@code http://localhost:8080.evil.example} passes); {@code null} or two Origin fields let
 * through; the path compared with its query; RFC 8441's CONNECT refused as "not GET".
 * Beside a PIT run (issue 19; its one survivor, {@code port < 0} as {@code <= 0}, differs only
 * for port 0), two mistakes no PIT mutator plants, each checked once by hand: the Origin also
 * accepted when it names the request's own {@code Host} (or {@code :authority}), which a
 * DNS-rebinding attacker chooses ({@code originIsNeverTheHost}; {@code origins} caught it too,
 * only because its Host, {@code localhost:8080}, is allowed with the other scheme); the Origin
 * checked at {@code /chat} only, so any site's page reads the dashboard's feed at {@code /live}
 * ({@code everyEndpointChecksTheOrigin}). From a PIT run with the stronger mutators
 * ({@code STRONGER,REMOVE_CONDITIONALS,REMOVE_INCREMENTS}): the extended CONNECT recognized by {@code :protocol}
 * alone, whatever the method (a GET skipped the Upgrade checks); an origin without a scheme
 * ({@code //localhost:8080}) not refused as such (the scheme's null then throws). Left: the
 * {@code null} and empty fast paths (the URI parser refuses both anyway), and the null check of
 * a normalized origin the allowed set never contains.
 */
@Checkpoint(id = "7.06", title = "Upgrade routing and the Origin check",
        edit = "dev/netlab/chat/web/UpgradeRouter.java",
        hint = "endpoint by path; GET + Upgrade: websocket + Connection: upgrade (tokens) or RFC 8441 CONNECT; then the Origin, normalized, must be in the fixed list",
        readme = "#upgrade-routing-and-the-origin-check")
class UpgradeRouterTest {
    private final UpgradeRouter router = new UpgradeRouter(List.of("http://localhost:8080", "https://chat.test"));

    private static HeadView ws(String target, String... more) {
        List<String> fields = new java.util.ArrayList<>(List.of("Host", "localhost:8080", "Upgrade", "websocket", "Connection", "Upgrade"));
        fields.addAll(List.of(more));
        return HeadView.of("GET", target, fields.toArray(String[]::new));
    }

    private static int status(Route r) {
        assertThat(r).isInstanceOf(Route.Refuse.class);
        return ((Route.Refuse) r).status();
    }

    @Test
    @DisplayName("ordinary requests are pages, wherever they go (the site decides 404)")
    void pages() {
        assertThat(router.route(HeadView.of("GET", "/", "Host", "localhost"))).isEqualTo(Route.PAGE);
        assertThat(router.route(HeadView.of("GET", "/metrics?x=1"))).isEqualTo(Route.PAGE);
        assertThat(router.route(HeadView.of("POST", "/nowhere"))).isEqualTo(Route.PAGE);
        // RFC 9110 §7.8: a server MAY ignore an Upgrade it does not want; h2c is not ours here
        assertThat(router.route(HeadView.of("GET", "/", "Connection", "Upgrade, HTTP2-Settings", "Upgrade", "h2c"))).isEqualTo(Route.PAGE);
    }

    @Test
    @DisplayName("RFC 6455 §4.2.1: GET with Upgrade containing websocket and Connection containing Upgrade, at /chat or /live")
    void handshakes() {
        assertThat(router.route(ws("/chat"))).isEqualTo(new Route.WebSocket(Endpoint.CHAT));
        assertThat(router.route(ws("/live"))).isEqualTo(new Route.WebSocket(Endpoint.LIVE));
        assertThat(router.route(ws("/chat?resume=1"))).isEqualTo(new Route.WebSocket(Endpoint.CHAT));
        // tokens, in any case, anywhere in a list, over several field lines
        assertThat(router.route(HeadView.of("GET", "/chat", "Connection", "keep-alive, Upgrade", "Upgrade", "WebSocket")))
                .isEqualTo(new Route.WebSocket(Endpoint.CHAT));
        assertThat(router.route(HeadView.of("GET", "/chat", "connection", "keep-alive", "CONNECTION", " upgrade ", "upgrade", "foo/2, websocket")))
                .isEqualTo(new Route.WebSocket(Endpoint.CHAT));
    }

    @Test
    @DisplayName("a WebSocket anywhere else is 404; a non-GET at an endpoint is 405 with Allow: GET")
    void wrongPlaceOrMethod() {
        assertThat(status(router.route(ws("/")))).isEqualTo(404);
        assertThat(status(router.route(ws("/chat/")))).isEqualTo(404);
        assertThat(status(router.route(ws("/CHAT")))).isEqualTo(404);
        Route post = router.route(HeadView.of("POST", "/chat", "Upgrade", "websocket", "Connection", "Upgrade"));
        assertThat(status(post)).isEqualTo(405);
        assertThat(((Route.Refuse) post).headers()).contains(new HeadView.Field("Allow", "GET"));
    }

    @Test
    @DisplayName("RFC 9110 §15.5.22: an endpoint without the upgrade is 426, and the server MUST send an Upgrade field in it")
    void upgradeRequired() {
        for (HeadView head : List.of(HeadView.of("GET", "/chat"),
                HeadView.of("GET", "/chat", "Upgrade", "websocket"),
                HeadView.of("GET", "/chat", "Connection", "Upgrade"),
                HeadView.of("GET", "/live", "Connection", "Upgrade", "Upgrade", "h2c"),
                HeadView.of("GET", "/chat", "Connection", "upgraded", "Upgrade", "websockets"))) {
            Route r = router.route(head);
            assertThat(status(r)).as("%s", head).isEqualTo(426);
            assertThat(((Route.Refuse) r).headers()).contains(new HeadView.Field("Upgrade", "websocket"));
        }
    }

    @ParameterizedTest(name = "Origin: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "http://localhost:8080|101",
            "HTTP://LOCALHOST:8080|101",
            "  http://localhost:8080 |101",
            "https://chat.test|101",
            "https://chat.test:443|101",
            "https://CHAT.test:443|101",
            "http://chat.test|403",
            "https://chat.test:8443|403",
            "http://localhost:8081|403",
            "http://localhost|403",
            "https://localhost:8080|403",
            "http://localhost:8080.evil.example|403",
            "http://evil.example|403",
            "http://localhost:8080/|403",
            "http://localhost:8080/chat|403",
            "http://user@localhost:8080|403",
            "null|403",
            "localhost:8080|403",
            "''|403"})
    @DisplayName("RFC 6455 §10.2: the Origin, normalized, must be one the server allows; otherwise 403")
    void origins(String origin, int expected) {
        Route r = router.route(ws("/chat", "Origin", origin));
        if (expected == 101) {
            assertThat(r).isEqualTo(new Route.WebSocket(Endpoint.CHAT));
        } else {
            assertThat(status(r)).isEqualTo(403);
        }
    }

    @Test
    @DisplayName("no Origin is not a browser: allowed; two Origin fields are refused even if both are allowed")
    void absentOrTwice() {
        assertThat(router.route(ws("/chat"))).isEqualTo(new Route.WebSocket(Endpoint.CHAT));
        assertThat(status(router.route(ws("/chat", "Origin", "http://localhost:8080", "Origin", "http://localhost:8080")))).isEqualTo(403);
        assertThat(status(router.route(ws("/chat", "Origin", "http://localhost:8080, https://chat.test")))).isEqualTo(403);
    }

    @Test
    @DisplayName("RFC 6455 §10.2: the allowed origins are a fixed list, never the request's own Host: a DNS-rebinding page whose Host and Origin agree is 403")
    void originIsNeverTheHost() {
        // evil.example resolves to 127.0.0.1 now: the browser sends its own name as Host and Origin alike
        assertThat(status(router.route(HeadView.of("GET", "/chat", "Host", "evil.example:8080", "Upgrade", "websocket",
                "Connection", "Upgrade", "Origin", "http://evil.example:8080")))).isEqualTo(403);
        assertThat(status(router.route(HeadView.of("GET", "/chat", "Host", "evil.example", "Upgrade", "websocket",
                "Connection", "Upgrade", "Origin", "https://evil.example")))).isEqualTo(403);
        // RFC 8441 §4 over h2: :authority takes Host's place, and counts no more
        assertThat(status(router.route(HeadView.of("CONNECT", "/chat", ":authority", "evil.example", ":protocol", "websocket",
                "origin", "https://evil.example")))).isEqualTo(403);
        // the same head with an allowed Origin is the WebSocket: the Host is not what refused it
        assertThat(router.route(HeadView.of("GET", "/chat", "Host", "evil.example:8080", "Upgrade", "websocket",
                "Connection", "Upgrade", "Origin", "http://localhost:8080"))).isEqualTo(new Route.WebSocket(Endpoint.CHAT));
    }

    @Test
    @DisplayName("RFC 6455 §10.2: every WebSocket endpoint checks the Origin: another site's page may not read the dashboard's feed at /live either")
    void everyEndpointChecksTheOrigin() {
        assertThat(status(router.route(ws("/live", "Origin", "http://evil.example")))).isEqualTo(403);
        assertThat(status(router.route(ws("/live", "Origin", "null")))).isEqualTo(403);
        assertThat(status(router.route(ws("/live", "Origin", "http://localhost:8080", "Origin", "http://localhost:8080")))).isEqualTo(403);
        assertThat(router.route(ws("/live", "Origin", "HTTPS://chat.test:443"))).isEqualTo(new Route.WebSocket(Endpoint.LIVE));
        assertThat(status(router.route(HeadView.of("CONNECT", "/live", ":protocol", "websocket", "origin", "https://evil.example")))).isEqualTo(403);
    }

    @Test
    @DisplayName("RFC 8441 §4: over HTTP/2 the handshake is CONNECT with :protocol websocket — routed, and Origin-checked the same")
    void extendedConnect() {
        HeadView h2 = HeadView.of("CONNECT", "/chat", ":protocol", "websocket", "sec-websocket-version", "13", "origin", "https://chat.test");
        assertThat(router.route(h2)).isEqualTo(new Route.WebSocket(Endpoint.CHAT));
        assertThat(status(router.route(HeadView.of("CONNECT", "/chat", ":protocol", "websocket", "origin", "https://evil.example")))).isEqualTo(403);
        assertThat(status(router.route(HeadView.of("CONNECT", "/elsewhere", ":protocol", "websocket")))).isEqualTo(404);
        assertThat(status(router.route(HeadView.of("CONNECT", "/chat")))).as("plain CONNECT is no handshake").isEqualTo(405);
        // RFC 8441 §4: the extended CONNECT is a CONNECT that carries :protocol; :protocol on a GET makes no handshake
        assertThat(status(router.route(HeadView.of("GET", "/chat", ":protocol", "websocket")))).as("GET with :protocol").isEqualTo(426);
    }

    @Test
    @DisplayName("normalizeOrigin: scheme and host lower case, default port dropped, anything but scheme://host[:port] is null")
    void normalize() {
        assertThat(UpgradeRouter.normalizeOrigin("HTTPS://Example.ORG:443")).isEqualTo("https://example.org");
        assertThat(UpgradeRouter.normalizeOrigin("http://example.org:80")).isEqualTo("http://example.org");
        assertThat(UpgradeRouter.normalizeOrigin("http://example.org:443")).isEqualTo("http://example.org:443");
        assertThat(UpgradeRouter.normalizeOrigin("http://[::1]:8080")).isEqualTo("http://[::1]:8080");
        assertThat(UpgradeRouter.normalizeOrigin("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        for (String bad : List.of("null", "", "   ", "example.org", "//example.org", "//localhost:8080", "http://", "http://a.b/", "http://a.b?x", "http://a.b#f", "http://u:p@a.b", "http://a b")) {
            assertThat(UpgradeRouter.normalizeOrigin(bad)).as(bad).isNull();
        }
        assertThatThrownBy(() -> new UpgradeRouter(List.of("http://localhost:8080/"))).isInstanceOf(IllegalArgumentException.class);
    }
}
