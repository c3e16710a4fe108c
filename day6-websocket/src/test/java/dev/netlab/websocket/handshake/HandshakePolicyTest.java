package dev.netlab.websocket.handshake;

import static dev.netlab.websocket.handshake.HandshakeTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Subprotocols, the Origin allow-list and RFC 8441. Mistakes it catches: the client's order
 * preferred over the server's, a subprotocol answered that the client never offered (the
 * client then MUST fail the connection, §4.1), Origin compared case-sensitively or by prefix
 * ({@code http://allowed.example.evil.test}), a browser request without a check (cross-site
 * WebSocket hijacking), the HTTP/2 form asking for a key or answering 101.
 */
@Checkpoint(id = "6.02", title = "Subprotocols, the Origin allow-list, 426 and the HTTP/2 form",
        edit = "dev/netlab/websocket/handshake/Handshake.java",
        hint = "choose the first of the SERVER's subprotocols the client offered; compare Origin exactly (ASCII case-insensitive) against the list; 403 otherwise",
        readme = "#origin-subprotocols-and-http2")
class HandshakePolicyTest {
    @Test
    @DisplayName("§4.2.2: the server picks one subprotocol the client offered, by the server's preference; none matching means no header")
    void subprotocols() {
        assertThat(Handshake.selectSubprotocol(List.of("superchat", "chat"), List.of("chat", "superchat"))).isEqualTo("chat");
        assertThat(Handshake.selectSubprotocol(List.of("v2.json", "v1.json"), List.of("v1.json"))).isEqualTo("v1.json");
        assertThat(Handshake.selectSubprotocol(List.of("mqtt"), List.of("chat"))).isNull();
        assertThat(Handshake.selectSubprotocol(List.of("Chat"), List.of("chat"))).as("tokens compare exactly").isNull();
        HandshakeResult r = Handshake.upgrade(request("Sec-WebSocket-Protocol", "superchat, chat"),
                HandshakePolicy.origins().withSubprotocols("chat", "superchat"));
        assertThat(r.fields()).contains(new RequestHead.Field("Sec-WebSocket-Protocol", "chat"));
        assertThat(((HandshakeResult.Accept) r).subprotocol()).isEqualTo("chat");
        HandshakeResult none = Handshake.upgrade(request("Sec-WebSocket-Protocol", "mqtt"), HandshakePolicy.origins().withSubprotocols("chat"));
        assertThat(none.status()).isEqualTo(101);
        assertThat(none.fields()).extracting(RequestHead.Field::name).doesNotContain("Sec-WebSocket-Protocol");
    }

    @Test
    @DisplayName("§10.2: a browser's Origin must be on the allow-list (403 otherwise); a request without Origin passes unless required")
    void origin() {
        HandshakePolicy policy = HandshakePolicy.origins("https://chat.example", "http://localhost:8080");
        assertThat(Handshake.upgrade(request("Origin", "https://chat.example"), policy).status()).isEqualTo(101);
        assertThat(Handshake.upgrade(request("Origin", "HTTPS://CHAT.EXAMPLE"), policy).status()).isEqualTo(101);
        assertThat(Handshake.upgrade(request("Origin", "http://localhost:8080"), policy).status()).isEqualTo(101);
        for (String evil : new String[] {"https://evil.example", "https://chat.example.evil.test", "http://chat.example",
                "https://chat.example:8443", "null", "http://localhost:8081"}) {
            assertThat(Handshake.upgrade(request("Origin", evil), policy).status()).as("Origin %s", evil).isEqualTo(403);
        }
        assertThat(Handshake.originAllowed(request(), policy)).isTrue();
        assertThat(Handshake.upgrade(request(), policy).status()).as("no Origin: not a browser").isEqualTo(101);
        assertThat(Handshake.upgrade(request(), policy.withRequireOrigin(true)).status()).isEqualTo(403);
        List<RequestHead.Field> two = new java.util.ArrayList<>(request("Origin", "https://chat.example").fields());
        two.add(new RequestHead.Field("Origin", "https://evil.example"));
        assertThat(Handshake.upgrade(new RequestHead("GET", "/", "HTTP/1.1", two), policy).status()).isEqualTo(403);
    }

    static RequestHead connect(String... replaced) {
        String[] base = {":protocol", "websocket", ":scheme", "https", ":path", "/chat", ":authority", "server.example.com",
                "sec-websocket-version", "13", "origin", "https://chat.example"};
        List<String> f = new java.util.ArrayList<>(List.of(base));
        for (int i = 0; i + 1 < replaced.length; i += 2) {
            int at = f.indexOf(replaced[i]);
            if (replaced[i + 1] == null) {
                f.remove(at);
                f.remove(at);
            } else {
                f.set(at + 1, replaced[i + 1]);
            }
        }
        return RequestHead.of("CONNECT", "/chat", "HTTP/2", f.toArray(String[]::new));
    }

    @Test
    @DisplayName("RFC 8441 §4–5: extended CONNECT with :protocol websocket is answered 200, without Sec-WebSocket-Accept; version 13 still required")
    void rfc8441() {
        HandshakePolicy policy = HandshakePolicy.origins("https://chat.example").withSubprotocols("chat");
        HandshakeResult ok = Handshake.extendedConnect(connect(), policy);
        assertThat(ok).isInstanceOf(HandshakeResult.Accept.class);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.fields()).extracting(RequestHead.Field::name).doesNotContain("Sec-WebSocket-Accept", "Upgrade", "Connection");
        assertThat(Handshake.extendedConnect(connect(":protocol", "h2c"), policy).status()).isEqualTo(400);
        assertThat(Handshake.extendedConnect(connect("sec-websocket-version", "8"), policy).status()).isEqualTo(426);
        assertThat(Handshake.extendedConnect(connect("origin", "https://evil.example"), policy).status()).isEqualTo(403);
        RequestHead get = new RequestHead("GET", "/chat", "HTTP/2", connect().fields());
        assertThat(Handshake.extendedConnect(get, policy).status()).isEqualTo(400);
        HandshakeResult sub = Handshake.extendedConnect(RequestHead.of("CONNECT", "/chat", "HTTP/2", ":protocol", "websocket",
                ":path", "/chat", ":authority", "x", "sec-websocket-version", "13", "sec-websocket-protocol", "chat"), policy);
        assertThat(sub.fields()).contains(new RequestHead.Field("Sec-WebSocket-Protocol", "chat"));
    }
}
