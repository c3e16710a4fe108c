package dev.netlab.tls;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates made on the spot with BouncyCastle, for the cases the development CA never
 * makes: intermediates, expired or future certificates, wrong purposes, name constraints,
 * unknown critical extensions. Each {@link Issued} holds its key pair and certificate.
 */
public final class TestPki {
    private TestPki() {}

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    public record Issued(KeyPair keys, X509Certificate certificate) {
        public PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    /** What to put in a certificate. */
    public static final class Spec {
        String commonName = "test";
        Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        Instant notAfter = Instant.now().plus(Duration.ofDays(30));
        Integer pathLength; // null: not a CA; -1: a CA without a limit
        boolean ca;
        List<String> dnsNames = new ArrayList<>();
        List<String> ipAddresses = new ArrayList<>();
        KeyPurposeId purpose = KeyPurposeId.id_kp_serverAuth;
        Integer keyUsage;
        List<String> permittedDns = new ArrayList<>();
        boolean unknownCriticalExtension;
        boolean rsa;

        public Spec cn(String name) { commonName = name; return this; }
        public Spec valid(Instant from, Instant to) { notBefore = from; notAfter = to; return this; }
        public Spec ca(int pathLen) { ca = true; pathLength = pathLen; purpose = null; keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign; return this; }
        public Spec dns(String... names) { dnsNames.addAll(List.of(names)); return this; }
        public Spec ip(String... addresses) { ipAddresses.addAll(List.of(addresses)); return this; }
        public Spec purpose(KeyPurposeId p) { purpose = p; return this; }
        public Spec keyUsage(int usage) { keyUsage = usage; return this; }
        public Spec permitDns(String... zones) { permittedDns.addAll(List.of(zones)); return this; }
        public Spec unknownCritical() { unknownCriticalExtension = true; return this; }
        public Spec rsa() { rsa = true; return this; }
    }

    public static Spec spec() {
        return new Spec();
    }

    /** A self-signed root CA. */
    public static Issued root(String commonName) {
        return issue(spec().cn(commonName).ca(-1), null);
    }

    /** A certificate for {@code spec}, signed by {@code issuer} (null: self-signed). */
    public static Issued issue(Spec spec, Issued issuer) {
        try {
            KeyPair keys = keyPair(spec.rsa);
            X500Name subject = new X500Name("O=netlab test,CN=" + spec.commonName);
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(spec.notBefore), Date.from(spec.notAfter), subject, keys.getPublic());
            if (spec.ca) {
                b.addExtension(Extension.basicConstraints, true,
                        spec.pathLength < 0 ? new BasicConstraints(true) : new BasicConstraints(spec.pathLength));
            } else {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            }
            int usage = spec.keyUsage != null ? spec.keyUsage : KeyUsage.digitalSignature;
            b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            if (spec.purpose != null) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(spec.purpose));
            }
            List<GeneralName> names = new ArrayList<>();
            spec.dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            spec.ipAddresses.forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            if (!spec.permittedDns.isEmpty()) {
                GeneralSubtree[] permitted = spec.permittedDns.stream()
                        .map(z -> new GeneralSubtree(new GeneralName(GeneralName.dNSName, z))).toArray(GeneralSubtree[]::new);
                b.addExtension(Extension.nameConstraints, true, new NameConstraints(permitted, null));
            }
            if (spec.unknownCriticalExtension) {
                b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), true, new DEROctetString(new byte[] {5, 0}));
            }
            PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.privateKey();
            String algorithm = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(signer)));
            return new Issued(keys, certificate);
        } catch (Exception e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
    }

    public static KeyPair keyPair(boolean rsa) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
            if (rsa) {
                g.initialize(2048);
            } else {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Certificates as PEM, in order. */
    public static String pem(X509Certificate... certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (X509Certificate c : certificates) {
                w.writeObject(c);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** A private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
    public static String pkcs8(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new JcaPKCS8Generator(key, null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** A private key in its "traditional" form: {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC 1). */
    public static String traditional(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
