package dev.netlab.tls.explain;

import dev.netlab.tls.TlsAlert;
import dev.netlab.tls.TlsException;
import dev.netlab.tls.hello.ExtensionType;
import dev.netlab.tls.hello.TlsNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Says what every octet of a hello record means: the record header, the handshake header, and
 * each field of a ClientHello (RFC 8446 §4.1.2) or ServerHello (§4.1.3), one {@link Annotation}
 * per field, in order, covering the record from its first octet to its last with no gap and
 * no overlap.
 *
 * <pre>
 * 0000  16          record type             handshake (22)
 * 0001  03 01       legacy_record_version   TLS 1.0 (ignored; first ClientHellos say 0x0301)
 * 0003  02 00       record length           512
 * 0005  01          handshake type          client_hello (1)
 * 0006  00 01 fc    handshake length        508
 * 0009  03 03       legacy_version          TLS 1.2 (the real versions are in supported_versions)
 * 000b  9c 1e …     random                  32 octets
 * ...
 * 00a2  00 00 00 0e extension server_name   14 octets: localhost
 * </pre>
 *
 * Lists (cipher suites) get one annotation each entry; an extension gets one for its type and
 * length together and one for its data, whose meaning names the values (host name, ALPN
 * protocols, versions, groups, key shares, schemes). A ServerHello's random that is the
 * HelloRetryRequest value (§4.1.3, SHA-256 of "HelloRetryRequest") is named as such. Input that
 * does not have the shape is a {@link TlsException} ({@code decode_error}).
 */
public final class HelloAnnotator {
    private HelloAnnotator() {}

    private static final String HELLO_RETRY_REQUEST = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";

    /** A record holding a ClientHello. */
    public static List<Annotation> clientHello(byte[] record) throws TlsException {
        Walk w = new Walk(record);
        w.headers(1, "client_hello");
        w.version("legacy_version");
        w.field(32, "random", "32 random octets: " + w.hex(32));
        int sid = w.u8("legacy_session_id length");
        w.field(sid, "legacy_session_id", sid == 0 ? "(empty)" : sid + " octets (compatibility mode, RFC 8446 Appendix D.4)");
        int suites = w.u16("cipher_suites length");
        for (int end = w.at + suites; w.at < end; ) {
            int suite = w.peek16();
            w.field(2, "cipher_suite", TlsNames.cipherSuite(suite));
        }
        int methods = w.u8("legacy_compression_methods length");
        w.need(methods, "legacy_compression_methods"); // before the meaning below reads its first octet
        w.field(methods, "legacy_compression_methods", methods == 1 && w.in[w.at] == 0 ? "null (0): no compression" : methods + " methods");
        w.extensions(true);
        return w.done();
    }

    /** A record holding a ServerHello (or a HelloRetryRequest). */
    public static List<Annotation> serverHello(byte[] record) throws TlsException {
        Walk w = new Walk(record);
        w.headers(2, "server_hello");
        w.version("legacy_version");
        String random = w.hex(32);
        w.field(32, "random", random.equals(HELLO_RETRY_REQUEST) ? "HelloRetryRequest: the server wants another key share"
                : "32 random octets: " + random);
        int sid = w.u8("legacy_session_id_echo length");
        w.field(sid, "legacy_session_id_echo", sid == 0 ? "(empty)" : "the client's session id, echoed");
        w.field(2, "cipher_suite", TlsNames.cipherSuite(w.peek16()));
        w.need(1, "legacy_compression_method");
        w.field(1, "legacy_compression_method", w.in[w.at] == 0 ? "null (0)" : "not null: illegal in TLS 1.3");
        w.extensions(false);
        return w.done();
    }

    /** A cursor that emits an annotation per field it steps over. */
    private static final class Walk {
        final byte[] in;
        int at;
        final List<Annotation> out = new ArrayList<>();

        Walk(byte[] in) {
            this.in = in;
        }

        void need(int n, String what) throws TlsException {
            if (n < 0 || in.length - at < n) {
                throw new TlsException(TlsAlert.DECODE_ERROR, at, what + " needs " + n + " octets, " + (in.length - at) + " left");
            }
        }

        void field(int n, String field, String meaning) throws TlsException {
            need(n, field);
            out.add(new Annotation(at, n, field, meaning));
            at += n;
        }

        int peek16() throws TlsException {
            need(2, "a two-octet value");
            return ((in[at] & 0xFF) << 8) | (in[at + 1] & 0xFF);
        }

        int u8(String field) throws TlsException {
            need(1, field);
            int v = in[at] & 0xFF;
            field(1, field, String.valueOf(v));
            return v;
        }

        int u16(String field) throws TlsException {
            int v = peek16();
            field(2, field, String.valueOf(v));
            return v;
        }

        String hex(int n) throws TlsException {
            need(n, "octets");
            return HexFormat.of().formatHex(in, at, at + n);
        }

        void version(String field) throws TlsException {
            int v = peek16();
            field(2, field, TlsNames.version(v) + (v == 0x0303 ? " (TLS 1.3 says 0x0303 here and the truth in supported_versions)" : ""));
        }

        void headers(int type, String name) throws TlsException {
            need(5, "the record header");
            field(1, "record type", (in[0] & 0xFF) == 22 ? "handshake (22)" : "not handshake: " + (in[0] & 0xFF));
            int version = peek16();
            field(2, "legacy_record_version", TlsNames.version(version) + " (ignored by TLS 1.3 receivers)");
            int length = peek16();
            field(2, "record length", String.valueOf(length));
            need(1, "handshake type");
            if ((in[at] & 0xFF) != type) {
                throw new TlsException(TlsAlert.UNEXPECTED_MESSAGE, at, "handshake type " + (in[at] & 0xFF) + ", expected " + name);
            }
            field(1, "handshake type", name + " (" + type + ")");
            need(3, "handshake length");
            int hl = ((in[at] & 0xFF) << 16) | ((in[at + 1] & 0xFF) << 8) | (in[at + 2] & 0xFF);
            field(3, "handshake length", String.valueOf(hl));
        }

        void extensions(boolean client) throws TlsException {
            if (at == in.length) {
                return;
            }
            int total = u16("extensions length");
            for (int end = at + total; at < end; ) {
                int type = peek16();
                need(4, "an extension header");
                int length = ((in[at + 2] & 0xFF) << 8) | (in[at + 3] & 0xFF);
                field(4, "extension " + TlsNames.extension(type), "type " + type + ", " + length + " octets");
                need(length, TlsNames.extension(type));
                field(length, TlsNames.extension(type), meaning(type, at, length, client));
            }
        }

        List<Annotation> done() throws TlsException {
            if (at != in.length) {
                throw new TlsException(TlsAlert.DECODE_ERROR, at, (in.length - at) + " octets after the hello");
            }
            return List.copyOf(out);
        }

        private int u16At(int i) {
            return ((in[i] & 0xFF) << 8) | (in[i + 1] & 0xFF);
        }

        /** What an extension's data says, in words (best effort: an odd length just shows the octet count). */
        private String meaning(int type, int from, int length, boolean client) {
            try {
                return switch (type) {
                    case ExtensionType.SERVER_NAME -> length == 0 ? "(the server used the name)"
                            : "host_name " + new String(in, from + 5, u16At(from + 3), StandardCharsets.US_ASCII);
                    case ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION -> {
                        List<String> names = new ArrayList<>();
                        for (int i = from + 2; i < from + length; i += 1 + (in[i] & 0xFF)) {
                            names.add(new String(in, i + 1, in[i] & 0xFF, StandardCharsets.ISO_8859_1));
                        }
                        yield (client ? "offers " : "selected ") + names;
                    }
                    case ExtensionType.SUPPORTED_VERSIONS -> {
                        if (!client) {
                            yield "selected " + TlsNames.version(u16At(from));
                        }
                        List<String> versions = new ArrayList<>();
                        for (int i = from + 1; i < from + length; i += 2) {
                            versions.add(TlsNames.version(u16At(i)));
                        }
                        yield versions.toString();
                    }
                    case ExtensionType.SUPPORTED_GROUPS, ExtensionType.SIGNATURE_ALGORITHMS -> {
                        List<String> names = new ArrayList<>();
                        for (int i = from + 2; i < from + length; i += 2) {
                            names.add(type == ExtensionType.SUPPORTED_GROUPS ? TlsNames.group(u16At(i)) : TlsNames.signatureScheme(u16At(i)));
                        }
                        yield names.toString();
                    }
                    case ExtensionType.KEY_SHARE -> {
                        if (!client) {
                            yield length == 2 ? "HelloRetryRequest asks for " + TlsNames.group(u16At(from))
                                    : TlsNames.group(u16At(from)) + ", the server's " + u16At(from + 2) + "-octet public key";
                        }
                        List<String> shares = new ArrayList<>();
                        for (int i = from + 2; i < from + length; i += 4 + u16At(i + 2)) {
                            shares.add(TlsNames.group(u16At(i)) + " (" + u16At(i + 2) + " octets)");
                        }
                        yield "key shares " + shares;
                    }
                    case ExtensionType.PSK_KEY_EXCHANGE_MODES -> "modes " + (length > 1 ? TlsNames.pskMode(in[from + 1] & 0xFF) : "?");
                    case ExtensionType.PRE_SHARED_KEY -> client ? "a ticket offered for resumption" : "the server accepts ticket " + u16At(from);
                    default -> length + " octets";
                };
            } catch (IndexOutOfBoundsException malformed) {
                return length + " octets (malformed)";
            }
        }
    }
}
