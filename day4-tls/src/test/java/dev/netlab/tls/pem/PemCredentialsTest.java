package dev.netlab.tls.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.tls.KeyType;
import dev.netlab.kit.tls.ServerIdentity;
import dev.netlab.tls.TestPki;
import dev.netlab.tls.TestPki.Issued;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checkpoint 4.01: PEM blocks, PKCS#8 keys, a chain into an SSLContext.
 *
 * <p>Learner mistakes this catches (each checked once against a hand-made mutant of the reference):
 * <ul>
 *   <li>decoding the whole file as base64 (the BEGIN/END lines and the text around them are not base64);</li>
 *   <li>accepting an END line with another label, or a BEGIN that never ends;</li>
 *   <li>trusting the file's key type (the PKCS#8 AlgorithmIdentifier says RSA or EC) or accepting PKCS#1/SEC 1 keys silently;</li>
 *   <li>not checking the key belongs to the first certificate (the server would start and fail every handshake);</li>
 *   <li>skipping the validity dates (an expired chain loads), or comparing them with the wrong clock;</li>
 *   <li>accepting a chain that stops at an intermediate's child (the missing intermediate), or one out of order.</li>
 * </ul>
 * Killed since the PIT run of 2026-12-06: "issued by" decided by the names alone, the signature not
 * verified ({@code sameNameOtherKey}); 64 blocks or 1 MiB of text refused ({@code limits}). Left
 * alone: the line, column and certificate numbers a message reports, and the message's wording; a
 * character check skipped for base64 (the decoder refuses the same characters); the label's
 * characters (the stub's contract does not ask for a check, and '~' refused is only stricter); the
 * boundary's length check (a line that starts with "-----BEGIN " and ends with five dashes is long
 * enough), or an empty label refused.
 */
@Checkpoint(id = "4.01", title = "PEM and PKCS#8: a chain and a key into an SSLContext",
        edit = {"dev/netlab/tls/pem/PemReader.java", "dev/netlab/tls/pem/ServerCredentials.java"},
        hint = "BEGIN label / base64 / END same label; an EC or RSA KeyFactory reads PKCS#8; sign a probe to match the key; each cert issued by the next, the last by an anchor",
        readme = "#pem-and-pkcs8")
class PemCredentialsTest {
    private static final DevCertificates CERTS = DevCertificates.standard();
    private static final List<X509Certificate> LAB_CA = List.of(CERTS.ca());

    @ParameterizedTest(name = "{0}")
    @EnumSource(KeyType.class)
    @DisplayName("the lab's server.crt and PKCS#8 server.key (EC and RSA) become an SSLContext a client completes a handshake with")
    void kitIdentityServes(KeyType type) throws Exception {
        ServerIdentity identity = type == KeyType.EC_P256 ? CERTS.server() : CERTS.server(KeyType.RSA_2048, "localhost", "127.0.0.1");
        ServerCredentials credentials = ServerCredentials.load(identity.certificateFile(), identity.privateKeyFile(),
                LAB_CA, Clock.systemUTC());
        assertThat(credentials.chain()).containsExactly(identity.certificate());
        assertThat(credentials.privateKey().getAlgorithm()).isEqualTo(type.algorithm());
        assertThat(credentials.keyStore().getCertificateChain(ServerCredentials.ALIAS)).hasSize(1);
        try (SSLServerSocket server = (SSLServerSocket) credentials.sslContext(null).getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (SSLSocket s = (SSLSocket) server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("ok".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception ignored) {
                    // the client's assertion reports it
                }
            });
            try (SSLSocket client = (SSLSocket) CERTS.clientContext().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                client.setSoTimeout(10_000);
                InputStream in = client.getInputStream();
                assertThat(new String(in.readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("ok");
                assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(identity.certificate());
            }
        }
    }

    @Test
    @DisplayName("RFC 7468: text around blocks is ignored, CRLF and spaces inside base64 are fine, labels are kept")
    void laxPem() throws Exception {
        Issued root = TestPki.root("pem root");
        String base64 = Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(root.certificate().getEncoded());
        String text = "Subject: a test root\nissuer: itself\r\n-----BEGIN CERTIFICATE-----\r\n" + base64.replace("\r\n", " \r\n")
                + "\r\n-----END CERTIFICATE-----\r\ntrailing words\n-----BEGIN X509 CRL-----\nAAEC\n-----END X509 CRL-----\n";
        List<PemBlock> blocks = PemReader.read(text);
        assertThat(blocks).extracting(PemBlock::label).containsExactly("CERTIFICATE", "X509 CRL");
        assertThat(blocks.get(0).der()).isEqualTo(root.certificate().getEncoded());
        assertThat(blocks.get(1).der()).containsExactly(0, 1, 2);
        assertThat(PemReader.read(text, "CERTIFICATE")).hasSize(1);
        assertThat(PemReader.read("no blocks here\n")).isEmpty();
    }

    @Test
    @DisplayName("malformed PEM is MALFORMED_PEM: END with another label, a BEGIN without END, a character outside base64, END first")
    void malformedPem() {
        String body = "MIIB\n";
        for (String text : List.of(
                "-----BEGIN CERTIFICATE-----\n" + body + "-----END PRIVATE KEY-----\n",
                "-----BEGIN CERTIFICATE-----\n" + body,
                "-----BEGIN CERTIFICATE-----\nMII!\n-----END CERTIFICATE-----\n",
                "-----END CERTIFICATE-----\n",
                "-----BEGIN CERTIFICATE-----\n" + body + "-----BEGIN CERTIFICATE-----\n" + body + "-----END CERTIFICATE-----\n",
                "-----BEGIN CERTIFICATE-----\nMIIBA===\n-----END CERTIFICATE-----\n")) {
            assertThatThrownBy(() -> PemReader.read(text)).as(text).isInstanceOf(CredentialException.class)
                    .extracting("problem").isEqualTo(CredentialProblem.MALFORMED_PEM);
        }
    }

    @Test
    @DisplayName("PKCS#1 'RSA PRIVATE KEY' and SEC 1 'EC PRIVATE KEY' are UNSUPPORTED_KEY (with the openssl command); no key block is NO_PRIVATE_KEY")
    void keyForms() {
        Issued rsa = TestPki.issue(TestPki.spec().rsa(), null);
        Issued ec = TestPki.issue(TestPki.spec(), null);
        assertThat(TestPki.traditional(rsa.privateKey())).contains("BEGIN RSA PRIVATE KEY");
        for (String pem : List.of(TestPki.traditional(rsa.privateKey()), TestPki.traditional(ec.privateKey()))) {
            assertThatThrownBy(() -> ServerCredentials.privateKey(pem)).isInstanceOf(CredentialException.class)
                    .hasMessageContaining("openssl pkcs8").extracting("problem").isEqualTo(CredentialProblem.UNSUPPORTED_KEY);
        }
        assertThatThrownBy(() -> ServerCredentials.privateKey(TestPki.pem(ec.certificate()))).isInstanceOf(CredentialException.class)
                .extracting("problem").isEqualTo(CredentialProblem.NO_PRIVATE_KEY);
        assertThatThrownBy(() -> ServerCredentials.certificates(TestPki.pkcs8(ec.privateKey()))).isInstanceOf(CredentialException.class)
                .extracting("problem").isEqualTo(CredentialProblem.NO_CERTIFICATE);
    }

    @Test
    @DisplayName("a key that is not the certificate's (same algorithm, or another one) is KEY_MISMATCH")
    void keyMismatch() throws Exception {
        ServerIdentity server = CERTS.server();
        String chain = Files.readString(server.certificateFile());
        String otherEc = Files.readString(CERTS.client("mallory").privateKeyFile());
        String rsa = TestPki.pkcs8(TestPki.keyPair(true).getPrivate());
        for (String key : List.of(otherEc, rsa)) {
            assertThatThrownBy(() -> ServerCredentials.of(chain, key, LAB_CA, Clock.systemUTC()))
                    .isInstanceOf(CredentialException.class).extracting("problem").isEqualTo(CredentialProblem.KEY_MISMATCH);
        }
    }

    @Test
    @DisplayName("validity is checked at the given clock: EXPIRED after notAfter, NOT_YET_VALID before notBefore")
    void dates() throws Exception {
        Issued root = TestPki.root("dates root");
        Instant from = Instant.parse("2030-01-01T00:00:00Z");
        Issued leaf = TestPki.issue(TestPki.spec().dns("localhost").valid(from, from.plus(Duration.ofDays(10))), root);
        String chain = TestPki.pem(leaf.certificate());
        String key = TestPki.pkcs8(leaf.privateKey());
        List<X509Certificate> anchors = List.of(root.certificate());
        assertThat(ServerCredentials.of(chain, key, anchors, at(from.plus(Duration.ofDays(5)))).chain()).hasSize(1);
        assertThatThrownBy(() -> ServerCredentials.of(chain, key, anchors, at(from.plus(Duration.ofDays(11)))))
                .isInstanceOf(CredentialException.class).extracting("problem").isEqualTo(CredentialProblem.EXPIRED);
        assertThatThrownBy(() -> ServerCredentials.of(chain, key, anchors, at(from.minusSeconds(1))))
                .isInstanceOf(CredentialException.class).extracting("problem").isEqualTo(CredentialProblem.NOT_YET_VALID);
    }

    @Test
    @DisplayName("root → intermediate → leaf: leaf alone is INCOMPLETE_CHAIN, intermediate first is CHAIN_ORDER, leaf + intermediate loads")
    void intermediates() throws Exception {
        Issued root = TestPki.root("chain root");
        Issued intermediate = TestPki.issue(TestPki.spec().cn("chain intermediate").ca(0), root);
        Issued leaf = TestPki.issue(TestPki.spec().cn("localhost").dns("localhost"), intermediate);
        String key = TestPki.pkcs8(leaf.privateKey());
        List<X509Certificate> anchors = List.of(root.certificate());
        ServerCredentials ok = ServerCredentials.of(TestPki.pem(leaf.certificate(), intermediate.certificate()), key, anchors, Clock.systemUTC());
        assertThat(ok.chain()).containsExactly(leaf.certificate(), intermediate.certificate());
        assertThat(ok.keyStore().getCertificateChain(ServerCredentials.ALIAS)).hasSize(2);
        assertThat(ServerCredentials.of(TestPki.pem(leaf.certificate(), intermediate.certificate(), root.certificate()), key, anchors,
                Clock.systemUTC()).chain()).as("the root may be sent too").hasSize(3);
        assertThatThrownBy(() -> ServerCredentials.of(TestPki.pem(leaf.certificate()), key, anchors, Clock.systemUTC()))
                .isInstanceOf(CredentialException.class).extracting("problem").isEqualTo(CredentialProblem.INCOMPLETE_CHAIN);
        assertThatThrownBy(() -> ServerCredentials.of(TestPki.pem(intermediate.certificate(), leaf.certificate()), key, anchors, Clock.systemUTC()))
                .isInstanceOf(CredentialException.class).extracting("problem").isIn(CredentialProblem.CHAIN_ORDER, CredentialProblem.KEY_MISMATCH);
        assertThatThrownBy(() -> ServerCredentials.of(TestPki.pem(leaf.certificate(), root.certificate()), key, anchors, Clock.systemUTC()))
                .isInstanceOf(CredentialException.class).extracting("problem").isEqualTo(CredentialProblem.CHAIN_ORDER);
    }

    @Test
    @DisplayName("'issued by' is the signature, not only the name: an intermediate or an anchor with the right name and another key"
            + " is CHAIN_ORDER or INCOMPLETE_CHAIN (RFC 8446 §4.4.2: each certificate SHOULD directly certify the one before it)")
    void sameNameOtherKey() throws Exception {
        Issued root = TestPki.root("twin root");
        Issued twinRoot = TestPki.root("twin root"); // the same subject name, another key pair
        Issued intermediate = TestPki.issue(TestPki.spec().cn("twin intermediate").ca(0), root);
        Issued twinIntermediate = TestPki.issue(TestPki.spec().cn("twin intermediate").ca(0), root);
        Issued leaf = TestPki.issue(TestPki.spec().cn("localhost").dns("localhost"), intermediate);
        String key = TestPki.pkcs8(leaf.privateKey());
        assertThat(ServerCredentials.of(TestPki.pem(leaf.certificate(), intermediate.certificate()), key, List.of(root.certificate()),
                Clock.systemUTC()).chain()).hasSize(2);
        assertThatThrownBy(() -> ServerCredentials.of(TestPki.pem(leaf.certificate(), twinIntermediate.certificate()), key,
                List.of(root.certificate()), Clock.systemUTC())).as("the leaf's issuer name, another key")
                .isInstanceOf(CredentialException.class).extracting("problem").isEqualTo(CredentialProblem.CHAIN_ORDER);
        assertThatThrownBy(() -> ServerCredentials.of(TestPki.pem(leaf.certificate(), intermediate.certificate()), key,
                List.of(twinRoot.certificate()), Clock.systemUTC())).as("an anchor with the root's name, another key")
                .isInstanceOf(CredentialException.class).extracting("problem").isEqualTo(CredentialProblem.INCOMPLETE_CHAIN);
    }

    @Test
    @DisplayName("the limits, exactly: 64 blocks and 1 MiB of text are read, one block or one character more is MALFORMED_PEM")
    void limits() throws Exception {
        String block = "-----BEGIN DATA-----\nAAEC\n-----END DATA-----\n";
        assertThat(PemReader.read(block.repeat(PemReader.MAX_BLOCKS))).hasSize(64);
        assertThatThrownBy(() -> PemReader.read(block.repeat(PemReader.MAX_BLOCKS + 1))).isInstanceOf(CredentialException.class)
                .extracting("problem").isEqualTo(CredentialProblem.MALFORMED_PEM);
        String full = block + "x".repeat(PemReader.MAX_TEXT - block.length()); // explanatory text after the block
        assertThat(full).hasSize(1 << 20);
        assertThat(PemReader.read(full)).hasSize(1);
        assertThatThrownBy(() -> PemReader.read(full + "x")).isInstanceOf(CredentialException.class)
                .extracting("problem").isEqualTo(CredentialProblem.MALFORMED_PEM);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
