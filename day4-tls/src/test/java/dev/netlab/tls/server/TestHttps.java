package dev.netlab.tls.server;

import dev.netlab.kit.Peer;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.tls.http.SiteHandler;
import dev.netlab.tls.pem.ServerCredentials;
import dev.netlab.tls.trust.LabTrustManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** The learner's HTTPS server in this JVM with the lab CA's certificates, and openssl/curl pointed at it. */
final class TestHttps {
    private TestHttps() {}

    static final DevCertificates CERTS = DevCertificates.standard();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    static ServerCredentials credentials(String... names) throws Exception {
        var identity = names.length == 0 ? CERTS.server() : CERTS.server(names);
        return ServerCredentials.load(identity.certificateFile(), identity.privateKeyFile(), List.of(CERTS.ca()), Clock.systemUTC());
    }

    /** A context with {@code keys} and the learner's trust manager over the lab CA. */
    static SSLContext context(KeyManager keys) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keys}, new TrustManager[] {LabTrustManager.of(List.of(CERTS.ca()))}, null);
        return context;
    }

    /** The server on localhost's credentials with {@code options}. */
    static HttpsServer start(HttpsServer.Options options) throws Exception {
        return start(options, HttpsServer.DEFAULT_MAX_CONNECTIONS);
    }

    /** The same, serving at most {@code maxConnections} connections at once. */
    static HttpsServer start(HttpsServer.Options options, int maxConnections) throws Exception {
        SniKeyManager keys = new SniKeyManager(Map.of("localhost", credentials()), "localhost", false);
        return HttpsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), context(keys), new SiteHandler(), options,
                maxConnections);
    }

    static HttpsServer.Options options() {
        return new HttpsServer.Options(TlsPolicy::apply, new AlpnSelector(List.of("http/1.1")), null, new HandshakeCounter(),
                Hsts.oneYear(), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /**
     * {@code openssl s_client -connect 127.0.0.1:port -CAfile ca.crt -ign_eof args...} sending one
     * {@code GET /} with {@code Connection: close}: it reads until the server closes, so it sees
     * alerts sent after its side of the handshake and TLS 1.3 tickets sent after the first.
     */
    static Peer.PeerResult sClient(int port, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + port,
                "-CAfile", CERTS.caCertificate().toString(), "-ign_eof"));
        all.addAll(List.of(args));
        return Peer.require("openssl").run(TIMEOUT, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(),
                all.toArray(String[]::new));
    }
}
