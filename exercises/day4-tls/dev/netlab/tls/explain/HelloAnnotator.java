package dev.netlab.tls.explain;

import dev.netlab.kit.StubException;
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

    /** A record holding a ClientHello. */
    public static List<Annotation> clientHello(byte[] record) throws TlsException {
        throw StubException.notImplemented("4.06", "explain: your connection octet by octet, decrypted with a key log", "day4-tls/README.md#explain-your-connection-octet-by-octet");
    }

    /** A record holding a ServerHello (or a HelloRetryRequest). */
    public static List<Annotation> serverHello(byte[] record) throws TlsException {
        throw StubException.notImplemented("4.06", "explain: your connection octet by octet, decrypted with a key log", "day4-tls/README.md#explain-your-connection-octet-by-octet");
    }
}
