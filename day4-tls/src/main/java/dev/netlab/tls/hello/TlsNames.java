package dev.netlab.tls.hello;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Names for the numbers in hello messages (IANA TLS registries): cipher suites, named groups,
 * signature schemes, extension types, versions. For printing and explaining only; a parser
 * keeps numbers, and an unknown number is printed as {@code unknown(0x1234)} (or
 * {@code GREASE(0x1a1a)}, RFC 8701).
 */
public final class TlsNames {
    private TlsNames() {}

    /** Every suite of the IANA registry, from {@code cipher-suites.txt} beside this class. */
    private static final Map<Integer, String> CIPHER_SUITES = registry("cipher-suites.txt");

    private static final Map<Integer, String> GROUPS = Map.ofEntries(
            Map.entry(0x0017, "secp256r1"),
            Map.entry(0x0018, "secp384r1"),
            Map.entry(0x0019, "secp521r1"),
            Map.entry(0x001d, "x25519"),
            Map.entry(0x001e, "x448"),
            Map.entry(0x0100, "ffdhe2048"),
            Map.entry(0x0101, "ffdhe3072"),
            Map.entry(0x0102, "ffdhe4096"),
            Map.entry(0x0103, "ffdhe6144"),
            Map.entry(0x0104, "ffdhe8192"),
            Map.entry(0x11ec, "X25519MLKEM768"),
            Map.entry(0x11eb, "SecP256r1MLKEM768"),
            Map.entry(0x6399, "X25519Kyber768Draft00"));

    private static final Map<Integer, String> SIGNATURE_SCHEMES = Map.ofEntries(
            Map.entry(0x0401, "rsa_pkcs1_sha256"),
            Map.entry(0x0501, "rsa_pkcs1_sha384"),
            Map.entry(0x0601, "rsa_pkcs1_sha512"),
            Map.entry(0x0403, "ecdsa_secp256r1_sha256"),
            Map.entry(0x0503, "ecdsa_secp384r1_sha384"),
            Map.entry(0x0603, "ecdsa_secp521r1_sha512"),
            Map.entry(0x0804, "rsa_pss_rsae_sha256"),
            Map.entry(0x0805, "rsa_pss_rsae_sha384"),
            Map.entry(0x0806, "rsa_pss_rsae_sha512"),
            Map.entry(0x0807, "ed25519"),
            Map.entry(0x0808, "ed448"),
            Map.entry(0x0809, "rsa_pss_pss_sha256"),
            Map.entry(0x080a, "rsa_pss_pss_sha384"),
            Map.entry(0x080b, "rsa_pss_pss_sha512"),
            Map.entry(0x0201, "rsa_pkcs1_sha1"),
            Map.entry(0x0203, "ecdsa_sha1"),
            Map.entry(0x0303, "sha224_ecdsa"),
            Map.entry(0x0301, "sha224_rsa"),
            Map.entry(0x0302, "sha224_dsa"),
            Map.entry(0x0402, "sha256_dsa"),
            Map.entry(0x0502, "sha384_dsa"),
            Map.entry(0x0602, "sha512_dsa"),
            Map.entry(0x0202, "dsa_sha1"));

    private static final Map<Integer, String> EXTENSIONS = Map.ofEntries(
            Map.entry(ExtensionType.SERVER_NAME, "server_name"),
            Map.entry(ExtensionType.MAX_FRAGMENT_LENGTH, "max_fragment_length"),
            Map.entry(ExtensionType.STATUS_REQUEST, "status_request"),
            Map.entry(ExtensionType.SUPPORTED_GROUPS, "supported_groups"),
            Map.entry(ExtensionType.EC_POINT_FORMATS, "ec_point_formats"),
            Map.entry(ExtensionType.SIGNATURE_ALGORITHMS, "signature_algorithms"),
            Map.entry(ExtensionType.USE_SRTP, "use_srtp"),
            Map.entry(ExtensionType.HEARTBEAT, "heartbeat"),
            Map.entry(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION, "application_layer_protocol_negotiation"),
            Map.entry(ExtensionType.SIGNED_CERTIFICATE_TIMESTAMP, "signed_certificate_timestamp"),
            Map.entry(ExtensionType.PADDING, "padding"),
            Map.entry(ExtensionType.ENCRYPT_THEN_MAC, "encrypt_then_mac"),
            Map.entry(ExtensionType.EXTENDED_MASTER_SECRET, "extended_master_secret"),
            Map.entry(ExtensionType.COMPRESS_CERTIFICATE, "compress_certificate"),
            Map.entry(ExtensionType.RECORD_SIZE_LIMIT, "record_size_limit"),
            Map.entry(ExtensionType.SESSION_TICKET, "session_ticket"),
            Map.entry(ExtensionType.PRE_SHARED_KEY, "pre_shared_key"),
            Map.entry(ExtensionType.EARLY_DATA, "early_data"),
            Map.entry(ExtensionType.SUPPORTED_VERSIONS, "supported_versions"),
            Map.entry(ExtensionType.COOKIE, "cookie"),
            Map.entry(ExtensionType.PSK_KEY_EXCHANGE_MODES, "psk_key_exchange_modes"),
            Map.entry(ExtensionType.CERTIFICATE_AUTHORITIES, "certificate_authorities"),
            Map.entry(ExtensionType.POST_HANDSHAKE_AUTH, "post_handshake_auth"),
            Map.entry(ExtensionType.SIGNATURE_ALGORITHMS_CERT, "signature_algorithms_cert"),
            Map.entry(ExtensionType.KEY_SHARE, "key_share"),
            Map.entry(ExtensionType.APPLICATION_SETTINGS, "application_settings"),
            Map.entry(ExtensionType.ENCRYPTED_CLIENT_HELLO, "encrypted_client_hello"),
            Map.entry(ExtensionType.RENEGOTIATION_INFO, "renegotiation_info"));

    /** Reads {@code value name} lines (hex value, {@code #} comments) from a resource beside this class. */
    private static Map<Integer, String> registry(String resource) {
        try (InputStream in = TlsNames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Map<Integer, String> names = new HashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.trim().split(" ");
                    names.put(Integer.decode(f[0]), f[1]);
                }
            }
            return Map.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 8701 §2: GREASE values are 0x0A0A, 0x1A1A, ... 0xFAFA: both octets equal, each ending in 0xA. */
    private static boolean grease16(int value) {
        return (value & 0x0f0f) == 0x0a0a && (value >>> 8) == (value & 0xff);
    }

    private static String name(Map<Integer, String> names, int value) {
        String name = names.get(value);
        if (name != null) {
            return name;
        }
        return (grease16(value) ? "GREASE" : "unknown") + String.format("(0x%04x)", value);
    }

    public static String cipherSuite(int value) {
        return name(CIPHER_SUITES, value);
    }

    public static String group(int value) {
        return name(GROUPS, value);
    }

    public static String signatureScheme(int value) {
        return name(SIGNATURE_SCHEMES, value);
    }

    public static String extension(int value) {
        return name(EXTENSIONS, value);
    }

    /** 0x0304 is "TLS 1.3", 0x0303 "TLS 1.2" (RFC 8446 §4.2.1), 0x0301 "TLS 1.0" ... */
    public static String version(int value) {
        return switch (value) {
            case 0x0304 -> "TLS 1.3";
            case 0x0303 -> "TLS 1.2";
            case 0x0302 -> "TLS 1.1";
            case 0x0301 -> "TLS 1.0";
            case 0x0300 -> "SSL 3.0";
            default -> (grease16(value) ? "GREASE" : "unknown") + String.format("(0x%04x)", value);
        };
    }

    /** psk_key_exchange_modes: 0 psk_ke, 1 psk_dhe_ke (RFC 8446 §4.2.9). */
    public static String pskMode(int value) {
        return switch (value) {
            case 0 -> "psk_ke";
            case 1 -> "psk_dhe_ke";
            default -> String.format("unknown(0x%02x)", value);
        };
    }
}
