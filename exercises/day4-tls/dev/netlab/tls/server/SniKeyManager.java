package dev.netlab.tls.server;

import dev.netlab.kit.StubException;
import dev.netlab.tls.pem.ServerCredentials;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses the server's certificate by the name the client asked for in server_name (SNI,
 * RFC 6066 §3): one server, one port, several host names, each with its own certificate.
 *
 * <pre>
 *  ClientHello { server_name: "a.test" }  ──▶  chooseServerAlias(...) reads the handshake
 *                                             session's requested names ──▶ alias "a.test"
 *  Certificate { a.test's chain }        ◀──  getCertificateChain("a.test")
 * </pre>
 *
 * <p>A name this server does not have: with {@code refuseUnknown} false, the default host's
 * certificate (what most servers do; the client then refuses it by name if it checks); with
 * {@code refuseUnknown} true, the handshake ends with an {@code unrecognized_name} alert (RFC
 * 6066 §3: "If the server understood the ClientHello extension but does not recognize the
 * server name, the server SHOULD take one of two actions: either abort the handshake by
 * sending a fatal-level unrecognized_name(112) alert or continue the handshake"). JSSE sends that
 * alert when the parameters' {@link #matchers()} match none of the requested names, so the
 * refusal is installed with {@code parameters.setSNIMatchers(keyManager.matchers())}. A client
 * that sends no server_name (an IP literal, RFC 6066 §3) gets the default certificate.
 *
 * <p>Names compare case-insensitively (DNS names are ASCII, RFC 6066 §3). An alias is offered
 * only for a key type the handshake can use ({@code EC} for ECDSA, {@code RSA} and
 * {@code RSASSA-PSS} for an RSA key).
 */
public final class SniKeyManager extends X509ExtendedKeyManager {

    /**
     * @param hosts the credentials per host name
     * @param defaultHost the host whose certificate a client gets without SNI (and, unless refused, with an unknown name)
     * @param refuseUnknown whether an unknown name ends the handshake with unrecognized_name
     */
    public SniKeyManager(Map<String, ServerCredentials> hosts, String defaultHost, boolean refuseUnknown) {
        // keep what you need in fields (see the class comment)
    }

    /** The SNI matchers to put in the server's SSLParameters: none, or one that recognises only the known names. */
    public List<SNIMatcher> matchers() {
        throw StubException.notImplemented("4.08", "SNI: a certificate per host name, unknown names by configuration", "day4-tls/README.md#sni");
    }

    /** The alias (host name) for a handshake whose client asked for {@code requested}, or the default. */
    public String hostFor(List<SNIServerName> requested) {
        throw StubException.notImplemented("4.08", "SNI: a certificate per host name, unknown names by configuration", "day4-tls/README.md#sni");
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        throw StubException.notImplemented("4.08", "SNI: a certificate per host name, unknown names by configuration", "day4-tls/README.md#sni");
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        throw StubException.notImplemented("4.08", "SNI: a certificate per host name, unknown names by configuration", "day4-tls/README.md#sni");
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        throw StubException.notImplemented("4.08", "SNI: a certificate per host name, unknown names by configuration", "day4-tls/README.md#sni");
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        throw StubException.notImplemented("4.08", "SNI: a certificate per host name, unknown names by configuration", "day4-tls/README.md#sni");
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        throw StubException.notImplemented("4.08", "SNI: a certificate per host name, unknown names by configuration", "day4-tls/README.md#sni");
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        throw StubException.notImplemented("4.08", "SNI: a certificate per host name, unknown names by configuration", "day4-tls/README.md#sni");
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        throw StubException.notImplemented("4.08", "SNI: a certificate per host name, unknown names by configuration", "day4-tls/README.md#sni");
    }
}
