package dev.netlab.quic;

import dev.netlab.kit.StubException;

/**
 * Reads a TLS 1.3 ClientHello handshake message (RFC 8446 §4, §4.1.2) and the extensions a
 * QUIC server looks at first.
 *
 * <pre>
 * Handshake: msg_type (1) = 1 | length (3) | ClientHello
 * ClientHello:
 *   ProtocolVersion legacy_version = 0x0303;          2
 *   Random random;                                    32
 *   opaque legacy_session_id&lt;0..32&gt;;                  1 + n
 *   CipherSuite cipher_suites&lt;2..2^16-2&gt;;             2 + 2n
 *   opaque legacy_compression_methods&lt;1..2^8-1&gt;;      1 + n   (TLS 1.3: exactly one 0)
 *   Extension extensions&lt;8..2^16-1&gt;;                 2 + ... each: type (2) | length (2) | data
 * server_name (0):    ServerNameList&lt;1..2^16-1&gt; of { NameType (1) = 0 host_name | HostName&lt;1..2^16-1&gt; }
 * ALPN (16):          ProtocolNameList&lt;2..2^16-1&gt; of ProtocolName&lt;1..2^8-1&gt;
 * supported_versions (43): ProtocolVersion versions&lt;2..254&gt;   (one length octet)
 * supported_groups (10):   NamedGroup named_group_list&lt;2..2^16-1&gt;
 * key_share (51):     KeyShareEntry client_shares&lt;0..2^16-1&gt; of { NamedGroup (2) | key_exchange&lt;1..2^16-1&gt; }
 * quic_transport_parameters (57): {@link TransportParametersParser}
 * </pre>
 *
 * <p>Your job, {@link #parse}: every field into a {@link ClientHello}; all extensions kept in
 * order in {@code extensions} (raw), and the ones above decoded (absent: null name, empty
 * lists, null transport parameters). The extensions block may be absent altogether.
 *
 * <p>Faults are TLS alerts: {@code QuicException.tlsAlert(alert, ...)} (in QUIC, CRYPTO_ERROR
 * 0x0100 + alert, RFC 9001 §4.8):
 * <ul>
 *   <li>UNEXPECTED_MESSAGE: a message type other than 1;</li>
 *   <li>DECODE_ERROR: a length that does not match what follows (the message, a vector, an
 *       extension with octets left over after its content), a session ID over 32, cipher
 *       suites or version/group lists that are not whole 2-octet values or are empty, an
 *       empty ServerNameList, host_name or ALPN name, an empty key_exchange;</li>
 *   <li>ILLEGAL_PARAMETER: compression methods other than exactly {0}; the same extension
 *       twice (RFC 8446 §4.2); two host_names (RFC 6066 §3); a host_name with octets outside
 *       0x21..0x7e.</li>
 * </ul>
 * Errors of the transport parameters come from {@link TransportParametersParser} as they are.
 */
public final class ClientHelloParser {
    private ClientHelloParser() {}

    /** Parses one whole handshake message that must be a ClientHello. */
    public static ClientHello parse(byte[] message) throws QuicException {
        throw StubException.notImplemented("7.26", "The TLS ClientHello inside, and its QUIC transport parameters", "day7-capstone/ADVANCED.md#the-clienthello-inside");
    }
}
