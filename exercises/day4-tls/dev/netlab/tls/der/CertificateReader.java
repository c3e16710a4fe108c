package dev.netlab.tls.der;

import dev.netlab.kit.StubException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields a TLS peer needs out of an X.509 certificate's DER by hand, with
 * {@link DerReader} and {@link DerValues} (RFC 5280 §4.1):
 *
 * <pre>
 * Certificate ::= SEQUENCE {
 *     tbsCertificate       TBSCertificate,
 *     signatureAlgorithm   AlgorithmIdentifier,
 *     signatureValue       BIT STRING }
 * TBSCertificate ::= SEQUENCE {
 *     version         [0]  EXPLICIT Version DEFAULT v1,      -- INTEGER 0, 1, 2 = v1, v2, v3 (else BAD_INTEGER)
 *     serialNumber         CertificateSerialNumber,          -- INTEGER
 *     signature            AlgorithmIdentifier,              -- SEQUENCE { OID, parameters ANY OPTIONAL }
 *     issuer               Name,                             -- SEQUENCE OF SET OF SEQUENCE { OID, ANY }
 *     validity             Validity,                         -- SEQUENCE { notBefore Time, notAfter Time }
 *     subject              Name,
 *     subjectPublicKeyInfo SubjectPublicKeyInfo,             -- SEQUENCE { AlgorithmIdentifier, BIT STRING }
 *     issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
 *     subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
 *     extensions      [3]  EXPLICIT Extensions OPTIONAL }    -- SEQUENCE OF Extension
 * Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 * </pre>
 *
 * Extensions read: subjectAltName (dNSName [2] IA5String, iPAddress [7] 4 or 16 octets),
 * basicConstraints (cA, pathLenConstraint), extKeyUsage; every extension's criticality is
 * recorded. The key: its algorithm OID, the named curve of an EC key (RFC 5480 §2.1.1), the
 * modulus length of an RSA key (RFC 8017 A.1.1: {@code SEQUENCE { modulus INTEGER,
 * publicExponent INTEGER }} inside the BIT STRING).
 */
public final class CertificateReader {
    private CertificateReader() {}

    /** A certificate larger than this is refused before it is read (real ones are 0.5-2 KiB). */
    public static final int MAX_CERTIFICATE = 64 * 1024;

    /** The summary of the certificate {@code der}, which must be one whole Certificate. */
    public static CertificateSummary read(byte[] der) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }
}
