package dev.netlab.tls.server;

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
    private final Map<String, ServerCredentials> hosts = new LinkedHashMap<>();
    private final String defaultHost;
    private final boolean refuseUnknown;

    /**
     * @param hosts the credentials per host name
     * @param defaultHost the host whose certificate a client gets without SNI (and, unless refused, with an unknown name)
     * @param refuseUnknown whether an unknown name ends the handshake with unrecognized_name
     */
    public SniKeyManager(Map<String, ServerCredentials> hosts, String defaultHost, boolean refuseUnknown) {
        hosts.forEach((name, credentials) -> this.hosts.put(name.toLowerCase(Locale.ROOT), credentials));
        this.defaultHost = defaultHost.toLowerCase(Locale.ROOT);
        this.refuseUnknown = refuseUnknown;
        if (!this.hosts.containsKey(this.defaultHost)) {
            throw new IllegalArgumentException("the default host " + defaultHost + " has no credentials");
        }
    }

    /** The SNI matchers to put in the server's SSLParameters: none, or one that recognises only the known names. */
    public List<SNIMatcher> matchers() {
        if (!refuseUnknown) {
            return List.of();
        }
        return List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
            @Override
            public boolean matches(SNIServerName name) {
                return name instanceof SNIHostName host && hosts.containsKey(host.getAsciiName().toLowerCase(Locale.ROOT));
            }
        });
    }

    /** The alias (host name) for a handshake whose client asked for {@code requested}, or the default. */
    public String hostFor(List<SNIServerName> requested) {
        for (SNIServerName name : requested) {
            if (name instanceof SNIHostName host) {
                String ascii = host.getAsciiName().toLowerCase(Locale.ROOT);
                if (hosts.containsKey(ascii)) {
                    return ascii;
                }
            }
        }
        return defaultHost;
    }

    private String choose(String keyType, SSLSession handshake) {
        List<SNIServerName> requested = handshake instanceof ExtendedSSLSession extended
                ? extended.getRequestedServerNames() : List.of();
        String host = hostFor(requested);
        String algorithm = hosts.get(host).privateKey().getAlgorithm();
        boolean usable = algorithm.equals(keyType) || (algorithm.equals("RSA") && keyType.equals("RSASSA-PSS"));
        return usable ? host : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return socket instanceof SSLSocket ssl ? choose(keyType, ssl.getHandshakeSession()) : choose(keyType, null);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return hosts.keySet().toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ServerCredentials credentials = hosts.get(alias);
        return credentials == null ? null : credentials.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ServerCredentials credentials = hosts.get(alias);
        return credentials == null ? null : credentials.privateKey();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null; // a server's key manager: no client certificates
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
