package dev.netlab.quic;

import java.util.List;

/**
 * A TLS 1.3 ClientHello (RFC 8446 §4.1.2) as carried in QUIC's CRYPTO frames, with the
 * extensions this lab reads decoded.
 *
 * @param serverName the host_name of server_name (RFC 6066 §3), or null
 * @param alpn the protocols offered (RFC 7301), in order; empty when absent
 * @param supportedVersions supported_versions (RFC 8446 §4.2.1), e.g. 0x0304; empty when absent
 * @param supportedGroups supported_groups (RFC 8446 §4.2.7)
 * @param keyShareGroups the groups of key_share's entries (RFC 8446 §4.2.8)
 * @param transportParameters quic_transport_parameters (RFC 9001 §8.2), or null when absent
 */
public record ClientHello(int legacyVersion, byte[] random, byte[] sessionId, List<Integer> cipherSuites,
                          List<Extension> extensions, String serverName, List<String> alpn,
                          List<Integer> supportedVersions, List<Integer> supportedGroups, List<Integer> keyShareGroups,
                          TransportParameters transportParameters) {
    /** Handshake message type client_hello (RFC 8446 §4). */
    public static final int HANDSHAKE_TYPE = 1;
    public static final int TLS13 = 0x0304;
    public static final int LEGACY_VERSION = 0x0303;

    /** The extension of that type, or null. */
    public Extension extension(int type) {
        return extensions.stream().filter(e -> e.type() == type).findFirst().orElse(null);
    }
}
