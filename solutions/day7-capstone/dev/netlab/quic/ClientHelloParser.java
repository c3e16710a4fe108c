package dev.netlab.quic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * supported_versions (43): ProtocolVersion versions&lt;2..254&gt;
 * supported_groups (10):   NamedGroup named_group_list&lt;2..2^16-1&gt;
 * key_share (51):     KeyShareEntry client_shares&lt;0..2^16-1&gt; of { NamedGroup (2) | key_exchange&lt;1..2^16-1&gt; }
 * quic_transport_parameters (57): see {@link TransportParametersParser}
 * </pre>
 *
 * Faults are TLS alerts carried as QUIC CRYPTO_ERROR (RFC 9001 §4.8): decode_error for
 * anything that does not parse, illegal_parameter for values TLS 1.3 forbids.
 */
public final class ClientHelloParser {
    static final int RANDOM_LENGTH = 32;
    static final int MAX_SESSION_ID = 32;

    private ClientHelloParser() {}

    /** Parses one whole handshake message that must be a ClientHello. */
    public static ClientHello parse(byte[] message) throws QuicException {
        ByteBuffer in = ByteBuffer.wrap(message);
        int type = u8(in);
        if (type != ClientHello.HANDSHAKE_TYPE) {
            throw QuicException.tlsAlert(TlsAlert.UNEXPECTED_MESSAGE, "handshake message type " + type + ", not client_hello (1)");
        }
        int length = u24(in);
        if (length != in.remaining()) {
            throw decodeError("the handshake message says " + length + " octets, " + in.remaining() + " follow");
        }
        int legacyVersion = u16(in);
        byte[] random = bytes(in, RANDOM_LENGTH, "random");
        byte[] sessionId = vector8(in, "legacy_session_id");
        if (sessionId.length > MAX_SESSION_ID) {
            throw decodeError("legacy_session_id of " + sessionId.length + " octets (at most 32)");
        }
        ByteBuffer suites = ByteBuffer.wrap(vector16(in, "cipher_suites"));
        if (suites.remaining() < 2 || suites.remaining() % 2 != 0) {
            throw decodeError("cipher_suites must hold whole 2-octet suites, at least one: " + suites.remaining() + " octets");
        }
        List<Integer> cipherSuites = new ArrayList<>();
        while (suites.hasRemaining()) {
            cipherSuites.add(u16(suites));
        }
        byte[] compression = vector8(in, "legacy_compression_methods");
        // RFC 8446 §4.1.2: "For every TLS 1.3 ClientHello, this vector MUST contain exactly one
        // byte, set to zero ... the server MUST abort the handshake with an 'illegal_parameter' alert."
        if (compression.length != 1 || compression[0] != 0) {
            throw QuicException.tlsAlert(TlsAlert.ILLEGAL_PARAMETER, "legacy_compression_methods must be exactly { 0 }");
        }
        List<Extension> extensions = new ArrayList<>();
        if (in.hasRemaining()) {
            ByteBuffer block = ByteBuffer.wrap(vector16(in, "extensions"));
            Set<Integer> seen = new HashSet<>();
            while (block.hasRemaining()) {
                int extType = u16(block);
                byte[] data = vector16(block, "extension " + extType);
                // RFC 8446 §4.2: "There MUST NOT be more than one extension of the same type in a
                // given extension block."
                if (!seen.add(extType)) {
                    throw QuicException.tlsAlert(TlsAlert.ILLEGAL_PARAMETER, "extension " + extType + " appears twice");
                }
                extensions.add(new Extension(extType, data));
            }
        }
        if (in.hasRemaining()) {
            throw decodeError(in.remaining() + " octets after the extensions");
        }
        String serverName = null;
        List<String> alpn = List.of();
        List<Integer> versions = List.of();
        List<Integer> groups = List.of();
        List<Integer> shares = List.of();
        TransportParameters parameters = null;
        for (Extension e : extensions) {
            ByteBuffer data = ByteBuffer.wrap(e.data());
            switch (e.type()) {
                case Extension.SERVER_NAME -> serverName = serverName(data);
                case Extension.ALPN -> alpn = alpn(data);
                case Extension.SUPPORTED_VERSIONS -> versions = u16List(ByteBuffer.wrap(vector8(data, "supported_versions")), "supported_versions");
                case Extension.SUPPORTED_GROUPS -> groups = u16List(ByteBuffer.wrap(vector16(data, "supported_groups")), "supported_groups");
                case Extension.KEY_SHARE -> shares = keyShareGroups(data);
                case Extension.QUIC_TRANSPORT_PARAMETERS -> {
                    parameters = TransportParametersParser.parse(e.data());
                    data.position(data.limit());
                }
                default -> {
                    continue; // not decoded here: kept raw in extensions
                }
            }
            if (data.hasRemaining()) {
                throw decodeError("extension " + e.type() + " has " + data.remaining() + " octets after its content");
            }
        }
        return new ClientHello(legacyVersion, random, sessionId, List.copyOf(cipherSuites), List.copyOf(extensions),
                serverName, alpn, versions, groups, shares, parameters);
    }

    private static String serverName(ByteBuffer data) throws QuicException {
        ByteBuffer list = ByteBuffer.wrap(vector16(data, "server_name list"));
        String hostName = null;
        if (!list.hasRemaining()) {
            throw decodeError("an empty server_name list");
        }
        while (list.hasRemaining()) {
            int nameType = u8(list);
            byte[] name = vector16(list, "HostName");
            if (nameType == 0) {
                // RFC 6066 §3: "The ServerNameList MUST NOT contain more than one name of the same name_type."
                if (hostName != null) {
                    throw QuicException.tlsAlert(TlsAlert.ILLEGAL_PARAMETER, "two host_name entries in server_name");
                }
                if (name.length == 0) {
                    throw decodeError("an empty host_name");
                }
                for (byte b : name) {
                    if (b <= 0x20 || b >= 0x7f) {
                        throw QuicException.tlsAlert(TlsAlert.ILLEGAL_PARAMETER, "host_name is not ASCII letters, digits, '-' and '.'");
                    }
                }
                hostName = new String(name, StandardCharsets.US_ASCII);
            }
        }
        return hostName;
    }

    private static List<String> alpn(ByteBuffer data) throws QuicException {
        ByteBuffer list = ByteBuffer.wrap(vector16(data, "protocol_name_list"));
        if (!list.hasRemaining()) {
            throw decodeError("an empty ALPN protocol_name_list");
        }
        List<String> names = new ArrayList<>();
        while (list.hasRemaining()) {
            byte[] name = vector8(list, "ProtocolName");
            // RFC 7301 §3.1: "Empty strings MUST NOT be included"
            if (name.length == 0) {
                throw decodeError("an empty ALPN protocol name");
            }
            names.add(new String(name, StandardCharsets.ISO_8859_1));
        }
        return List.copyOf(names);
    }

    private static List<Integer> keyShareGroups(ByteBuffer data) throws QuicException {
        ByteBuffer list = ByteBuffer.wrap(vector16(data, "client_shares"));
        List<Integer> groups = new ArrayList<>();
        while (list.hasRemaining()) {
            groups.add(u16(list));
            if (vector16(list, "key_exchange").length == 0) {
                throw decodeError("an empty key_exchange in key_share");
            }
        }
        return List.copyOf(groups);
    }

    private static List<Integer> u16List(ByteBuffer list, String what) throws QuicException {
        if (list.remaining() == 0 || list.remaining() % 2 != 0) {
            throw decodeError(what + " must hold whole 2-octet values, at least one");
        }
        List<Integer> values = new ArrayList<>();
        while (list.hasRemaining()) {
            values.add(u16(list));
        }
        return List.copyOf(values);
    }

    private static int u8(ByteBuffer in) throws QuicException {
        need(in, 1, "a 1-octet field");
        return in.get() & 0xff;
    }

    private static int u16(ByteBuffer in) throws QuicException {
        need(in, 2, "a 2-octet field");
        return in.getShort() & 0xffff;
    }

    private static int u24(ByteBuffer in) throws QuicException {
        need(in, 3, "a 3-octet length");
        return (in.get() & 0xff) << 16 | (in.get() & 0xff) << 8 | (in.get() & 0xff);
    }

    private static byte[] vector8(ByteBuffer in, String what) throws QuicException {
        return bytes(in, u8(in), what);
    }

    private static byte[] vector16(ByteBuffer in, String what) throws QuicException {
        return bytes(in, u16(in), what);
    }

    private static byte[] bytes(ByteBuffer in, int n, String what) throws QuicException {
        need(in, n, what + " of " + n + " octets");
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private static void need(ByteBuffer in, int n, String what) throws QuicException {
        if (in.remaining() < n) {
            throw decodeError("the message ends inside " + what + " (" + in.remaining() + " octets left)");
        }
    }

    private static QuicException decodeError(String why) {
        return QuicException.tlsAlert(TlsAlert.DECODE_ERROR, why);
    }
}
