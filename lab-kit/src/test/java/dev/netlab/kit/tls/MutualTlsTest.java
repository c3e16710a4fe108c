package dev.netlab.kit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Peer;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 8446 §4.3.2/§4.4.2: a server that sends CertificateRequest and requires a client certificate. */
class MutualTlsTest {
    @TempDir
    static Path folder;
    static DevCertificates certificates;

    @BeforeAll
    static void makeCertificates() {
        certificates = DevCertificates.in(folder);
    }

    @Test
    @DisplayName("with a client identity signed by the dev CA the request goes through and the server sees CN=learner")
    void clientCertificateAccepted() throws Exception {
        ServerIdentity learner = certificates.client("learner");
        assertThat(learner.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // id-kp-clientAuth

        try (TinyHttpsServer server = TinyHttpsServer.start(certificates.server().sslContext(), true)) {
            String response = HttpsClient.get(learner.sslContext(), server.port(), "/whoami");

            assertThat(response).startsWith("HTTP/1.1 200 OK");
            assertThat(server.clients()).singleElement().asString().contains("CN=learner");
        }
    }

    @Test
    @DisplayName("without a client certificate the handshake fails on both sides")
    void noClientCertificateRejected() throws Exception {
        try (TinyHttpsServer server = TinyHttpsServer.start(certificates.server().sslContext(), true)) {
            // In TLS 1.3 the client finishes its side of the handshake before the server checks the
            // (empty) Certificate: the client then sees the certificate_required alert on its first
            // read (SSLException), or a reset when its request meets the closed connection.
            assertThatThrownBy(() -> HttpsClient.get(certificates.clientContext(), server.port(), "/whoami"))
                    .isInstanceOfAny(SSLException.class, SocketException.class);

            assertThat(server.awaitFailures(1, Duration.ofSeconds(10))).singleElement()
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(server.requestLines()).isEmpty();
        }
    }

    @Test
    @DisplayName("curl --cert client.crt --key client.key is accepted too")
    void curlWithClientCertificate() throws Exception {
        Peer curl = Peer.require("curl");
        ServerIdentity learner = certificates.client("curl user");
        try (TinyHttpsServer server = TinyHttpsServer.start(certificates.server().sslContext(), true)) {
            String body = curl.run(Duration.ofSeconds(30), "-sS", "--cacert", certificates.caCertificate().toString(),
                    "--cert", learner.certificateFile().toString(), "--key", learner.privateKeyFile().toString(),
                    "https://localhost:" + server.port() + "/").assertSuccess().stdout();

            assertThat(body).isEqualTo(TinyHttpsServer.BODY);
            assertThat(server.clients()).singleElement().asString().contains("CN=curl user");
        }
    }
}
