package dev.netlab.kit.tls;

import dev.netlab.kit.tls.CertificateIssuer.Purpose;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/** Re-use checks for files found on disk. */
final class Validity {
    private Validity() {}

    static boolean lastsDays(X509Certificate certificate, long days) {
        return certificate.getNotAfter().toInstant()
                .isAfter(Instant.now().plus(Duration.ofDays(days)));
    }

    static boolean issuedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Signs a probe with the private key and checks it with the certificate's public key. */
    static boolean keyMatches(PrivateKey key, PublicKey publicKey, KeyType type)
            throws GeneralSecurityException {
        byte[] probe = "netlab key check".getBytes(StandardCharsets.US_ASCII);
        var signer = Signature.getInstance(type.signatureAlgorithm());
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        var verifier = Signature.getInstance(type.signatureAlgorithm());
        verifier.initVerify(publicKey);
        verifier.update(probe);
        return verifier.verify(signature);
    }

    static boolean hasPurpose(X509Certificate certificate, Purpose purpose) throws GeneralSecurityException {
        List<String> usages = certificate.getExtendedKeyUsage();
        return usages != null && usages.contains(purpose.keyPurpose.getId());
    }

    static boolean hasCommonName(X509Certificate certificate, String commonName) throws GeneralSecurityException {
        RDN[] names = new JcaX509CertificateHolder(certificate).getSubject().getRDNs(BCStyle.CN);
        return names.length == 1 && IETFUtils.valueToString(names[0].getFirst().getValue()).equals(commonName);
    }

    /** The subject alternative names are exactly {@code names} (IP addresses compared as addresses). */
    static boolean hasNames(X509Certificate certificate, List<String> names) throws GeneralSecurityException {
        var alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives == null) {
            return false;
        }
        List<String> found = new ArrayList<>();
        for (List<?> entry : alternatives) {
            found.add(normalized(String.valueOf(entry.get(1))));
        }
        List<String> wanted = names.stream().map(Validity::normalized).toList();
        return new LinkedHashSet<>(found).equals(new LinkedHashSet<>(wanted));
    }

    private static String normalized(String name) {
        return CertificateIssuer.isIpAddress(name)
                ? "ip:" + HexFormat.of().formatHex(CertificateIssuer.address(name))
                : "dns:" + name.toLowerCase(Locale.ROOT);
    }
}
