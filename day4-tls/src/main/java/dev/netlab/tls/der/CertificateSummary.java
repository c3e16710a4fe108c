package dev.netlab.tls.der;

import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/**
 * What a TLS peer needs from an X.509 certificate (RFC 5280 §4.1), read by hand from its DER.
 *
 * @param version 1, 2 or 3 (the DER holds 0, 1, 2 in {@code [0] EXPLICIT Version DEFAULT v1})
 * @param serialNumber the serial number (positive, at most 20 octets)
 * @param signatureAlgorithm the OID of the issuer's signature algorithm ({@code 1.2.840.10045.4.3.2})
 * @param issuer the issuer Name as its DER octets (compare with {@code X500Principal.getEncoded()})
 * @param subject the subject Name as its DER octets
 * @param issuerCommonName the issuer's CN attribute, or null when it has none
 * @param subjectCommonName the subject's CN attribute, or null when it has none
 * @param notBefore start of validity
 * @param notAfter end of validity (inclusive)
 * @param dnsNames the dNSName entries of subjectAltName, in order
 * @param ipAddresses the iPAddress entries of subjectAltName, in order
 * @param keyAlgorithm the subjectPublicKeyInfo algorithm OID ({@link Oids#EC_PUBLIC_KEY}, {@link Oids#RSA_ENCRYPTION}, ...)
 * @param keyBits the key size: the EC field size (256 for P-256), the RSA modulus bit length
 * @param curve the named curve OID of an EC key, or null
 * @param ca basicConstraints cA (false without the extension)
 * @param pathLength basicConstraints pathLenConstraint, or -1 when absent
 * @param extendedKeyUsage the extKeyUsage OIDs, empty when the extension is absent
 * @param criticalExtensions the OIDs of the extensions marked critical
 */
public record CertificateSummary(
        int version, BigInteger serialNumber, String signatureAlgorithm,
        byte[] issuer, byte[] subject, String issuerCommonName, String subjectCommonName,
        Instant notBefore, Instant notAfter,
        List<String> dnsNames, List<InetAddress> ipAddresses,
        String keyAlgorithm, int keyBits, String curve,
        boolean ca, int pathLength, List<String> extendedKeyUsage, List<String> criticalExtensions) {

    public CertificateSummary {
        issuer = issuer.clone();
        subject = subject.clone();
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
        criticalExtensions = List.copyOf(criticalExtensions);
    }

    @Override
    public byte[] issuer() {
        return issuer.clone();
    }

    @Override
    public byte[] subject() {
        return subject.clone();
    }

    @Override
    public String toString() {
        return "Certificate[v" + version + " serial " + serialNumber.toString(16) + ", subject CN=" + subjectCommonName
                + ", issuer CN=" + issuerCommonName + ", " + notBefore + " .. " + notAfter + ", DNS " + dnsNames
                + ", IP " + ipAddresses + ", key " + Oids.name(keyAlgorithm) + " " + keyBits
                + (curve != null ? " " + Oids.name(curve) : "") + (ca ? ", CA" + (pathLength >= 0 ? " pathlen " + pathLength : "") : "")
                + ", EKU " + extendedKeyUsage.stream().map(Oids::name).toList() + "]";
    }
}
