package dev.netlab.quic;

import static dev.netlab.quic.Rfc9001.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkpoint 7.26. Mistakes it catches: the 3-octet handshake length read as 2, the session
 * ID or the compression methods skipped by a fixed size, cipher suites counted in entries
 * instead of octets, extension lengths not checked against the block (or the block against
 * the message), the ServerNameList's own length skipped, ALPN names read without their
 * length octet, supported_versions read with a 2-octet length, key_share groups taken from
 * the wrong offset, duplicate extensions or parameters accepted, an integer transport
 * parameter read as raw octets, server-only parameters accepted from a client, limits of
 * RFC 9000 §18.2 not enforced, or enforced one off at their edges (1200, 20, 2, 2^60 and a
 * 20-octet connection ID refused); a 32-octet session ID or a single cipher suite refused; the
 * 24-bit length's high octet shifted away; a space or DEL accepted in a host_name.
 */
@Checkpoint(id = "7.26", title = "The TLS ClientHello inside, and its QUIC transport parameters",
        edit = {"dev/netlab/quic/ClientHelloParser.java", "dev/netlab/quic/TransportParametersParser.java"},
        hint = "every TLS vector has its length first (1, 2 or 3 octets): read it, check it fits, then read inside it; transport parameters are id (i), length (i), value",
        readme = "ADVANCED.md#the-clienthello-inside")
class ClientHelloParserTest {
    private static final HexFormat HEX = HexFormat.of();

    /** A ClientHello with the A.2 fields and the given extensions (hex of type|length|data ...). */
    static byte[] hello(String extensions) {
        byte[] ext = hex(extensions);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(hex("0303"));
        body.writeBytes(new byte[32]);
        body.writeBytes(hex("00 0004 13011302 0100"));
        body.write(ext.length >>> 8);
        body.write(ext.length);
        body.writeBytes(ext);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(1);
        m.write(b.length >>> 16);
        m.write(b.length >>> 8);
        m.write(b.length);
        m.writeBytes(b);
        return m.toByteArray();
    }

    private static QuicException error(byte[] message) {
        try {
            ClientHello h = ClientHelloParser.parse(message);
            throw new AssertionError("expected an error, parsed " + h);
        } catch (QuicException e) {
            assertThat(e.scope()).isEqualTo(QuicException.Scope.CONNECTION);
            return e;
        }
    }

    @Test
    @DisplayName("RFC 9001 A.2's ClientHello: example.com, ALPN \"alpn\", TLS 1.3, x25519, and its transport parameters")
    void rfc9001_A_2() throws QuicException {
        ClientHello h = ClientHelloParser.parse(hex(Rfc9001.CLIENT_HELLO));
        assertThat(h.legacyVersion()).isEqualTo(0x0303);
        assertThat(HEX.formatHex(h.random())).isEqualTo("ebf8fa56f12939b9584a3896472ec40bb863cfd3e86804fe3a47f06a2b69484c");
        assertThat(h.sessionId()).isEmpty();
        assertThat(h.cipherSuites()).containsExactly(0x1301, 0x1302);
        assertThat(h.serverName()).isEqualTo("example.com");
        assertThat(h.alpn()).containsExactly("alpn");
        assertThat(h.supportedVersions()).containsExactly(ClientHello.TLS13);
        assertThat(h.supportedGroups()).containsExactly(0x001d, 0x0017, 0x0018);
        assertThat(h.keyShareGroups()).containsExactly(0x001d);
        assertThat(h.extensions()).extracting(Extension::type)
                .containsExactly(0, 0xff01, 10, 16, 5, 51, 43, 13, 45, 28, 57);
        TransportParameters tp = h.transportParameters();
        assertThat(tp).isNotNull();
        assertThat(tp.integer(TransportParameters.INITIAL_MAX_DATA)).hasValue(VarInt.MAX);
        assertThat(tp.integer(TransportParameters.INITIAL_MAX_STREAM_DATA_BIDI_LOCAL)).hasValue(65535);
        assertThat(tp.integer(TransportParameters.INITIAL_MAX_STREAM_DATA_UNI)).hasValue(65535);
        assertThat(tp.integer(TransportParameters.INITIAL_MAX_STREAMS_BIDI)).hasValue(16);
        assertThat(tp.integer(TransportParameters.MAX_IDLE_TIMEOUT)).hasValue(30000);
        assertThat(tp.initialSourceConnectionId()).hasValue(Rfc9001.DCID);
        assertThat(tp.parameters()).extracting(TransportParameters.Parameter::id)
                .containsExactly(4L, 5L, 7L, 8L, 1L, 9L, 15L, 6L);
    }

    @Test
    @DisplayName("a ClientHello without extensions parses (extensions are optional in the grammar)")
    void noExtensions() throws QuicException {
        byte[] m = hello("");
        m = Arrays.copyOf(m, m.length - 2); // drop the empty block's length too
        m[3] -= 2;
        ClientHello h = ClientHelloParser.parse(m);
        assertThat(h.extensions()).isEmpty();
        assertThat(h.serverName()).isNull();
        assertThat(h.transportParameters()).isNull();
    }

    @Test
    @DisplayName("server_name with one host_name; ALPN with h3 and h3-29")
    void sniAndAlpn() throws QuicException {
        ClientHello h = ClientHelloParser.parse(hello("0000 000e 000c 00 0009 6c6f63616c686f7374"
                + "0010 000b 0009 026833 056833 2d3239"));
        assertThat(h.serverName()).isEqualTo("localhost");
        assertThat(h.alpn()).containsExactly("h3", "h3-29");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @DisplayName("malformed ClientHellos are decode_error; forbidden values illegal_parameter")
    @CsvSource({
            "'0000 0005 0003 00 0001', DECODE_ERROR",            // host_name of 1 octet, none there
            "'0000 0002 0000', DECODE_ERROR",                     // empty ServerNameList
            "'0010 0003 0001 00', DECODE_ERROR",                  // empty protocol name
            "'0010 0004 0003 0568', DECODE_ERROR",                // name of 5 octets, 1 there
            "'002b 0003 02 0304 00', DECODE_ERROR",               // an extension longer than its content says... (trailing octet)
            "'002b 0002 03 03', DECODE_ERROR",                    // versions list of 3 octets, 1 there
            "'0033 0004 0000 001d', DECODE_ERROR",                // key share list length 0 but 2 octets follow
            "'0033 0006 0004 001d 0000', DECODE_ERROR",           // empty key_exchange
            "'0000', DECODE_ERROR",                               // extension cut after its type
            "'002b 0003 02 0304 002b 0003 02 0304', ILLEGAL_PARAMETER", // the same extension twice
            "'0000 0011 000f 00 0003 616263 00 0006 646566676869', ILLEGAL_PARAMETER", // two host_names
            "'0000 0008 0006 00 0003 612062', ILLEGAL_PARAMETER",  // host_name "a b": a space (0x20)
            "'0000 0008 0006 00 0003 617f62', ILLEGAL_PARAMETER",  // host_name with DEL (0x7f)
    })
    void malformed(String extensions, TlsAlert alert) {
        QuicException e = error(hello(extensions));
        assertThat(e.code()).isEqualTo(QuicError.CRYPTO_ERROR);
        assertThat(e.alert()).isEqualTo(alert);
        assertThat(e.wireCode()).isEqualTo(0x100 + alert.code());
    }

    @Test
    @DisplayName("the handshake header: type 1 only, a length that matches, a session ID of at most 32")
    void envelope() {
        byte[] m = hello("");
        byte[] wrongType = m.clone();
        wrongType[0] = 2;
        assertThat(error(wrongType).alert()).isEqualTo(TlsAlert.UNEXPECTED_MESSAGE);
        assertThat(error(Arrays.copyOf(m, m.length - 1)).alert()).isEqualTo(TlsAlert.DECODE_ERROR);
        byte[] longer = Arrays.copyOf(m, m.length + 1);
        assertThat(error(longer).alert()).isEqualTo(TlsAlert.DECODE_ERROR);
        byte[] session = m.clone();
        session[4 + 2 + 32] = 33; // legacy_session_id length 33
        assertThat(error(session).alert()).isEqualTo(TlsAlert.DECODE_ERROR);
        for (int n = 0; n < m.length; n++) {
            assertThat(error(Arrays.copyOf(m, n)).alert()).as("cut at %d", n).isIn(TlsAlert.DECODE_ERROR, TlsAlert.UNEXPECTED_MESSAGE);
        }
    }

    /** RFC 8446 §4.1.2: legacy_compression_methods "MUST contain exactly one byte, set to zero". */
    @Test
    @DisplayName("compression methods other than exactly { null } are illegal_parameter")
    void compression() {
        byte[] m = hello("");
        int at = 4 + 2 + 32 + 1 + 2 + 4; // the compression methods' length
        byte[] deflate = m.clone();
        deflate[at + 1] = 1;
        assertThat(error(deflate).alert()).isEqualTo(TlsAlert.ILLEGAL_PARAMETER);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("transport parameters: duplicates, server-only ones, bad integers and out-of-range values are TRANSPORT_PARAMETER_ERROR")
    @CsvSource({
            "'01 01 05 01 01 06'",                     // max_idle_timeout twice
            "'00 04 01020304'",                        // original_destination_connection_id from a client
            "'02 10 00000000000000000000000000000000'", // stateless_reset_token from a client
            "'10 00'",                                 // retry_source_connection_id from a client
            "'03 02 4400'",                            // max_udp_payload_size 1024 < 1200
            "'0a 01 15'",                              // ack_delay_exponent 21
            "'0b 04 80004000'",                        // max_ack_delay 2^14
            "'0e 01 01'",                              // active_connection_id_limit 1
            "'08 08 d000000000000001'",                // initial_max_streams_bidi over 2^60
            "'01 02 05'",                              // length 2, 1 octet there
            "'01 02 0505'",                            // an integer followed by an extra octet
            "'01 01 40'",                              // an integer cut inside its encoding
            "'0c 01 00'",                              // disable_active_migration with a value
            "'0f 15 000000000000000000000000000000000000000000'", // a 21-octet connection ID
            "'40'",                                    // an id cut short
    })
    void badTransportParameters(String encoded) {
        try {
            TransportParameters tp = TransportParametersParser.parse(hex(encoded));
            throw new AssertionError("accepted " + tp);
        } catch (QuicException e) {
            assertThat(e.code()).isEqualTo(QuicError.TRANSPORT_PARAMETER_ERROR);
        }
    }

    @Test
    @DisplayName("unknown and reserved parameters (31 * N + 27) are kept but not interpreted")
    void greaseParameters() throws QuicException {
        TransportParameters tp = TransportParametersParser.parse(hex("401b 03 616263 0c 00 0e 01 04"));
        assertThat(tp.parameters()).hasSize(3);
        assertThat(tp.parameters().get(0).integer()).isNull();
        assertThat(tp.integer(TransportParameters.ACTIVE_CONNECTION_ID_LIMIT)).hasValue(4);
        assertThat(tp.bytes(TransportParameters.DISABLE_ACTIVE_MIGRATION)).hasValueSatisfying(v -> assertThat(v).isEmpty());
    }

    /** RFC 8446 §4.1.2: legacy_session_id&lt;0..32&gt;, cipher_suites&lt;2..2^16-2&gt;; §4: a 24-bit length. */
    @Test
    @DisplayName("at the edges: a session ID of exactly 32 octets and a single cipher suite parse; a handshake length with its high octet set (65,536 + n) does not match the n octets that follow")
    void envelopeEdges() throws QuicException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(hex("0303"));
        body.writeBytes(new byte[32]);                         // random
        body.write(32);
        body.writeBytes(hex("ab".repeat(32)));                 // legacy_session_id of 32 octets
        body.writeBytes(hex("0002 1301 0100 0000"));           // one suite, compression { 0 }, no extensions
        byte[] b = body.toByteArray();
        byte[] m = Arrays.copyOf(new byte[] {1, 0, 0, (byte) b.length}, 4 + b.length);
        System.arraycopy(b, 0, m, 4, b.length);
        ClientHello h = ClientHelloParser.parse(m);
        assertThat(h.sessionId()).hasSize(32);
        assertThat(h.cipherSuites()).containsExactly(0x1301);
        byte[] high = hello("");
        high[1] = 1; // 01 nn nn: 65,536 more than the octets that follow
        assertThat(error(high).alert()).isEqualTo(TlsAlert.DECODE_ERROR);
    }

    /** RFC 9000 §18.2: the limits are "values below 1200 are invalid", "values above 20 are invalid", "2^14 or greater are invalid", "at least 2", "greater than 2^60". */
    @ParameterizedTest(name = "{0}")
    @DisplayName("transport parameters exactly at the limits of RFC 9000 §18.2 are valid: max_udp_payload_size 1200, ack_delay_exponent 20, max_ack_delay 2^14-1, active_connection_id_limit 2, stream limits 2^60, a 20-octet connection ID")
    @CsvSource({
            "'03 02 44b0', 3, 1200",                    // max_udp_payload_size 1200
            "'0a 01 14', 10, 20",                       // ack_delay_exponent 20
            "'0b 02 7fff', 11, 16383",                  // max_ack_delay 2^14 - 1
            "'0e 01 02', 14, 2",                        // active_connection_id_limit 2
            "'08 08 d000000000000000', 8, 1152921504606846976", // initial_max_streams_bidi 2^60
            "'09 08 d000000000000000', 9, 1152921504606846976", // initial_max_streams_uni 2^60
    })
    void transportParametersAtTheirLimits(String encoded, long id, long value) throws QuicException {
        assertThat(TransportParametersParser.parse(hex(encoded)).integer(id)).hasValue(value);
    }

    @Test
    @DisplayName("an initial_source_connection_id of exactly 20 octets is valid (RFC 9000 §17.2: at most 20 in version 1)")
    void twentyOctetConnectionId() throws QuicException {
        TransportParameters tp = TransportParametersParser.parse(hex("0f 14" + "07".repeat(20)));
        assertThat(tp.initialSourceConnectionId()).hasValueSatisfying(id -> assertThat(id.length()).isEqualTo(20));
    }
}
