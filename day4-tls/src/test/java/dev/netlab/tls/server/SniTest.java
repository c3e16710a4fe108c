package dev.netlab.tls.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.tls.http.SiteHandler;
import dev.netlab.tls.pem.ServerCredentials;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 4.08: one port, three host names, a certificate each (RFC 6066 §3).
 *
 * <p>Learner mistakes this catches (each checked once against a hand-made mutant of the reference):
 * reading the SNI from the wrong session (getSession() blocks for a handshake in progress: use the
 * handshake session); comparing names case-sensitively; returning an alias for a key type the
 * handshake cannot use; no default for a client without SNI; refusing unknown names without being
 * asked to, or ignoring the refusal setting (no SNIMatcher).
 */
@Checkpoint(id = "4.08", title = "SNI: a certificate per host name, unknown names by configuration",
        edit = "dev/netlab/tls/server/SniKeyManager.java",
        hint = "chooseServerAlias: ((ExtendedSSLSession) socket.getHandshakeSession()).getRequestedServerNames(); refusing needs an SNIMatcher in the SSLParameters",
        readme = "#sni")
class SniTest {
    private static HttpsServer start(boolean refuseUnknown) throws Exception {
        Map<String, ServerCredentials> hosts = new LinkedHashMap<>();
        hosts.put("localhost", TestHttps.credentials());
        hosts.put("a.test", TestHttps.credentials("a.test"));
        hosts.put("b.test", TestHttps.credentials("b.test"));
        SniKeyManager keys = new SniKeyManager(hosts, "localhost", refuseUnknown);
        HttpsServer.Options options = new HttpsServer.Options(p -> {
            TlsPolicy.apply(p);
            p.setSNIMatchers(keys.matchers());
            return p;
        }, null, null, new HandshakeCounter(), Hsts.oneYear(), java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(10));
        return HttpsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TestHttps.context(keys), new SiteHandler(), options);
    }

    private static String subject(Peer.PeerResult r) {
        return r.stdout().lines().filter(l -> l.startsWith("subject=")).findFirst().orElse("(no certificate) " + r.stdout() + r.stderr());
    }

    @Test
    @DisplayName("openssl -servername a.test / b.test / A.TEST gets that name's certificate; no SNI or an unknown name gets localhost's")
    void certificatePerName() throws Exception {
        try (HttpsServer server = start(false)) {
            Evidence.current().reproduce("openssl s_client -connect 127.0.0.1:" + server.port() + " -servername a.test");
            assertThat(subject(TestHttps.sClient(server.port(), "-servername", "a.test"))).endsWith("CN = a.test");
            assertThat(subject(TestHttps.sClient(server.port(), "-servername", "b.test"))).endsWith("CN = b.test");
            assertThat(subject(TestHttps.sClient(server.port(), "-servername", "A.TEST"))).endsWith("CN = a.test");
            assertThat(subject(TestHttps.sClient(server.port(), "-noservername"))).endsWith("CN = localhost");
            Peer.PeerResult unknown = TestHttps.sClient(server.port(), "-servername", "c.test");
            assertThat(subject(unknown)).endsWith("CN = localhost");
            assertThat(unknown.stdout()).contains("Verify return code: 0 (ok)");
            Peer.PeerResult curl = Peer.require("curl").run(TestHttps.TIMEOUT, "-s", "--cacert", TestHttps.CERTS.caCertificate().toString(),
                    "--resolve", "b.test:" + server.port() + ":127.0.0.1", "https://b.test:" + server.port() + "/").assertSuccess();
            assertThat(curl.stdout()).contains("<td id=\"SNI\">b.test");
        }
    }

    @Test
    @DisplayName("refusing unknown names: c.test gets the unrecognized_name alert (112); known names and no SNI still work")
    void refuseUnknown() throws Exception {
        try (HttpsServer server = start(true)) {
            Peer.PeerResult unknown = TestHttps.sClient(server.port(), "-servername", "c.test");
            assertThat(unknown.stdout() + unknown.stderr()).contains("unrecognized name").contains("alert number 112");
            assertThat(subject(TestHttps.sClient(server.port(), "-servername", "a.test"))).endsWith("CN = a.test");
            assertThat(subject(TestHttps.sClient(server.port(), "-noservername"))).endsWith("CN = localhost");
        }
    }

    @Test
    @DisplayName("hostFor: the first known host name, case-insensitive, else the default")
    void hostFor() throws Exception {
        SniKeyManager keys = new SniKeyManager(Map.of("localhost", TestHttps.credentials(), "a.test", TestHttps.credentials("a.test")),
                "localhost", false);
        assertThat(keys.hostFor(List.of(new SNIHostName("A.Test")))).isEqualTo("a.test");
        assertThat(keys.hostFor(List.of(new SNIHostName("zzz.test")))).isEqualTo("localhost");
        assertThat(keys.hostFor(List.of())).isEqualTo("localhost");
        assertThat(keys.getCertificateChain("a.test")[0].getSubjectX500Principal().getName()).contains("CN=a.test");
        assertThat(keys.matchers()).isEmpty();
    }
}
