package dev.netlab.tls.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.tls.TestPki;
import dev.netlab.tls.TestPki.Issued;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkpoint 4.03: certification paths to an anchor (RFC 5280 §6) and host names (RFC 9525 §6),
 * each refusal named by its {@link TrustFailure}.
 *
 * <p>Learner mistakes this catches (each checked once against a hand-made mutant of the reference):
 * matching the issuer by name without checking the signature (a forged chain with the right
 * names passes); requiring the peer's certificates in order; checking dates on the leaf only;
 * not requiring basicConstraints cA on issuers (any leaf could sign); ignoring pathLen, keyUsage,
 * extKeyUsage or an unknown critical extension; skipping the lab CA's name constraints; letting
 * a wildcard match two labels, the bare domain, or a partial label; comparing an IP address with
 * dNSName entries; falling back to the common name.
 */
@Checkpoint(id = "4.03", title = "Trust: a path to the lab CA, host names, each refusal named",
        edit = {"dev/netlab/tls/trust/PathValidator.java", "dev/netlab/tls/trust/HostnameMatcher.java"},
        hint = "issuer name = next subject AND the signature verifies; then dates, cA, pathLen, keyUsage, EKU, name constraints; '*' is one whole left-most label",
        readme = "#trust-paths-and-host-names")
class TrustTest {
    private static final DevCertificates CERTS = DevCertificates.standard();
    private static final Clock NOW = Clock.systemUTC();

    private static TrustFailure failure(PathValidator validator, Purpose purpose, X509Certificate... presented) {
        try {
            List<X509Certificate> path = validator.validate(List.of(presented), purpose);
            throw new AssertionError("expected a refusal, got the path " + path.stream().map(c -> c.getSubjectX500Principal().getName()).toList());
        } catch (TrustException e) {
            return e.failure();
        }
    }

    @Test
    @DisplayName("the lab's server certificate validates to the lab CA for SERVER; the client certificate for CLIENT only")
    void labChain() throws TrustException {
        PathValidator validator = new PathValidator(List.of(CERTS.ca()), NOW);
        assertThat(validator.validate(List.of(CERTS.server().certificate()), Purpose.SERVER))
                .containsExactly(CERTS.server().certificate(), CERTS.ca());
        assertThat(validator.validate(List.of(CERTS.client("alice").certificate()), Purpose.CLIENT)).hasSize(2);
        assertThat(failure(validator, Purpose.SERVER, CERTS.client("alice").certificate())).isEqualTo(TrustFailure.WRONG_PURPOSE);
        assertThat(failure(validator, Purpose.CLIENT, CERTS.server().certificate())).isEqualTo(TrustFailure.WRONG_PURPOSE);
        assertThat(failure(validator, Purpose.SERVER)).isEqualTo(TrustFailure.NO_CERTIFICATE);
        assertThat(validator.validate(List.of(CERTS.server().certificate(), CERTS.ca()), Purpose.SERVER))
                .as("the anchor may be sent too").hasSize(2);
    }

    @Test
    @DisplayName("another CA is UNKNOWN_ISSUER; a missing intermediate too; sent out of order with a stranger, the path is still found")
    void building() throws TrustException {
        Issued root = TestPki.root("trust root");
        Issued intermediate = TestPki.issue(TestPki.spec().cn("trust intermediate").ca(0), root);
        Issued leaf = TestPki.issue(TestPki.spec().cn("leaf").dns("leaf.test"), intermediate);
        Issued stranger = TestPki.root("stranger");
        PathValidator validator = new PathValidator(List.of(root.certificate()), NOW);
        assertThat(failure(new PathValidator(List.of(CERTS.ca()), NOW), Purpose.SERVER, leaf.certificate(), intermediate.certificate()))
                .isEqualTo(TrustFailure.UNKNOWN_ISSUER);
        assertThat(failure(validator, Purpose.SERVER, leaf.certificate())).isEqualTo(TrustFailure.UNKNOWN_ISSUER);
        assertThat(validator.validate(List.of(leaf.certificate(), stranger.certificate(), intermediate.certificate()), Purpose.SERVER))
                .containsExactly(leaf.certificate(), intermediate.certificate(), root.certificate());
    }

    @Test
    @DisplayName("the right issuer name with the wrong key is BAD_SIGNATURE, not UNKNOWN_ISSUER")
    void forgedIssuer() {
        Issued root = TestPki.root("twin root");
        Issued twin = TestPki.root("twin root"); // same name, another key
        Issued leaf = TestPki.issue(TestPki.spec().dns("x.test"), twin);
        assertThat(failure(new PathValidator(List.of(root.certificate()), NOW), Purpose.SERVER, leaf.certificate()))
                .isEqualTo(TrustFailure.BAD_SIGNATURE);
    }

    @Test
    @DisplayName("dates of every certificate below the anchor: EXPIRED after notAfter, NOT_YET_VALID before notBefore, the intermediate's too")
    void dates() throws TrustException {
        Issued root = TestPki.root("dates root");
        Instant start = Instant.parse("2031-03-01T00:00:00Z");
        Issued intermediate = TestPki.issue(TestPki.spec().cn("short intermediate").ca(0).valid(start, start.plus(Duration.ofDays(5))), root);
        Issued leaf = TestPki.issue(TestPki.spec().dns("d.test").valid(start, start.plus(Duration.ofDays(50))), intermediate);
        X509Certificate[] chain = {leaf.certificate(), intermediate.certificate()};
        assertThat(new PathValidator(List.of(root.certificate()), at(start.plus(Duration.ofDays(1)))).validate(List.of(chain), Purpose.SERVER)).hasSize(3);
        assertThat(failure(new PathValidator(List.of(root.certificate()), at(start.plus(Duration.ofDays(6)))), Purpose.SERVER, chain))
                .as("the leaf is valid, its intermediate expired").isEqualTo(TrustFailure.EXPIRED);
        assertThat(failure(new PathValidator(List.of(root.certificate()), at(start.minusSeconds(60))), Purpose.SERVER, chain))
                .isEqualTo(TrustFailure.NOT_YET_VALID);
    }

    @Test
    @DisplayName("issuers must be CAs (NOT_A_CA), within pathLen (PATH_TOO_LONG), with keyCertSign (KEY_USAGE); the leaf's keyUsage allows signing")
    void constraints() {
        Issued root = TestPki.root("constraint root");
        PathValidator validator = new PathValidator(List.of(root.certificate()), NOW);
        Issued notCa = TestPki.issue(TestPki.spec().cn("just a leaf").dns("a.test"), root);
        Issued signedByLeaf = TestPki.issue(TestPki.spec().dns("b.test"), notCa);
        assertThat(failure(validator, Purpose.SERVER, signedByLeaf.certificate(), notCa.certificate())).isEqualTo(TrustFailure.NOT_A_CA);

        Issued zero = TestPki.issue(TestPki.spec().cn("pathlen zero").ca(0), root);
        Issued below = TestPki.issue(TestPki.spec().cn("one too many").ca(-1), zero);
        Issued leaf = TestPki.issue(TestPki.spec().dns("c.test"), below);
        assertThat(failure(validator, Purpose.SERVER, leaf.certificate(), below.certificate(), zero.certificate()))
                .isEqualTo(TrustFailure.PATH_TOO_LONG);

        Issued noCertSign = TestPki.issue(TestPki.spec().cn("no keyCertSign").ca(-1).keyUsage(KeyUsage.digitalSignature), root);
        Issued leaf2 = TestPki.issue(TestPki.spec().dns("d.test"), noCertSign);
        assertThat(failure(validator, Purpose.SERVER, leaf2.certificate(), noCertSign.certificate())).isEqualTo(TrustFailure.KEY_USAGE);

        Issued encipherOnly = TestPki.issue(TestPki.spec().dns("e.test").keyUsage(KeyUsage.keyEncipherment), root);
        assertThat(failure(validator, Purpose.SERVER, encipherOnly.certificate())).isEqualTo(TrustFailure.KEY_USAGE);
        Issued codeSigning = TestPki.issue(TestPki.spec().dns("f.test").purpose(KeyPurposeId.id_kp_codeSigning), root);
        assertThat(failure(validator, Purpose.SERVER, codeSigning.certificate())).isEqualTo(TrustFailure.WRONG_PURPOSE);
        Issued unknown = TestPki.issue(TestPki.spec().dns("g.test").unknownCritical(), root);
        assertThat(failure(validator, Purpose.SERVER, unknown.certificate())).isEqualTo(TrustFailure.UNKNOWN_CRITICAL_EXTENSION);
    }

    @Test
    @DisplayName("RFC 5280 §4.2.1.10: a CA permitted only 'test' may certify a.test, not evil.example.com (nor the lab CA anything outside its zones)")
    void nameConstraints() throws TrustException {
        Issued root = TestPki.issue(TestPki.spec().cn("constrained root").ca(-1).permitDns("test"), null);
        PathValidator validator = new PathValidator(List.of(root.certificate()), NOW);
        assertThat(validator.validate(List.of(TestPki.issue(TestPki.spec().dns("a.test", "deep.b.test"), root).certificate()), Purpose.SERVER)).hasSize(2);
        assertThat(failure(validator, Purpose.SERVER, TestPki.issue(TestPki.spec().dns("a.test", "evil.example.com"), root).certificate()))
                .isEqualTo(TrustFailure.NAME_CONSTRAINTS);
        assertThat(failure(validator, Purpose.SERVER, TestPki.issue(TestPki.spec().dns("nottest"), root).certificate()))
                .as("'test' is a label boundary, not a string suffix").isEqualTo(TrustFailure.NAME_CONSTRAINTS);
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            localhost          | localhost            | true
            LocalHost.         | localhost            | true
            www.example.com    | *.example.com        | true
            example.com        | *.example.com        | false
            a.b.example.com    | *.example.com        | false
            www.example.com    | w*.example.com       | false
            www.example.com    | www.*.com            | false
            foo.com            | *.com                | false
            www.example.com    | *.EXAMPLE.com        | true
            wwwexample.com     | *example.com         | false
            127.0.0.1          | 127.0.0.1            | false
            """)
    @DisplayName("RFC 9525 §6.3: DNS names, case-insensitive; '*' only as the whole left-most label, one label, not over a public suffix")
    void dnsNames(String host, String presented, boolean matches) {
        assertThat(HostnameMatcher.matches(host, List.of(presented), List.of())).isEqualTo(matches);
    }

    @Test
    @DisplayName("an IP literal matches iPAddress entries only (never a dNSName that spells it); IPv6 compares by value, brackets or not")
    void ipAddresses() throws Exception {
        List<InetAddress> ips = List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
        assertThat(HostnameMatcher.matches("127.0.0.1", List.of(), ips)).isTrue();
        assertThat(HostnameMatcher.matches("::1", List.of(), ips)).isTrue();
        assertThat(HostnameMatcher.matches("[0:0:0:0:0:0:0:1]", List.of(), ips)).isTrue();
        assertThat(HostnameMatcher.matches("127.0.0.2", List.of("127.0.0.2"), ips)).isFalse();
        assertThat(HostnameMatcher.matches("localhost", List.of(), ips)).as("a DNS name never matches an address").isFalse();
    }

    @Test
    @DisplayName("verify(): the lab certificate is for localhost, 127.0.0.1 and ::1; not for example.test; CN=localhost without SANs matches nothing")
    void verify() throws TrustException {
        X509Certificate server = CERTS.server().certificate();
        HostnameMatcher.verify("localhost", server);
        HostnameMatcher.verify("127.0.0.1", server);
        HostnameMatcher.verify("::1", server);
        assertThatThrownBy(() -> HostnameMatcher.verify("example.test", server)).isInstanceOf(TrustException.class)
                .extracting("failure").isEqualTo(TrustFailure.HOSTNAME_MISMATCH);
        Issued cnOnly = TestPki.issue(TestPki.spec().cn("localhost"), TestPki.root("cn root"));
        assertThatThrownBy(() -> HostnameMatcher.verify("localhost", cnOnly.certificate())).isInstanceOf(TrustException.class)
                .extracting("failure").isEqualTo(TrustFailure.HOSTNAME_MISMATCH);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
