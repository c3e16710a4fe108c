package dev.netlab.tls.hello;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A parsed ClientHello (RFC 8446 §4.1.2), with the extensions a server decides on read out.
 * Lists keep the client's order and include GREASE values (RFC 8701), which
 * {@link #grease()} lists again by where they were found.
 *
 * <pre>
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;    // TLS v1.2
 *     Random random;                              // 32 octets
 *     opaque legacy_session_id&lt;0..32&gt;;
 *     CipherSuite cipher_suites&lt;2..2^16-2&gt;;
 *     opaque legacy_compression_methods&lt;1..2^8-1&gt;;
 *     Extension extensions&lt;8..2^16-1&gt;;
 * } ClientHello;
 * </pre>
 *
 * @param legacyVersion 0x0303 from every TLS 1.3 client; the real versions are in supported_versions
 * @param random the client's 32 random octets
 * @param sessionId the legacy session id (32 random octets from TLS 1.3 clients in compatibility mode)
 * @param cipherSuites offered cipher suites, in the client's order of preference
 * @param compressionMethods the legacy compression methods (exactly {0} from TLS 1.3 clients)
 * @param extensions every extension, in order
 * @param serverName the host_name of server_name (RFC 6066 §3), or null
 * @param alpn the ProtocolNameList of application_layer_protocol_negotiation (RFC 7301), or empty
 * @param supportedVersions supported_versions (RFC 8446 §4.2.1), or empty
 * @param supportedGroups supported_groups (RFC 8446 §4.2.7), or empty
 * @param signatureSchemes signature_algorithms (RFC 8446 §4.2.3), or empty
 * @param keyShares key_share client_shares (RFC 8446 §4.2.8), or empty
 * @param pskModes psk_key_exchange_modes (RFC 8446 §4.2.9), or empty
 * @param grease every GREASE value found, as {@code "where 0x1a1a"} ({@code "cipher_suites 0x1a1a"},
 *        {@code "extensions 0x2a2a"}, {@code "supported_groups 0x3a3a"}, {@code "supported_versions 0x4a4a"},
 *        {@code "key_share 0x3a3a"}, {@code "signature_algorithms 0x..."}, {@code "psk_key_exchange_modes 0x0b"})
 */
public record ClientHello(int legacyVersion, byte[] random, byte[] sessionId, List<Integer> cipherSuites,
        byte[] compressionMethods, List<Extension> extensions, String serverName, List<String> alpn,
        List<Integer> supportedVersions, List<Integer> supportedGroups, List<Integer> signatureSchemes,
        List<KeyShareEntry> keyShares, List<Integer> pskModes, List<String> grease) {

    public ClientHello {
        random = random.clone();
        sessionId = sessionId.clone();
        compressionMethods = compressionMethods.clone();
        cipherSuites = List.copyOf(cipherSuites);
        extensions = List.copyOf(extensions);
        alpn = List.copyOf(alpn);
        supportedVersions = List.copyOf(supportedVersions);
        supportedGroups = List.copyOf(supportedGroups);
        signatureSchemes = List.copyOf(signatureSchemes);
        keyShares = List.copyOf(keyShares);
        pskModes = List.copyOf(pskModes);
        grease = List.copyOf(grease);
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    @Override
    public byte[] compressionMethods() {
        return compressionMethods.clone();
    }

    /** The extension of type {@code type}, if sent. */
    public Optional<Extension> extension(int type) {
        return extensions.stream().filter(e -> e.type() == type).findFirst();
    }

    /** Whether TLS 1.3 (0x0304) is among supported_versions. */
    public boolean offersTls13() {
        return supportedVersions.contains(0x0304);
    }

    @Override
    public String toString() {
        return "ClientHello[legacy_version 0x" + Integer.toHexString(legacyVersion) + ", random "
                + HexFormat.of().formatHex(random, 0, 4) + "..., session id " + sessionId.length + " octets, "
                + cipherSuites.size() + " cipher suites, SNI " + serverName + ", ALPN " + alpn + ", versions "
                + supportedVersions.stream().map(TlsNames::version).toList() + ", groups "
                + supportedGroups.stream().map(TlsNames::group).toList() + ", key shares " + keyShares
                + ", extensions " + extensions + ", GREASE " + grease + "]";
    }
}
