package dev.netlab.tls.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Peer;
import dev.netlab.kit.tls.ServerIdentity;
import dev.netlab.tls.TestPki;
import dev.netlab.tls.TestPki.Issued;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint 4.11: mutual TLS, refused with the right alert, mapped to an identity.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference:
 * "want" instead of "need" (a client without a certificate gets in anonymously); the identity
 * taken from the server's own certificate ({@code getLocalCertificates()}) instead of the
 * verified peer's; the subject's whole string form instead of its CN; the fingerprint of the
 * public key instead of the certificate; a server certificate accepted as a client certificate
 * (the extKeyUsage check skipped: its EKU says serverAuth).
 */
@Checkpoint(id = "4.11", title = "Mutual TLS: client certificates verified and mapped to identities",
        edit = {"dev/netlab/tls/server/ClientIdentities.java", "dev/netlab/tls/trust/PathValidator.java"},
        hint = "NEED sets needClientAuth; the trust manager (your PathValidator, purpose CLIENT) refuses; identify() reads the CN of session.getPeerCertificates()[0]",
        readme = "#mutual-tls")
class MutualTlsTest {
    private static HttpsServer start(ClientIdentities.Mode mode) throws Exception {
        ClientIdentities identities = new ClientIdentities(mode);
        return TestHttps.start(new HttpsServer.Options(p -> identities.apply(TlsPolicy.apply(p)), null, identities,
                new HandshakeCounter(), Hsts.oneYear(), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    @Test
    @DisplayName("curl --cert alice: 'hello, alice'; the fingerprint is openssl's SHA-256 of the certificate")
    void alice() throws Exception {
        ServerIdentity alice = TestHttps.CERTS.client("alice");
        try (HttpsServer server = start(ClientIdentities.Mode.NEED)) {
            Peer.PeerResult r = Peer.require("curl").run(TestHttps.TIMEOUT, "-s", "--cacert", TestHttps.CERTS.caCertificate().toString(),
                    "--cert", alice.certificateFile().toString(), "--key", alice.privateKeyFile().toString(),
                    "https://localhost:" + server.port() + "/").assertSuccess();
            assertThat(r.stdout()).contains("hello, alice");
        }
        String openssl = Peer.require("openssl").run(TestHttps.TIMEOUT, "x509", "-noout", "-fingerprint", "-sha256", "-in",
                alice.certificateFile().toString()).assertSuccess().stdout().trim();
        ClientIdentity identity = ClientIdentities.identify(alice.certificate());
        assertThat(identity.name()).isEqualTo("alice");
        assertThat(openssl).endsWith("=" + identity.fingerprint());
    }

    @Test
    @DisplayName("RFC 8446 §4.4.2.4: no certificate is certificate_required (116); another CA's and a server certificate are refused (JSSE servers say certificate_unknown, 46)")
    void refusals(@TempDir Path dir) throws Exception {
        Issued mallory = TestPki.issue(TestPki.spec().cn("mallory").purpose(KeyPurposeId.id_kp_clientAuth), null);
        Path crt = Files.writeString(dir.resolve("mallory.crt"), TestPki.pem(mallory.certificate()));
        Path key = Files.writeString(dir.resolve("mallory.key"), TestPki.pkcs8(mallory.privateKey()));
        ServerIdentity server = TestHttps.CERTS.server();
        try (HttpsServer https = start(ClientIdentities.Mode.NEED)) {
            Peer.PeerResult none = TestHttps.sClient(https.port());
            assertThat(none.stdout() + none.stderr()).contains("certificate required").contains("alert number 116");
            Peer.PeerResult stranger = TestHttps.sClient(https.port(), "-cert", crt.toString(), "-key", key.toString());
            // A JSSE server sends certificate_unknown for every refused client certificate; a JSSE
            // client picks the alert from the TrustFailure's reason (unknown_ca here).
            assertThat(stranger.stdout() + stranger.stderr()).contains("certificate unknown").contains("alert number 46")
                    .doesNotContain("hello, mallory");
            Peer.PeerResult wrongPurpose = TestHttps.sClient(https.port(), "-cert", server.certificateFile().toString(),
                    "-key", server.privateKeyFile().toString());
            assertThat(wrongPurpose.stdout() + wrongPurpose.stderr()).contains("SSL alert number").doesNotContain("hello, localhost");
        }
    }

    @Test
    @DisplayName("the JDK's HttpClient with alice's identity gets in; WANT lets a client without a certificate in, anonymously")
    void jdkAndWant() throws Exception {
        try (HttpsServer server = start(ClientIdentities.Mode.NEED);
                HttpClient client = HttpClient.newBuilder().sslContext(TestHttps.CERTS.client("alice").sslContext())
                        .version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("hello, alice");
        }
        try (HttpsServer server = start(ClientIdentities.Mode.WANT)) {
            Peer.PeerResult r = Peer.require("curl").run(TestHttps.TIMEOUT, "-s", "--cacert", TestHttps.CERTS.caCertificate().toString(),
                    "https://localhost:" + server.port() + "/").assertSuccess();
            assertThat(r.stdout()).contains("anonymous");
        }
        assertThat(new ClientIdentities(ClientIdentities.Mode.NEED).apply(new javax.net.ssl.SSLParameters()).getNeedClientAuth()).isTrue();
        assertThat(new ClientIdentities(ClientIdentities.Mode.WANT).apply(new javax.net.ssl.SSLParameters()).getWantClientAuth()).isTrue();
    }
}
