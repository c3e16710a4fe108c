package dev.netlab.websocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The opening handshake as a pure function. Mistakes it catches: the GUID mistyped or the key
 * hashed after base64-decoding it (RFC 6455 §4.2.2 hashes the key *as sent*), hex instead of
 * base64 output, {@code Upgrade}/{@code Connection} compared case-sensitively or as whole values
 * instead of token lists, a key of the wrong decoded length accepted, a missing version answered
 * 400 instead of 426 with {@code Sec-WebSocket-Version}, a duplicated Host or key accepted.
 */
@Checkpoint(id = "6.01", title = "The opening handshake: validation and Sec-WebSocket-Accept",
        edit = "dev/netlab/websocket/handshake/Handshake.java",
        hint = "accept = base64(SHA-1(key + \"258EAFA5-E914-47DA-95CA-C5AB0DC85B11\")); Upgrade and Connection are comma-separated token lists, case-insensitive",
        readme = "#the-opening-handshake")
public class HandshakeTest {
    static final HandshakePolicy ANY = HandshakePolicy.origins();

    public static RequestHead request(String... extraOrReplaced) {
        List<String> fields = new ArrayList<>(List.of("Host", "server.example.com", "Upgrade", "websocket",
                "Connection", "Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"));
        for (int i = 0; i + 1 < extraOrReplaced.length; i += 2) {
            int at = fields.indexOf(extraOrReplaced[i]);
            if (at >= 0 && at % 2 == 0) {
                if (extraOrReplaced[i + 1] == null) {
                    fields.remove(at);
                    fields.remove(at);
                } else {
                    fields.set(at + 1, extraOrReplaced[i + 1]);
                }
            } else {
                fields.add(extraOrReplaced[i]);
                fields.add(extraOrReplaced[i + 1]);
            }
        }
        return RequestHead.of("GET", "/chat", "HTTP/1.1", fields.toArray(String[]::new));
    }

    static HandshakeResult.Refuse refused(HandshakeResult r) {
        assertThat(r).isInstanceOf(HandshakeResult.Refuse.class);
        return (HandshakeResult.Refuse) r;
    }

    @Test
    @DisplayName("RFC 6455 §1.3: the key dGhlIHNhbXBsZSBub25jZQ== gives s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    void rfc6455_1_3_acceptValue() {
        assertThat(Handshake.acceptValue("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(Handshake.acceptValue("x3JJHMbDL1EzLkh9GBhXDw==")).isEqualTo("HSmrc0sMlYUkAGmm5OPpG2HaGWk=");
    }

    @Test
    @DisplayName("a valid upgrade is answered 101 with Upgrade: websocket, Connection: Upgrade and Sec-WebSocket-Accept")
    void accepts() {
        HandshakeResult r = Handshake.upgrade(request(), ANY);
        assertThat(r).isInstanceOf(HandshakeResult.Accept.class);
        assertThat(r.status()).isEqualTo(101);
        assertThat(r.fields()).contains(new RequestHead.Field("Upgrade", "websocket"),
                new RequestHead.Field("Connection", "Upgrade"),
                new RequestHead.Field("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
        assertThat(r.fields()).extracting(RequestHead.Field::name).doesNotContain("Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions");
        assertThat(((HandshakeResult.Accept) r).deflate()).isNull();
    }

    @Test
    @DisplayName("§4.2.1: Upgrade and Connection are case-insensitive token lists (Firefox sends 'keep-alive, Upgrade')")
    void tokenLists() {
        assertThat(Handshake.upgrade(request("Connection", "keep-alive, Upgrade"), ANY).status()).isEqualTo(101);
        assertThat(Handshake.upgrade(request("Connection", "keep-alive,upgrade", "Upgrade", "WebSocket"), ANY).status()).isEqualTo(101);
        assertThat(Handshake.upgrade(request("Upgrade", "h2c, websocket"), ANY).status()).isEqualTo(101);
        RequestHead lowerNames = RequestHead.of("GET", "/", "HTTP/1.1", "host", "x", "upgrade", "websocket",
                "connection", "upgrade", "sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==", "sec-websocket-version", "13");
        assertThat(Handshake.upgrade(lowerNames, ANY).status()).as("field names are case-insensitive").isEqualTo(101);
        assertThat(Handshake.upgrade(request("Connection", "Upgraded"), ANY).status()).as("'Upgraded' is not the token 'Upgrade'").isEqualTo(400);
    }

    @Test
    @DisplayName("§4.2.1: a GET over HTTP/1.1 with exactly one Host; otherwise 405 / 400")
    void methodVersionHost() {
        assertThat(refused(Handshake.upgrade(new RequestHead("POST", "/chat", "HTTP/1.1", request().fields()), ANY)).status()).isEqualTo(405);
        assertThat(refused(Handshake.upgrade(new RequestHead("GET", "/chat", "HTTP/1.0", request().fields()), ANY)).status()).isEqualTo(400);
        assertThat(refused(Handshake.upgrade(request("Host", null), ANY)).status()).isEqualTo(400);
        assertThat(refused(Handshake.upgrade(request("Host", ""), ANY)).status()).isEqualTo(400);
        List<RequestHead.Field> twoHosts = new ArrayList<>(request().fields());
        twoHosts.add(new RequestHead.Field("Host", "evil.example"));
        assertThat(refused(Handshake.upgrade(new RequestHead("GET", "/chat", "HTTP/1.1", twoHosts), ANY)).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("no Upgrade: websocket is 426 Upgrade Required naming websocket; Connection without Upgrade is 400")
    void upgradeAndConnection() {
        HandshakeResult.Refuse r = refused(Handshake.upgrade(request("Upgrade", null), ANY));
        assertThat(r.status()).isEqualTo(426);
        assertThat(r.fields()).contains(new RequestHead.Field("Upgrade", "websocket"));
        assertThat(refused(Handshake.upgrade(request("Upgrade", "h2c"), ANY)).status()).isEqualTo(426);
        assertThat(refused(Handshake.upgrade(request("Connection", "keep-alive"), ANY)).status()).isEqualTo(400);
        assertThat(refused(Handshake.upgrade(request("Connection", null), ANY)).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("§4.2.1 item 5: Sec-WebSocket-Key is one base64 value that decodes to 16 octets")
    void key() {
        for (String bad : new String[] {"dGhlIHNhbXBsZSBub25j", "dGhlIHNhbXBsZSBub25jZSE=", "dGhlIHNhbXBsZSBub25jZQ", "!!!!IHNhbXBsZSBub25jZQ==", ""}) {
            assertThat(refused(Handshake.upgrade(request("Sec-WebSocket-Key", bad), ANY)).status()).as("key %s", bad).isEqualTo(400);
        }
        assertThat(refused(Handshake.upgrade(request("Sec-WebSocket-Key", null), ANY)).status()).isEqualTo(400);
        List<RequestHead.Field> twoKeys = new ArrayList<>(request().fields());
        twoKeys.add(new RequestHead.Field("Sec-WebSocket-Key", "x3JJHMbDL1EzLkh9GBhXDw=="));
        assertThat(refused(Handshake.upgrade(new RequestHead("GET", "/chat", "HTTP/1.1", twoKeys), ANY)).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("§4.4: a version other than 13, or none, is 426 with Sec-WebSocket-Version: 13")
    void version() {
        for (String v : new String[] {"8", "12", "14", "13, 8", "thirteen"}) {
            HandshakeResult.Refuse r = refused(Handshake.upgrade(request("Sec-WebSocket-Version", v), ANY));
            assertThat(r.status()).as("version %s", v).isEqualTo(426);
            assertThat(r.fields()).contains(new RequestHead.Field("Sec-WebSocket-Version", "13"));
        }
        assertThat(refused(Handshake.upgrade(request("Sec-WebSocket-Version", null), ANY)).status()).isEqualTo(426);
    }
}
