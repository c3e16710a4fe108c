package dev.netlab.tls.hello;

import dev.netlab.kit.StubException;
import dev.netlab.tls.TlsAlert;
import dev.netlab.tls.TlsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a ClientHello handshake message (RFC 8446 §4.1.2) and the extensions a server decides
 * on: server_name (RFC 6066 §3), application_layer_protocol_negotiation (RFC 7301 §3.1),
 * supported_versions, supported_groups, signature_algorithms, key_share, psk_key_exchange_modes
 * (RFC 8446 §4.2). Other extensions are kept as they came.
 *
 * <pre>
 *  01                     msg_type client_hello
 *  00 01 fc               length (uint24)
 *  03 03                  legacy_version
 *  e3 4c ... (32)         random
 *  20 a1 b2 ... (32)      legacy_session_id&lt;0..32&gt;
 *  00 3e 13 02 13 03 ...  cipher_suites&lt;2..2^16-2&gt;: two octets each
 *  01 00                  legacy_compression_methods&lt;1..2^8-1&gt;: null only
 *  01 75                  extensions&lt;8..2^16-1&gt;
 *    00 00 00 0e          server_name, 14 octets: list&lt;1..2^16-1&gt; { 00 host_name, 00 09 "localhost" }
 *    00 10 00 0e          ALPN, 14 octets: list { 02 "h2", 08 "http/1.1" }
 *    ...
 * </pre>
 *
 * Every length is checked against what is there ({@code decode_error}); values that are well
 * formed but not allowed are {@code illegal_parameter}: the same extension twice (RFC 8446
 * §4.2: "There MUST NOT be more than one extension of the same type in a given extension
 * block"), pre_shared_key not last (§4.2.11), a session id over 32 octets, no null compression
 * method, two host names in server_name (RFC 6066 §3), an empty protocol name (RFC 7301 §3.1),
 * two key shares for one group (§4.2.8), a host_name that is an IPv4 or IPv6 literal (RFC 6066 §3).
 *
 * <p>A hello that offers TLS 1.3 (0x0304 in supported_versions) is held to TLS 1.3's rules too:
 * legacy_compression_methods exactly one null octet (§4.1.2: "If a TLS 1.3 ClientHello is
 * received with any other value in this field, the server MUST abort the handshake with an
 * "illegal_parameter" alert"); {@code missing_extension} (§9.2: "Servers receiving a
 * ClientHello which does not conform to these requirements MUST abort the handshake with a
 * "missing_extension" alert") when signature_algorithms or supported_groups is absent without
 * pre_shared_key, when one of supported_groups and key_share comes without the other, or when
 * pre_shared_key comes without psk_key_exchange_modes (§4.2.9: "servers MUST abort the
 * handshake"); and a key share only for a group in supported_groups (§4.2.8, the server MAY
 * check it: {@code illegal_parameter}). These are checked after the whole hello is read, in that
 * order, at the offset where the hello ends (the compression rule at the compression methods).
 * GREASE values (RFC 8701: 0x0A0A, 0x1A1A, ... 0xFAFA
 * and the psk mode octets 0x0B, 0x2A, ... 0xE4) are unknown values like any other — never an error —
 * and are listed in {@link ClientHello#grease()}.
 */
public final class ClientHelloParser {
    private ClientHelloParser() {}

    /** The largest ClientHello this parser reads (real ones are 200 octets to 2 KiB; with PQ key shares about 1.8 KiB). */
    public static final int MAX_LENGTH = 1 << 16;

    /** A whole handshake message: {@code msg_type = 1 | uint24 length | body}. */
    public static ClientHello parse(byte[] handshakeMessage) throws TlsException {
        throw StubException.notImplemented("4.05", "ClientHello: every field and extension, GREASE, real clients", "day4-tls/README.md#the-clienthello");
    }

    /** RFC 8701 §2: a two-octet GREASE value, {@code 0x?A?A} with both octets equal. */
    public static boolean isGrease(int value) {
        throw StubException.notImplemented("4.05", "ClientHello: every field and extension, GREASE, real clients", "day4-tls/README.md#the-clienthello");
    }

    /** RFC 8701 §2: the GREASE values of one-octet PskKeyExchangeMode: 0x0B, 0x2A, 0x49, ..., 0xE4 (0x1F × n + 0x0B). */
    public static boolean isGreasePskMode(int value) {
        throw StubException.notImplemented("4.05", "ClientHello: every field and extension, GREASE, real clients", "day4-tls/README.md#the-clienthello");
    }
}
