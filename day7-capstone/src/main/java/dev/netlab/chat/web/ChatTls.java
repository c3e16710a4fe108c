package dev.netlab.chat.web;

import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.tls.pem.CredentialException;
import dev.netlab.tls.pem.ServerCredentials;
import dev.netlab.tls.server.AlpnSelector;
import dev.netlab.tls.server.Hsts;
import dev.netlab.tls.server.SniKeyManager;
import dev.netlab.tls.server.TlsPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The chat's TLS, built from YOUR day 4 (given): the certificate chain and key read from PEM
 * ({@link ServerCredentials}, 4.01), the certificate chosen by SNI ({@link SniKeyManager},
 * 4.08), the hardening policy ({@link TlsPolicy}, 4.13), ALPN with {@code h2} preferred over
 * {@code http/1.1} ({@link AlpnSelector}, 4.09) and the HSTS field ({@link Hsts}, 4.07).
 *
 * <pre>
 *   accepted TCP socket ──wrap()──► SSLSocket (server mode, policy, SNI, ALPN selector)
 *       ──startHandshake()──► getApplicationProtocol(): "h2" → day 5 │ "http/1.1" or none → day 3
 * </pre>
 */
public final class ChatTls {
    /** The protocols the chat speaks, most preferred first (RFC 7301 §3.2: the server chooses). */
    public static final List<String> ALPN = List.of("h2", "http/1.1");

    private final SSLContext context;
    private final SniKeyManager keys;
    private final AlpnSelector alpn;
    private final Hsts hsts;

    private ChatTls(SSLContext context, SniKeyManager keys, AlpnSelector alpn, Hsts hsts) {
        this.context = context;
        this.keys = keys;
        this.alpn = alpn;
        this.hsts = hsts;
    }

    /**
     * TLS with {@code chain} and {@code key} (PEM), or the lab CA's certificate for
     * {@code localhost}, {@code 127.0.0.1} and {@code ::1} when both are null, checked against
     * the lab CA; {@code hstsMaxAge} for the HSTS field (a browser then uses only HTTPS for this
     * host, every port, for that long: RFC 6797 §8.1 has no port in the rule).
     */
    public static ChatTls create(DevCertificates lab, Path chain, Path key, List<String> alpnProtocols, Duration hstsMaxAge)
            throws IOException {
        Path chainFile = chain != null ? chain : lab.server().certificateFile();
        Path keyFile = key != null ? key : lab.server().privateKeyFile();
        List<X509Certificate> anchors = List.of(lab.ca());
        ServerCredentials credentials;
        try {
            credentials = ServerCredentials.load(chainFile, keyFile, anchors, Clock.systemUTC());
        } catch (CredentialException e) {
            throw new IOException(chainFile + " / " + keyFile + ": " + e.getMessage(), e);
        }
        SniKeyManager keys = new SniKeyManager(Map.of("localhost", credentials), "localhost", false);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
            return new ChatTls(context, keys, new AlpnSelector(alpnProtocols), new Hsts(hstsMaxAge, false));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e, e);
        }
    }

    /**
     * {@code socket} as the server side of a TLS connection, not yet handshaken: the policy, the
     * SNI matchers and the ALPN selector installed; closing it closes {@code socket}. {@code consumed}
     * holds the octets already read from {@code socket} (null: none): the handshake reads them first.
     */
    public SSLSocket wrap(Socket socket, InputStream consumed) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, consumed, true); // server mode
        ssl.setUseClientMode(false);
        SSLParameters p = TlsPolicy.apply(ssl.getSSLParameters());
        p.setSNIMatchers(keys.matchers());
        ssl.setSSLParameters(p);
        // RFC 7301 §3.2: the server picks; JSSE sends no_application_protocol when the selector returns null
        ssl.setHandshakeApplicationProtocolSelector(alpn);
        return ssl;
    }

    /** The {@code Strict-Transport-Security} value every response over TLS carries (RFC 6797 §6.1). */
    public String hstsValue() {
        return hsts.value();
    }
}
