package dev.netlab.tls.der;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Peer;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.tls.KeyType;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint 4.02, the certificate: every field {@link CertificateReader} pulls out agrees with
 * {@code java.security.cert.X509Certificate} on every certificate the lab kit issues and every
 * root in the JDK's own trust store, and with {@code openssl asn1parse} / {@code openssl x509 -text}.
 *
 * <p>Learner mistakes this catches: the optional {@code [0]} version read as the serial when
 * absent (v1 roots in the trust store); the issuer and subject swapped; notBefore and notAfter
 * swapped; iPAddress SANs read as text; the EC curve taken from the key bits instead of the
 * named-curve OID; the RSA modulus's sign octet counted in its bit length; basicConstraints'
 * absent pathLen read as 0; the extension's criticality missed when the BOOLEAN is present.
 */
@Checkpoint(id = "4.02", title = "ASN.1 DER by hand: the fields of a certificate",
        edit = {"dev/netlab/tls/der/DerReader.java", "dev/netlab/tls/der/DerValues.java", "dev/netlab/tls/der/CertificateReader.java"},
        hint = "tag, then length (short form < 128, else 0x80|n and n big-endian octets), then check it fits BEFORE reading; OIDs are base-128",
        readme = "#asn1-der-by-hand")
class CertificateReaderTest {
    private static final DevCertificates CERTS = DevCertificates.standard();

    static List<X509Certificate> kitCertificates() {
        return List.of(CERTS.ca(), CERTS.server().certificate(), CERTS.server(KeyType.RSA_2048, "localhost", "127.0.0.1").certificate(),
                CERTS.server("a.test", "b.test", "10.0.0.7", "fc00::7").certificate(), CERTS.client("alice").certificate());
    }

    static List<X509Certificate> jdkTrustStore() throws Exception {
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        KeyStore store = KeyStore.getInstance(cacerts.toFile(), "changeit".toCharArray());
        List<X509Certificate> all = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            Certificate c = store.getCertificate(alias);
            if (c instanceof X509Certificate x) {
                all.add(x);
            }
        }
        return all;
    }

    @Test
    @DisplayName("every lab certificate: version, serial, names, validity, SANs, key, CA flag, EKU as X509Certificate reads them")
    void kitCertificatesAgree() throws Exception {
        for (X509Certificate certificate : kitCertificates()) {
            assertAgrees(certificate);
        }
    }

    @Test
    @DisplayName("every root in the JDK's trust store (lib/security/cacerts) reads the same as X509Certificate reads it")
    void jdkTrustStoreAgrees() throws Exception {
        List<X509Certificate> roots = jdkTrustStore();
        assertThat(roots).as("the JDK's cacerts").hasSizeGreaterThan(50);
        for (X509Certificate root : roots) {
            assertAgrees(root);
        }
    }

    static void assertAgrees(X509Certificate x) throws Exception {
        String who = x.getSubjectX500Principal().getName();
        CertificateSummary c = CertificateReader.read(x.getEncoded());
        assertThat(c.version()).as("version of %s", who).isEqualTo(x.getVersion());
        assertThat(c.serialNumber()).as("serial of %s", who).isEqualTo(x.getSerialNumber());
        assertThat(c.signatureAlgorithm()).as("signature algorithm of %s", who).isEqualTo(x.getSigAlgOID());
        assertThat(c.issuer()).as("issuer DER of %s", who).isEqualTo(x.getIssuerX500Principal().getEncoded());
        assertThat(c.subject()).as("subject DER of %s", who).isEqualTo(x.getSubjectX500Principal().getEncoded());
        assertThat(c.subjectCommonName()).as("subject CN of %s", who).isEqualTo(commonName(x.getSubjectX500Principal().getEncoded()));
        assertThat(c.issuerCommonName()).as("issuer CN of %s", who).isEqualTo(commonName(x.getIssuerX500Principal().getEncoded()));
        assertThat(c.notBefore()).as("notBefore of %s", who).isEqualTo(x.getNotBefore().toInstant());
        assertThat(c.notAfter()).as("notAfter of %s", who).isEqualTo(x.getNotAfter().toInstant());
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        Collection<List<?>> sans = x.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                if ((Integer) san.get(0) == 2) {
                    dns.add((String) san.get(1));
                } else if ((Integer) san.get(0) == 7) {
                    ips.add(InetAddress.getByName((String) san.get(1)));
                }
            }
        }
        assertThat(c.dnsNames()).as("dNSName SANs of %s", who).isEqualTo(dns);
        assertThat(c.ipAddresses()).as("iPAddress SANs of %s", who).isEqualTo(ips);
        if (x.getPublicKey() instanceof ECPublicKey ec) {
            assertThat(c.keyAlgorithm()).isEqualTo(Oids.EC_PUBLIC_KEY);
            assertThat(c.keyBits()).as("EC field size of %s", who).isEqualTo(ec.getParams().getCurve().getField().getFieldSize());
            assertThat(c.curve()).isNotNull();
        } else if (x.getPublicKey() instanceof RSAPublicKey rsa) {
            assertThat(c.keyAlgorithm()).isEqualTo(Oids.RSA_ENCRYPTION);
            assertThat(c.keyBits()).as("RSA modulus bits of %s", who).isEqualTo(rsa.getModulus().bitLength());
        }
        int basic = x.getBasicConstraints();
        assertThat(c.ca()).as("cA of %s", who).isEqualTo(basic >= 0);
        if (basic >= 0) {
            assertThat(c.pathLength()).as("pathLen of %s", who).isEqualTo(basic == Integer.MAX_VALUE ? -1 : basic);
        }
        List<String> eku = x.getExtendedKeyUsage();
        assertThat(c.extendedKeyUsage()).as("EKU of %s", who).isEqualTo(eku == null ? List.of() : eku);
        assertThat(c.criticalExtensions()).as("critical extensions of %s", who)
                .containsExactlyInAnyOrderElementsOf(x.getCriticalExtensionOIDs() == null ? List.of() : x.getCriticalExtensionOIDs());
    }

    /** The last CN of a Name, read by BouncyCastle (an independent ASN.1 implementation). */
    private static String commonName(byte[] name) {
        RDN[] rdns = X500Name.getInstance(name).getRDNs(BCStyle.CN);
        if (rdns.length == 0) {
            return null;
        }
        return ((ASN1String) rdns[rdns.length - 1].getFirst().getValue()).getString();
    }

    @Test
    @DisplayName("parseAll lists the same elements (offset, depth, header length, length) as openssl asn1parse")
    void asn1parse(@TempDir Path dir) throws Exception {
        Peer openssl = Peer.require("openssl");
        for (X509Certificate certificate : kitCertificates()) {
            Path der = dir.resolve("c.der");
            Files.write(der, certificate.getEncoded());
            List<String> expected = new ArrayList<>();
            Matcher m = Pattern.compile("^\\s*(\\d+):d=(\\d+)\\s+hl=(\\d+) l=\\s*(\\d+)", Pattern.MULTILINE)
                    .matcher(openssl.run(Duration.ofSeconds(20), "asn1parse", "-inform", "DER", "-in", der.toString()).assertSuccess().stdout());
            while (m.find()) {
                expected.add(m.group(1) + " d=" + m.group(2) + " hl=" + m.group(3) + " l=" + m.group(4));
            }
            List<String> ours = DerReader.parseAll(certificate.getEncoded()).stream()
                    .map(t -> t.offset() + " d=" + t.depth() + " hl=" + (t.valueOffset() - t.offset()) + " l=" + t.length()).toList();
            assertThat(ours).as("elements of %s", certificate.getSubjectX500Principal()).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("the lab server certificate's serial, SANs, key and dates as openssl x509 -noout -text prints them")
    void opensslText() throws Exception {
        Peer openssl = Peer.require("openssl");
        X509Certificate server = CERTS.server("a.test", "b.test", "10.0.0.7", "fc00::7").certificate();
        String text = openssl.run(Duration.ofSeconds(20), "x509", "-noout", "-text", "-in",
                CERTS.server("a.test", "b.test", "10.0.0.7", "fc00::7").certificateFile().toString()).assertSuccess().stdout();
        CertificateSummary c = CertificateReader.read(server.getEncoded());
        String serial = HexFormat.ofDelimiter(":").formatHex(c.serialNumber().toByteArray()).toLowerCase(Locale.ROOT);
        assertThat(text.replaceAll("\\s+", "")).contains(serial.replaceFirst("^00:", ""));
        String sans = "DNS:" + String.join(", DNS:", c.dnsNames()) + ", IP Address:10.0.0.7, IP Address:FC00:0:0:0:0:0:0:7";
        assertThat(text).contains(sans);
        assertThat(text).contains("Public-Key: (" + c.keyBits() + " bit)").contains("ASN1 OID: prime256v1");
        assertThat(text).contains("CA:FALSE");
        assertThat(text).contains("Subject: O = netlab development, CN = " + c.subjectCommonName());
        assertThat(text).contains("TLS Web Server Authentication");
    }

    @Test
    @DisplayName("hostile certificates: truncated anywhere is a DerException (never another exception); the same extension twice is DUPLICATE_EXTENSION")
    void hostile() throws Exception {
        byte[] good = CERTS.server().certificate().getEncoded();
        for (int cut = 0; cut < good.length; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> CertificateReader.read(truncated)).as("cut at %d", cut).isInstanceOf(DerException.class);
        }
        byte[] withTrailer = java.util.Arrays.copyOf(good, good.length + 2);
        assertThatThrownBy(() -> CertificateReader.read(withTrailer)).isInstanceOf(DerException.class)
                .extracting("error").isEqualTo(DerError.TRAILING_DATA);
        byte[] indefinite = good.clone();
        indefinite[1] = (byte) 0x80;
        assertThatThrownBy(() -> CertificateReader.read(indefinite)).isInstanceOf(DerException.class)
                .extracting("error").isEqualTo(DerError.INDEFINITE_LENGTH);
        assertThatThrownBy(() -> CertificateReader.read(DerReaderTest.nested(100))).isInstanceOf(DerException.class);
        assertThatThrownBy(() -> CertificateReader.read(duplicateExtension(good))).isInstanceOf(DerException.class)
                .extracting("error").isEqualTo(DerError.DUPLICATE_EXTENSION);
    }

    /** The certificate with its first extension repeated, every enclosing length fixed up. */
    static byte[] duplicateExtension(byte[] certificate) throws DerException {
        DerReader top = new DerReader(certificate);
        Tlv cert = top.read(Tlv.SEQUENCE);
        DerReader c = top.enter(cert);
        Tlv tbs = c.read(Tlv.SEQUENCE);
        DerReader t = c.enter(tbs);
        Tlv extensions = null;
        while (t.hasMore()) {
            Tlv e = t.read();
            if (e.tag() == Tlv.context(3, true)) {
                extensions = e;
            }
        }
        DerReader wrapper = t.enter(extensions);
        Tlv list = wrapper.read(Tlv.SEQUENCE);
        Tlv first = wrapper.enter(list).read(Tlv.SEQUENCE);
        byte[] extra = first.encoded();
        byte[] newList = concat(list.value(), extra);
        byte[] newExtensions = tlv(0xA3, tlv(0x30, newList));
        byte[] before = java.util.Arrays.copyOfRange(certificate, tbs.valueOffset(), extensions.offset());
        byte[] newTbs = tlv(0x30, concat(before, newExtensions));
        byte[] rest = java.util.Arrays.copyOfRange(certificate, tbs.end(), cert.end());
        return tlv(0x30, concat(newTbs, rest));
    }

    private static byte[] tlv(int tag, byte[] value) {
        int n = value.length;
        byte[] header = n < 128 ? new byte[] {(byte) tag, (byte) n}
                : n < 256 ? new byte[] {(byte) tag, (byte) 0x81, (byte) n}
                : new byte[] {(byte) tag, (byte) 0x82, (byte) (n >>> 8), (byte) n};
        return concat(header, value);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
