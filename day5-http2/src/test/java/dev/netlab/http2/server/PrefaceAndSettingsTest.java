package dev.netlab.http2.server;

import static dev.netlab.http2.server.H2Client.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The connection preface and the SETTINGS exchange (RFC 9113 §3.4, §6.5.3, §6.7), over a real
 * socket. Mistakes it catches: the server waiting for the client before sending its own
 * SETTINGS; SETTINGS_MAX_CONCURRENT_STREAMS not advertised; the client's SETTINGS not
 * acknowledged (or acknowledged with a payload); a PING answered with another payload, or a
 * PING ACK answered; a wrong preface served anyway; a first frame other than SETTINGS
 * accepted; no SETTINGS_TIMEOUT when our SETTINGS are never acknowledged.
 * Mutant run on the reference (2026-12-05): a PING with ACK answered fails {@code ping}.
 * Found by a PIT run on the connection (2026-12-06): the client's SETTINGS_HEADER_TABLE_SIZE not
 * passed on to the response encoder fails {@code headerTableSize}; the RFC 8441 check of
 * SETTINGS_ENABLE_CONNECT_PROTOCOL going from 1 to 0 missing, or made on another setting, fails
 * {@code enableConnectProtocolNeverReturnsToZero}.
 */
@Checkpoint(id = "5.12", title = "The connection preface, the SETTINGS exchange with ACKs and their timeout, PING",
        edit = "dev/netlab/http2/server/Http2Connection.java",
        hint = "send your SETTINGS first thing; read the 24 preface octets exactly; the first frame must be SETTINGS; ACK every SETTINGS at once; time the ACK of yours",
        readme = "#the-connection")
class PrefaceAndSettingsTest {
    @Test
    @DisplayName("RFC 9113 §3.4: the server's first frame is SETTINGS, with MAX_CONCURRENT_STREAMS; ours is acknowledged; GET / is answered")
    void handshake() throws Exception {
        try (TestServer server = TestServer.hello(); H2Client c = H2Client.connect("5.12 handshake", server.port())) {
            Evidence.current().reproduce("nghttp -nv " + server.url("/"));
            c.preface();
            RawFrame first = c.expectFrame();
            assertThat(first.type()).as("the first frame the server sends").isEqualTo(SETTINGS);
            assertThat(first.has(ACK)).isFalse();
            assertThat(first.payload().length % 6).isZero();
            ByteBuffer b = ByteBuffer.wrap(first.payload());
            boolean maxStreams = false;
            while (b.hasRemaining()) {
                maxStreams |= (b.getShort() & 0xffff) == 0x3 && b.getInt() == 100;
            }
            assertThat(maxStreams).as("SETTINGS_MAX_CONCURRENT_STREAMS = 100 advertised").isTrue();
            c.settings(0x4, 1 << 20);
            RawFrame ack = c.waitFor(SETTINGS);
            assertThat(ack).as("a SETTINGS ACK").isNotNull();
            assertThat(ack.has(ACK)).isTrue();
            assertThat(ack.payload()).as("§6.5: an ACK has no payload").isEmpty();
            c.send(SETTINGS, ACK, 0, new byte[0]);
            c.get(1, "/");
            Answer a = c.answer(1);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).isEqualTo(TestServer.HELLO);
        }
    }

    @Test
    @DisplayName("RFC 9113 §6.5.2: the client's SETTINGS_HEADER_TABLE_SIZE bounds the server's HPACK encoder: after 0, "
            + "the first response's field block starts with a dynamic table size update to 0 (RFC 7541 §4.2: it MUST occur at its beginning)")
    void headerTableSize() throws Exception {
        try (TestServer server = TestServer.hello(); H2Client c = H2Client.connect("5.12 header table size", server.port()).handshake(0x1, 0)) {
            c.get(1, "/");
            RawFrame headers = c.waitFor(HEADERS);
            assertThat(headers).as("the response's HEADERS").isNotNull();
            // 001xxxxx: a dynamic table size update (RFC 7541 §6.3), 5-bit prefix, value 0
            assertThat(headers.payload()[0] & 0xff).as("the field block's first octet (0x20: size update to 0)").isEqualTo(0x20);
        }
    }

    @Test
    @DisplayName("RFC 8441 §3: \"A sender MUST NOT send a SETTINGS_ENABLE_CONNECT_PROTOCOL parameter with the value of 0 after "
            + "previously sending a value of 1\": a client's 1 then 0 is a connection error PROTOCOL_ERROR; 0 then 1 is not")
    void enableConnectProtocolNeverReturnsToZero() throws Exception {
        try (TestServer server = TestServer.hello(); H2Client c = H2Client.connect("5.12 enable connect 0-1", server.port()).handshake(0x8, 0)) {
            c.settings(0x8, 1);
            assertThat(c.waitFor(SETTINGS)).as("0 then 1: acknowledged").isNotNull();
            c.get(1, "/");
            assertThat(c.answer(1).status()).isEqualTo(200);
        }
        try (TestServer server = TestServer.hello(); H2Client c = H2Client.connect("5.12 enable connect 1-0", server.port()).handshake(0x8, 1)) {
            c.settings(0x8, 0);
            ok(c.connectionError(0x1));
        }
    }

    @Test
    @DisplayName("RFC 9113 §6.7: PING gets a PING with ACK and the identical payload; a PING with ACK gets nothing")
    void ping() throws Exception {
        try (TestServer server = TestServer.hello(); H2Client c = H2Client.connect("5.12 ping", server.port()).handshake()) {
            c.send(PING, ACK, 0, ByteBuffer.allocate(8).putLong(1).array());
            c.ping(0x0102_0304_0506_0708L);
            RawFrame pong = c.waitFor(PING);
            assertThat(pong).isNotNull();
            assertThat(pong.has(ACK)).isTrue();
            assertThat(ByteBuffer.wrap(pong.payload()).getLong()).as("the second PING's payload, not the first's").isEqualTo(0x0102_0304_0506_0708L);
        }
    }

    @Test
    @DisplayName("RFC 9113 §3.4: an invalid preface ends the connection (an HTTP/1.1 request with PRI is not served)")
    void invalidPreface() throws Exception {
        try (TestServer server = TestServer.hello(); H2Client c = H2Client.connect("5.12 invalid preface", server.port())) {
            c.sendRaw("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            ok(c.connectionError(0x1));
        }
    }

    @Test
    @DisplayName("RFC 9113 §3.4: the preface must be followed by SETTINGS; a PING first is a connection error PROTOCOL_ERROR")
    void settingsFirst() throws Exception {
        try (TestServer server = TestServer.hello(); H2Client c = H2Client.connect("5.12 settings first", server.port())) {
            c.preface();
            c.ping(7);
            ok(c.connectionError(0x1));
        }
    }

    @Test
    @DisplayName("RFC 9113 §6.5.3: SETTINGS never acknowledged: GOAWAY SETTINGS_TIMEOUT")
    void settingsTimeout() throws Exception {
        ServerSettings quick = ServerSettings.defaults().withTimeouts(Duration.ofMillis(400), Duration.ofMinutes(1), Duration.ofSeconds(5));
        try (TestServer server = TestServer.start(r -> Response.text(200, "x"), quick);
             H2Client c = H2Client.connect("5.12 settings timeout", server.port())) {
            c.preface();
            c.settings();
            RawFrame goAway = c.waitFor(GOAWAY);
            assertThat(goAway).as("GOAWAY after the timeout").isNotNull();
            assertThat(goAway.errorCode()).isEqualTo(0x4);
            ok(c.connectionClose());
        }
    }
}
