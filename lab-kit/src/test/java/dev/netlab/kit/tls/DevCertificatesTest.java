package dev.netlab.kit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Peer;
import dev.netlab.kit.Peer.PeerResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCertificatesTest {
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path folder;
    static DevCertificates certificates;

    @BeforeAll
    static void makeCertificates() {
        certificates = DevCertificates.in(folder);
    }

    @Test
    @DisplayName("openssl s_client verifies the server's chain and name against ca.crt over TLS 1.3")
    void opensslVerifiesTheServer() throws Exception {
        Peer openssl = Peer.require("openssl");
        try (TinyHttpsServer server = TinyHttpsServer.start(certificates.serverContext(), false)) {
            byte[] request = "GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            PeerResult result = openssl.run(PEER_TIMEOUT, request, "s_client",
                    "-connect", "127.0.0.1:" + server.port(), "-CAfile", certificates.caCertificate().toString(),
                    "-verify_return_error", "-servername", "localhost", "-verify_hostname", "localhost",
                    "-ign_eof").assertSuccess();

            assertThat(result.stdout()).contains("Verify return code: 0 (ok)", "TLSv1.3", TinyHttpsServer.BODY);
            assertThat(server.requestLines()).containsExactly("GET /hello HTTP/1.1");
        }
    }

    @Test
    @DisplayName("curl fetches https://localhost:P/ with --cacert ca.crt, and refuses it with the system CAs")
    void curlTrustsTheDevCaOnlyWhenTold() throws Exception {
        Peer curl = Peer.require("curl");
        try (TinyHttpsServer server = TinyHttpsServer.start(certificates.serverContext(), false)) {
            String url = "https://localhost:" + server.port() + "/";
            PeerResult trusted = curl.run(PEER_TIMEOUT, "-sS", "--cacert", certificates.caCertificate().toString(), url);
            PeerResult untrusted = curl.run(PEER_TIMEOUT, "-sS", url);

            assertThat(trusted.assertSuccess().stdout()).isEqualTo(TinyHttpsServer.BODY);
            assertThat(untrusted.exitCode()).as("curl's exit code 60: peer certificate cannot be authenticated")
                    .isEqualTo(60);
        }
    }

    @Test
    @DisplayName("a JDK client with clientContext() connects over TLS 1.3; one trusting only the system CAs fails")
    void jdkClientTrustsOnlyTheDevCa() throws Exception {
        try (TinyHttpsServer server = TinyHttpsServer.start(certificates.serverContext(), false)) {
            assertThat(HttpsClient.handshake(certificates.clientContext(), server.port())).isEqualTo("TLSv1.3");
            assertThat(HttpsClient.get(certificates.clientContext(), server.port(), "/"))
                    .startsWith("HTTP/1.1 200 OK").endsWith(TinyHttpsServer.BODY);

            assertThatThrownBy(() -> HttpsClient.handshake(SSLContext.getDefault(), server.port()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("PKIX path building failed");
        }
    }

    @Test
    @DisplayName("the server certificate: ECDSA P-256, SANs localhost/127.0.0.1/::1, serverAuth, about a year, signed by the CA")
    void serverCertificateProfile() throws Exception {
        ServerIdentity server = certificates.server();
        X509Certificate leaf = server.certificate();
        X509Certificate ca = certificates.ca();

        assertThat(leaf.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(leaf.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // id-kp-serverAuth
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(364), Duration.ofDays(366));
        assertThat(leaf.getNotBefore().toInstant()).isBefore(Instant.now());
        leaf.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).as("CA with path length 0").isZero();
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(leaf.getSerialNumber()).isNotEqualTo(ca.getSerialNumber());
        assertThat(server.chain()).containsExactly(leaf, ca);
    }

    @Test
    @DisplayName("files: ca.crt, server.crt, server.key (PKCS#8) and server.p12 that openssl and the JDK read")
    void filesOnDisk() throws Exception {
        Peer openssl = Peer.require("openssl");
        ServerIdentity server = certificates.server();
        assertThat(server.certificateFile()).isEqualTo(folder.resolve("server.crt"));
        assertThat(server.privateKeyFile()).isEqualTo(folder.resolve("server.key"));
        assertThat(certificates.caCertificate()).isEqualTo(folder.resolve("ca.crt"));
        assertThat(Files.readString(server.privateKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----");

        assertThat(openssl.run(PEER_TIMEOUT, "verify", "-CAfile", certificates.caCertificate().toString(),
                server.certificateFile().toString()).assertSuccess().stdout()).contains(": OK");
        openssl.run(PEER_TIMEOUT, "pkey", "-in", server.privateKeyFile().toString(), "-noout").assertSuccess();
        String fingerprint = openssl.run(PEER_TIMEOUT, "x509", "-in", certificates.caCertificate().toString(),
                "-noout", "-fingerprint", "-sha256").assertSuccess().stdout().trim();
        assertThat(fingerprint).endsWith("=" + certificates.caFingerprint());

        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server.keyStoreFile())) {
            p12.load(in, ServerIdentity.KEYSTORE_PASSWORD.toCharArray());
        }
        assertThat(p12.getCertificateChain(ServerIdentity.ALIAS)).containsExactly(server.certificate(), certificates.ca());
        assertThat(p12.getKey(ServerIdentity.ALIAS, ServerIdentity.KEYSTORE_PASSWORD.toCharArray()))
                .isEqualTo(server.privateKey());
    }

    @Test
    @DisplayName("RSA 2048 on request, for other names in separate files")
    void rsaIdentity() throws Exception {
        ServerIdentity rsa = certificates.server(KeyType.RSA_2048, "localhost", "10.92.1.2");
        assertThat(rsa.certificate().getPublicKey()).isInstanceOfSatisfying(RSAPublicKey.class,
                key -> assertThat(key.getModulus().bitLength()).isEqualTo(2048));
        assertThat(rsa.certificateFile().getFileName()).hasToString("server-localhost_10.92.1.2-rsa.crt");
        try (TinyHttpsServer server = TinyHttpsServer.start(rsa.sslContext(), false)) {
            assertThat(HttpsClient.handshake(certificates.clientContext(), server.port())).isEqualTo("TLSv1.3");
        }
    }

    @Test
    @DisplayName("the CA is name-constrained: no certificate for a public name")
    void refusesPublicNames() {
        assertThatThrownBy(() -> certificates.server("www.example.net.evil.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("may not certify");
        assertThatThrownBy(() -> certificates.server("8.8.8.8"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(certificates.server("api.localhost", "app.test", "192.168.1.1", "fd00::1").names())
                .hasSize(4);
    }

    @Test
    @DisplayName("a second DevCertificates.in(dir) re-uses the CA and server files without regenerating them")
    void reusesValidFiles(@TempDir Path dir) throws Exception {
        DevCertificates first = DevCertificates.in(dir);
        ServerIdentity firstServer = first.server();
        byte[] caFile = Files.readAllBytes(first.caCertificate());
        byte[] serverFile = Files.readAllBytes(firstServer.certificateFile());

        DevCertificates second = DevCertificates.in(dir);
        ServerIdentity secondServer = second.server();

        assertThat(second.caFingerprint()).isEqualTo(first.caFingerprint());
        assertThat(Files.readAllBytes(second.caCertificate())).isEqualTo(caFile);
        assertThat(secondServer.certificate().getSerialNumber()).isEqualTo(firstServer.certificate().getSerialNumber());
        assertThat(Files.readAllBytes(secondServer.certificateFile())).isEqualTo(serverFile);
    }

    @Test
    @DisplayName("a broken server.crt or a new CA makes a new server certificate")
    void replacesInvalidFiles(@TempDir Path dir) throws Exception {
        DevCertificates certs = DevCertificates.in(dir);
        ServerIdentity original = certs.server();
        Files.writeString(dir.resolve("server.crt"), "not a certificate");
        ServerIdentity repaired = DevCertificates.in(dir).server();
        assertThat(repaired.certificate().getSerialNumber()).isNotEqualTo(original.certificate().getSerialNumber());

        Files.delete(dir.resolve("ca.key"));
        DevCertificates newCa = DevCertificates.in(dir);
        ServerIdentity reissued = newCa.server();
        assertThat(newCa.caFingerprint()).isNotEqualTo(certs.caFingerprint());
        reissued.certificate().verify(newCa.ca().getPublicKey());
        assertThat(reissued.certificate().getSerialNumber()).isNotEqualTo(repaired.certificate().getSerialNumber());
    }

    @Test
    @DisplayName("threads making the certificates of one empty folder at once all get the same CA")
    void concurrentCreation(@TempDir Path dir) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<String> make = () -> DevCertificates.in(dir).server().certificate().getIssuerX500Principal()
                        + DevCertificates.in(dir).caFingerprint();
                results.add(pool.submit(make));
            }
            String expected = results.get(0).get();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
    }

    @Test
    @DisplayName("-Dnetlab.tls.dir chooses the folder of standard(); otherwise ~/.netlab/tls or target/lab/tls")
    void standardDirectory(@TempDir Path dir) {
        String before = System.getProperty(DevCertificates.DIR_PROPERTY);
        try {
            System.setProperty(DevCertificates.DIR_PROPERTY, dir.toString());
            assertThat(DevCertificates.standardDirectory()).isEqualTo(dir.toAbsolutePath());
            System.clearProperty(DevCertificates.DIR_PROPERTY);
            assertThat(DevCertificates.standardDirectory()).satisfiesAnyOf(
                    d -> assertThat(d).isEqualTo(Path.of(System.getProperty("user.home"), ".netlab", "tls")),
                    d -> assertThat(d).isEqualTo(dev.netlab.kit.Lab.labDir().resolve("tls")));
        } finally {
            if (before != null) {
                System.setProperty(DevCertificates.DIR_PROPERTY, before);
            }
        }
    }
}
