package dev.netlab.tls.hello;

import dev.netlab.tls.TlsAlert;
import dev.netlab.tls.TlsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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
    static final int CLIENT_HELLO = 1;
    private static final int HOST_NAME = 0;
    private static final int MAX_SESSION_ID = 32;
    private static final int TLS_1_3 = 0x0304;
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]+(\\.[0-9]+){3}");

    /** A whole handshake message: {@code msg_type = 1 | uint24 length | body}. */
    public static ClientHello parse(byte[] handshakeMessage) throws TlsException {
        TlsReader message = new TlsReader(handshakeMessage);
        int type = message.u8("msg_type");
        if (type != CLIENT_HELLO) {
            throw new TlsException(TlsAlert.UNEXPECTED_MESSAGE, 0, "handshake type " + type + " is not client_hello (1)");
        }
        int length = message.u24("length");
        if (length > MAX_LENGTH) {
            throw new TlsException(TlsAlert.DECODE_ERROR, 1, "a ClientHello of " + length + " octets (at most " + MAX_LENGTH + ")");
        }
        TlsReader body = message.slice(length, "the ClientHello body");
        message.end("the handshake message");
        return body(body);
    }

    /** RFC 8701 §2: a two-octet GREASE value, {@code 0x?A?A} with both octets equal. */
    public static boolean isGrease(int value) {
        return (value & 0x0f0f) == 0x0a0a && (value >>> 8) == (value & 0xff) && value <= 0xffff;
    }

    /** RFC 8701 §2: the GREASE values of one-octet PskKeyExchangeMode: 0x0B, 0x2A, 0x49, ..., 0xE4 (0x1F × n + 0x0B). */
    public static boolean isGreasePskMode(int value) {
        return value >= 0x0b && value <= 0xff && (value - 0x0b) % 0x1f == 0;
    }

    private static ClientHello body(TlsReader in) throws TlsException {
        Parsed p = new Parsed();
        int legacyVersion = in.u16("legacy_version");
        byte[] random = in.bytes(32, "random");
        int sessionIdAt = in.offset();
        TlsReader session = in.vector8("legacy_session_id");
        if (session.remaining() > MAX_SESSION_ID) {
            throw new TlsException(TlsAlert.ILLEGAL_PARAMETER, sessionIdAt, "a session id of " + session.remaining() + " octets (at most 32)");
        }
        byte[] sessionId = session.rest();
        TlsReader suites = in.vector16("cipher_suites");
        if (suites.remaining() < 2 || suites.remaining() % 2 != 0) {
            throw new TlsException(TlsAlert.DECODE_ERROR, suites.offset(), "cipher_suites of " + suites.remaining() + " octets");
        }
        List<Integer> cipherSuites = new ArrayList<>();
        while (suites.hasRemaining()) {
            cipherSuites.add(greaseCheck(suites.u16("cipher suite"), "cipher_suites", p));
        }
        int compressionAt = in.offset();
        TlsReader compression = in.vector8("legacy_compression_methods");
        byte[] compressionMethods = compression.rest();
        if (compressionMethods.length == 0 || !containsNull(compressionMethods)) {
            throw new TlsException(TlsAlert.ILLEGAL_PARAMETER, compression.offset(), "no null compression method (0)");
        }
        List<Extension> extensions = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        if (in.hasRemaining()) { // a hello from before extensions ends here (RFC 5246 §7.4.1.2)
            TlsReader list = in.vector16("extensions");
            while (list.hasRemaining()) {
                int at = list.offset();
                int type = list.u16("extension_type");
                TlsReader data = list.vector16("extension_data");
                if (!seen.add(type)) {
                    throw new TlsException(TlsAlert.ILLEGAL_PARAMETER, at, TlsNames.extension(type) + " appears twice");
                }
                if (!extensions.isEmpty() && extensions.get(extensions.size() - 1).type() == ExtensionType.PRE_SHARED_KEY) {
                    throw new TlsException(TlsAlert.ILLEGAL_PARAMETER, at, "pre_shared_key must be the last extension (RFC 8446 §4.2.11)");
                }
                greaseCheck(type, "extensions", p);
                extensions.add(new Extension(type, at, data.duplicate().rest()));
                extension(type, data, p);
            }
        }
        in.end("the ClientHello");
        if (p.versions.contains(TLS_1_3)) {
            tls13Rules(compressionMethods, compressionAt, seen, p, in.offset());
        }
        return new ClientHello(legacyVersion, random, sessionId, cipherSuites, compressionMethods, extensions,
                p.serverName, p.alpn, p.versions, p.groups, p.signatureSchemes, p.keyShares, p.pskModes, p.grease);
    }

    /** RFC 8446 §4.1.2, §4.2.8, §4.2.9 and §9.2: what a hello that offers TLS 1.3 must also hold. */
    private static void tls13Rules(byte[] compression, int compressionAt, Set<Integer> seen, Parsed p, int end) throws TlsException {
        if (compression.length != 1) {
            throw new TlsException(TlsAlert.ILLEGAL_PARAMETER, compressionAt,
                    compression.length + " compression methods in a TLS 1.3 ClientHello (exactly one, null: RFC 8446 §4.1.2)");
        }
        boolean psk = seen.contains(ExtensionType.PRE_SHARED_KEY);
        if (!psk && !seen.contains(ExtensionType.SIGNATURE_ALGORITHMS)) {
            throw missing(end, "signature_algorithms (required without pre_shared_key)");
        }
        if (!psk && !seen.contains(ExtensionType.SUPPORTED_GROUPS)) {
            throw missing(end, "supported_groups (required without pre_shared_key)");
        }
        if (seen.contains(ExtensionType.SUPPORTED_GROUPS) != seen.contains(ExtensionType.KEY_SHARE)) {
            throw missing(end, seen.contains(ExtensionType.KEY_SHARE) ? "supported_groups (key_share is there)" : "key_share (supported_groups is there)");
        }
        if (psk && !seen.contains(ExtensionType.PSK_KEY_EXCHANGE_MODES)) {
            throw missing(end, "psk_key_exchange_modes (pre_shared_key is there: RFC 8446 §4.2.9)");
        }
        for (KeyShareEntry share : p.keyShares) {
            if (!p.groups.contains(share.group())) {
                throw new TlsException(TlsAlert.ILLEGAL_PARAMETER, end,
                        "a key share for " + TlsNames.group(share.group()) + ", which supported_groups does not list (RFC 8446 §4.2.8)");
            }
        }
    }

    private static TlsException missing(int at, String what) {
        return new TlsException(TlsAlert.MISSING_EXTENSION, at, "a TLS 1.3 ClientHello without " + what + " (RFC 8446 §9.2)");
    }

    /** Reads the extensions this parser knows into {@code p}; the others are only kept. */
    private static void extension(int type, TlsReader data, Parsed p) throws TlsException {
        switch (type) {
            case ExtensionType.SERVER_NAME -> serverName(data, p);
            case ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION -> alpn(data, p);
            case ExtensionType.SUPPORTED_VERSIONS -> {
                TlsReader versions = data.vector8("supported_versions");
                if (versions.remaining() < 2 || versions.remaining() % 2 != 0) {
                    throw new TlsException(TlsAlert.DECODE_ERROR, versions.offset(), "supported_versions of " + versions.remaining() + " octets");
                }
                while (versions.hasRemaining()) {
                    p.versions.add(greaseCheck(versions.u16("version"), "supported_versions", p));
                }
            }
            case ExtensionType.SUPPORTED_GROUPS -> u16List(data, "supported_groups", p.groups, p);
            case ExtensionType.SIGNATURE_ALGORITHMS -> u16List(data, "signature_algorithms", p.signatureSchemes, p);
            case ExtensionType.KEY_SHARE -> keyShares(data, p);
            case ExtensionType.PSK_KEY_EXCHANGE_MODES -> {
                TlsReader modes = data.vector8("psk_key_exchange_modes");
                if (!modes.hasRemaining()) {
                    throw new TlsException(TlsAlert.DECODE_ERROR, modes.offset(), "psk_key_exchange_modes<1..255> is empty");
                }
                while (modes.hasRemaining()) {
                    int mode = modes.u8("psk mode");
                    if (isGreasePskMode(mode)) {
                        p.grease.add(String.format("psk_key_exchange_modes 0x%02x", mode));
                    }
                    p.pskModes.add(mode);
                }
            }
            default -> {
                return; // kept in the extension list as sent
            }
        }
        data.end(TlsNames.extension(type));
    }

    /**
     * RFC 6066 §3: {@code ServerName server_name_list<1..2^16-1>}, each {@code NameType name_type;
     * HostName host_name<1..2^16-1>}. "The ServerNameList MUST NOT contain more than one name of the
     * same name_type"; "Literal IPv4 and IPv6 addresses are not permitted"; no trailing dot.
     */
    private static void serverName(TlsReader data, Parsed p) throws TlsException {
        TlsReader list = data.vector16("server_name_list");
        if (!list.hasRemaining()) {
            throw new TlsException(TlsAlert.DECODE_ERROR, list.offset(), "an empty server_name_list");
        }
        while (list.hasRemaining()) {
            int at = list.offset();
            int nameType = list.u8("name_type");
            TlsReader name = list.vector16("host_name");
            if (nameType != HOST_NAME) {
                continue; // no other type is defined; skipped by its length
            }
            if (p.serverName != null) {
                throw new TlsException(TlsAlert.ILLEGAL_PARAMETER, at, "two host_name entries in server_name");
            }
            byte[] host = name.rest();
            if (host.length == 0 || host.length > 255 || host[host.length - 1] == '.') {
                throw new TlsException(TlsAlert.ILLEGAL_PARAMETER, at + 3, "host_name must be 1-255 octets without a trailing dot");
            }
            for (byte b : host) {
                boolean ok = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_';
                if (!ok) {
                    throw new TlsException(TlsAlert.ILLEGAL_PARAMETER, at + 3, String.format("octet 0x%02x in host_name", b & 0xFF));
                }
            }
            String hostName = new String(host, StandardCharsets.US_ASCII);
            if (IPV4_LITERAL.matcher(hostName).matches()) { // IPv6 already failed: ':' is no host_name octet
                throw new TlsException(TlsAlert.ILLEGAL_PARAMETER, at + 3, "host_name " + hostName + " is an IPv4 literal (RFC 6066 §3)");
            }
            p.serverName = hostName;
        }
    }

    /** RFC 7301 §3.1: {@code ProtocolName protocol_name_list<2..2^16-1>}, each {@code opaque ProtocolName<1..2^8-1>}. */
    private static void alpn(TlsReader data, Parsed p) throws TlsException {
        TlsReader list = data.vector16("protocol_name_list");
        if (list.remaining() < 2) {
            throw new TlsException(TlsAlert.DECODE_ERROR, list.offset(), "protocol_name_list<2..2^16-1> of " + list.remaining() + " octets");
        }
        while (list.hasRemaining()) {
            int at = list.offset();
            byte[] name = list.vector8("protocol_name").rest();
            if (name.length == 0) {
                // RFC 7301 §3.1: "Empty strings MUST NOT be included"
                throw new TlsException(TlsAlert.DECODE_ERROR, at, "an empty protocol name");
            }
            String protocol = new String(name, StandardCharsets.ISO_8859_1);
            if (name.length == 2 && isGrease(((name[0] & 0xFF) << 8) | (name[1] & 0xFF))) {
                p.grease.add(String.format("alpn 0x%02x%02x", name[0] & 0xFF, name[1] & 0xFF));
            }
            p.alpn.add(protocol);
        }
    }

    /** RFC 8446 §4.2.8: {@code KeyShareEntry client_shares<0..2^16-1>}; one entry per group at most. */
    private static void keyShares(TlsReader data, Parsed p) throws TlsException {
        TlsReader list = data.vector16("client_shares");
        Set<Integer> groups = new HashSet<>();
        while (list.hasRemaining()) {
            int at = list.offset();
            int group = greaseCheck(list.u16("group"), "key_share", p);
            byte[] key = list.vector16("key_exchange").rest();
            if (key.length == 0) {
                throw new TlsException(TlsAlert.DECODE_ERROR, at + 2, "key_exchange<1..2^16-1> is empty");
            }
            if (!groups.add(group)) {
                // RFC 8446 §4.2.8: "Clients MUST NOT offer multiple KeyShareEntry values for the same group"
                throw new TlsException(TlsAlert.ILLEGAL_PARAMETER, at, "two key shares for " + TlsNames.group(group));
            }
            p.keyShares.add(new KeyShareEntry(group, key));
        }
    }

    private static void u16List(TlsReader data, String what, List<Integer> into, Parsed p) throws TlsException {
        TlsReader list = data.vector16(what);
        if (list.remaining() < 2 || list.remaining() % 2 != 0) {
            throw new TlsException(TlsAlert.DECODE_ERROR, list.offset(), what + " of " + list.remaining() + " octets");
        }
        while (list.hasRemaining()) {
            into.add(greaseCheck(list.u16(what), what, p));
        }
    }

    private static int greaseCheck(int value, String where, Parsed p) {
        if (isGrease(value)) {
            p.grease.add(String.format("%s 0x%04x", where, value));
        }
        return value;
    }

    private static boolean containsNull(byte[] methods) {
        for (byte m : methods) {
            if (m == 0) {
                return true;
            }
        }
        return false;
    }

    /** What the extensions contribute, filled while reading them. */
    private static final class Parsed {
        String serverName;
        final List<String> alpn = new ArrayList<>();
        final List<Integer> versions = new ArrayList<>();
        final List<Integer> groups = new ArrayList<>();
        final List<Integer> signatureSchemes = new ArrayList<>();
        final List<KeyShareEntry> keyShares = new ArrayList<>();
        final List<Integer> pskModes = new ArrayList<>();
        final List<String> grease = new ArrayList<>();
    }
}
