package dev.netlab.kit.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Builds the development CA and the certificates it signs (RFC 5280 profile), with
 * BouncyCastle's certificate builder and the JDK's own crypto providers.
 *
 * <p>The CA carries critical name constraints (RFC 5280 §4.2.1.10): it can only vouch for
 * loopback, private addresses and the reserved names of RFC 2606/6761 ({@code localhost},
 * {@code *.test}, {@code *.example} ...). A learner who adds {@code ca.crt} to a browser or
 * system trust store therefore never makes a key that could impersonate a real site.
 */
final class CertificateIssuer {
    private CertificateIssuer() {}

    static final Duration CA_VALIDITY = Duration.ofDays(5 * 365);
    static final Duration LEAF_VALIDITY = Duration.ofDays(365);
    /** Certificates start an hour in the past: a peer whose clock is slightly behind still accepts them. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final String ORGANIZATION = "netlab development";

    /** DNS names the CA may certify: these names and every name below them. */
    static final List<String> PERMITTED_DNS = List.of(
            "localhost", "test", "example", "invalid", "internal", "home.arpa",
            "example.com", "example.net", "example.org");
    /** Address ranges the CA may certify: loopback and private networks (the lab's namespaces use 10/8). */
    static final List<String> PERMITTED_IP = List.of(
            "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128", "fc00::/7");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a leaf certificate is for: its extended key usage (RFC 5280 §4.2.1.12). */
    enum Purpose {
        SERVER(KeyPurposeId.id_kp_serverAuth),
        CLIENT(KeyPurposeId.id_kp_clientAuth);

        final KeyPurposeId keyPurpose;

        Purpose(KeyPurposeId keyPurpose) {
            this.keyPurpose = keyPurpose;
        }
    }

    /** A self-signed CA certificate: basic constraints CA with path length 0, keyCertSign. */
    static X509Certificate selfSignedCa(KeyPair ca, String commonName, KeyType type) throws GeneralSecurityException {
        X500Name subject = name(commonName);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), subject, ca.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(ca.getPublic()));
            // RFC 5280 §4.2.1.10: "Conforming CAs MUST mark this extension as critical".
            builder.addExtension(Extension.nameConstraints, true, new NameConstraints(permittedSubtrees(), null));
        } catch (CertIOException e) {
            throw new GeneralSecurityException("could not encode a CA extension", e);
        }
        return sign(builder, ca.getPrivate(), type);
    }

    /**
     * A certificate for {@code subjectKey}, signed by the CA. A server certificate names its
     * hosts in the subject alternative name (RFC 9110 §4.3.4: clients check the name there, not
     * in the common name); a client certificate names its user in the common name.
     */
    static X509Certificate issue(X509Certificate caCertificate, PrivateKey caKey, KeyType caType,
            PublicKey subjectKey, String commonName, List<String> names, Purpose purpose)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(LEAF_VALIDITY)), name(commonName), subjectKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature
                    | (subjectKey.getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose.keyPurpose));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCertificate));
            if (!names.isEmpty()) {
                GeneralName[] alternatives = names.stream().map(CertificateIssuer::generalName).toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
            }
        } catch (CertIOException e) {
            throw new GeneralSecurityException("could not encode a certificate extension", e);
        }
        return sign(builder, caKey, caType);
    }

    /** Whether the CA's name constraints allow {@code name} (a DNS name or an IP address literal). */
    static boolean permits(String name) {
        if (isIpAddress(name)) {
            byte[] address = address(name);
            return PERMITTED_IP.stream().anyMatch(range -> inRange(address, range));
        }
        String dns = name.toLowerCase(Locale.ROOT);
        return PERMITTED_DNS.stream().anyMatch(zone -> dns.equals(zone) || dns.endsWith("." + zone));
    }

    static boolean isIpAddress(String name) {
        return IPAddress.isValid(name);
    }

    /** The address bytes of an IP literal (no DNS lookup: the name is a literal). */
    static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    private static boolean inRange(byte[] address, String range) {
        int slash = range.indexOf('/');
        byte[] network = address(range.substring(0, slash));
        int prefix = Integer.parseInt(range.substring(slash + 1));
        if (network.length != address.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0b1000_0000 >>> (bit % 8);
            if ((network[bit / 8] & mask) != (address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static GeneralSubtree[] permittedSubtrees() {
        return java.util.stream.Stream.concat(
                        PERMITTED_DNS.stream().map(d -> new GeneralName(GeneralName.dNSName, d)),
                        PERMITTED_IP.stream().map(ip -> new GeneralName(GeneralName.iPAddress, ip)))
                .map(GeneralSubtree::new)
                .toArray(GeneralSubtree[]::new);
    }

    private static GeneralName generalName(String name) {
        return new GeneralName(isIpAddress(name) ? GeneralName.iPAddress : GeneralName.dNSName, name);
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    /** RFC 5280 §4.1.2.2: a positive serial of at most 20 octets; 159 random bits are both. */
    private static BigInteger serial() {
        return new BigInteger(159, RANDOM).setBit(0);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, KeyType type)
            throws GeneralSecurityException {
        try {
            var signer = new JcaContentSignerBuilder(type.signatureAlgorithm()).build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("could not sign with " + type.signatureAlgorithm(), e);
        }
    }
}
