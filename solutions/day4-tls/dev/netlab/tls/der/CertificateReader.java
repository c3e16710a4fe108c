package dev.netlab.tls.der;

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
 *     version         [0]  EXPLICIT Version DEFAULT v1,      -- INTEGER 0, 1, 2 = v1, v2, v3
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

    private static final int VERSION_TAG = Tlv.context(0, true);
    private static final int ISSUER_UID_TAG = Tlv.context(1, false);
    private static final int SUBJECT_UID_TAG = Tlv.context(2, false);
    private static final int EXTENSIONS_TAG = Tlv.context(3, true);
    private static final int DNS_NAME_TAG = Tlv.context(2, false);
    private static final int IP_ADDRESS_TAG = Tlv.context(7, false);

    /** The summary of the certificate {@code der}, which must be one whole Certificate. */
    public static CertificateSummary read(byte[] der) throws DerException {
        if (der.length > MAX_CERTIFICATE) {
            throw new DerException(DerError.LENGTH_TOO_LARGE, 0, der.length + " octets is larger than any certificate");
        }
        DerReader top = new DerReader(der);
        DerReader certificate = top.enter(Tlv.SEQUENCE);
        top.end();
        DerReader tbs = certificate.enter(Tlv.SEQUENCE);
        certificate.read(Tlv.SEQUENCE); // signatureAlgorithm: the same as tbs.signature
        certificate.read(Tlv.BIT_STRING);
        certificate.end();

        int version = 1;
        Tlv explicitVersion = tbs.readOptional(VERSION_TAG);
        if (explicitVersion != null) {
            DerReader v = tbs.enter(explicitVersion);
            Tlv number = v.read();
            BigInteger value = DerValues.integer(number);
            // RFC 5280 §4.1: Version ::= INTEGER { v1(0), v2(1), v3(2) }; anything else is not a
            // certificate this reader understands (and a huge one must not end in an ArithmeticException)
            if (value.signum() < 0 || value.compareTo(BigInteger.TWO) > 0) {
                throw new DerException(DerError.BAD_INTEGER, number.offset(), "version " + value + " (v1, v2 and v3 are 0, 1 and 2)");
            }
            version = value.intValue() + 1;
            v.end();
        }
        BigInteger serial = DerValues.integer(tbs.read());
        DerReader signature = tbs.enter(Tlv.SEQUENCE);
        String signatureAlgorithm = DerValues.oid(signature.read());
        Tlv issuer = tbs.read(Tlv.SEQUENCE);
        DerReader validity = tbs.enter(Tlv.SEQUENCE);
        Instant notBefore = DerValues.time(validity.read());
        Instant notAfter = DerValues.time(validity.read());
        validity.end();
        Tlv subject = tbs.read(Tlv.SEQUENCE);

        Builder b = new Builder(version, serial, signatureAlgorithm, issuer, subject, notBefore, notAfter);
        b.issuerCommonName = commonName(tbs.enter(issuer));
        b.subjectCommonName = commonName(tbs.enter(subject));
        publicKey(tbs.enter(Tlv.SEQUENCE), b);
        tbs.readOptional(ISSUER_UID_TAG);
        tbs.readOptional(SUBJECT_UID_TAG);
        Tlv extensions = tbs.readOptional(EXTENSIONS_TAG);
        if (extensions != null) {
            DerReader wrapper = tbs.enter(extensions);
            extensions(wrapper.enter(Tlv.SEQUENCE), b);
            wrapper.end();
        }
        tbs.end();
        return b.build();
    }

    /** The value of the last CN attribute of a Name (the most specific), or null. */
    private static String commonName(DerReader name) throws DerException {
        String found = null;
        while (name.hasMore()) {
            DerReader rdn = name.enter(Tlv.SET);
            while (rdn.hasMore()) {
                DerReader attribute = rdn.enter(Tlv.SEQUENCE);
                String type = DerValues.oid(attribute.read());
                Tlv value = attribute.read();
                attribute.end();
                if (type.equals(Oids.COMMON_NAME)) {
                    found = DerValues.string(value);
                }
            }
        }
        return found;
    }

    private static void publicKey(DerReader spki, Builder b) throws DerException {
        DerReader algorithm = spki.enter(Tlv.SEQUENCE);
        b.keyAlgorithm = DerValues.oid(algorithm.read());
        Tlv parameters = algorithm.hasMore() ? algorithm.read() : null;
        algorithm.end();
        byte[] key = DerValues.bitString(spki.read(Tlv.BIT_STRING));
        spki.end();
        switch (b.keyAlgorithm) {
            case Oids.EC_PUBLIC_KEY -> {
                if (parameters == null || parameters.tag() != Tlv.OID) {
                    throw new DerException(DerError.UNEXPECTED_TAG, spki.position(), "an EC key without a namedCurve (RFC 5480 §2.1.1)");
                }
                b.curve = DerValues.oid(parameters);
                b.keyBits = switch (b.curve) {
                    case Oids.SECP256R1 -> 256;
                    case Oids.SECP384R1 -> 384;
                    case Oids.SECP521R1 -> 521;
                    default -> 0;
                };
            }
            case Oids.RSA_ENCRYPTION -> {
                DerReader outer = new DerReader(key);
                DerReader rsa = outer.enter(Tlv.SEQUENCE);
                b.keyBits = DerValues.integer(rsa.read()).bitLength();
                DerValues.integer(rsa.read());
                rsa.end();
                outer.end();
            }
            default -> b.keyBits = 0;
        }
    }

    private static void extensions(DerReader list, Builder b) throws DerException {
        Set<String> seen = new HashSet<>();
        while (list.hasMore()) {
            int at = list.position();
            DerReader extension = list.enter(Tlv.SEQUENCE);
            String id = DerValues.oid(extension.read());
            Tlv criticalOrValue = extension.read();
            boolean critical = false;
            if (criticalOrValue.tag() == Tlv.BOOLEAN) {
                critical = DerValues.bool(criticalOrValue);
                criticalOrValue = extension.read();
            }
            if (criticalOrValue.tag() != Tlv.OCTET_STRING) {
                throw new DerException(DerError.UNEXPECTED_TAG, criticalOrValue.offset(), "extnValue must be an OCTET STRING");
            }
            extension.end();
            if (!seen.add(id)) {
                throw new DerException(DerError.DUPLICATE_EXTENSION, at, Oids.name(id) + " appears twice");
            }
            if (critical) {
                b.critical.add(id);
            }
            // the OCTET STRING's contents are the DER of the extension's own value
            DerReader value = extension.wrapped(criticalOrValue);
            switch (id) {
                case Oids.SUBJECT_ALT_NAME -> subjectAltName(value.enter(Tlv.SEQUENCE), b);
                case Oids.BASIC_CONSTRAINTS -> basicConstraints(value.enter(Tlv.SEQUENCE), b);
                case Oids.EXTENDED_KEY_USAGE -> {
                    DerReader usages = value.enter(Tlv.SEQUENCE);
                    while (usages.hasMore()) {
                        b.extendedKeyUsage.add(DerValues.oid(usages.read()));
                    }
                }
                default -> {
                    continue; // not needed here: skipped whole
                }
            }
            value.end();
        }
    }

    private static void subjectAltName(DerReader names, Builder b) throws DerException {
        while (names.hasMore()) {
            Tlv name = names.read();
            if (name.tag() == DNS_NAME_TAG) {
                b.dnsNames.add(DerValues.string(new Tlv(Tlv.IA5_STRING, name.input(), name.offset(), name.valueOffset(),
                        name.length(), name.depth())));
            } else if (name.tag() == IP_ADDRESS_TAG) {
                if (name.length() != 4 && name.length() != 16) {
                    throw new DerException(DerError.BAD_STRING, name.offset(), "an iPAddress of " + name.length() + " octets");
                }
                try {
                    b.ipAddresses.add(InetAddress.getByAddress(name.value()));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 or 16 octets are always an address", e);
                }
            }
            // otherName, rfc822Name, URI, ...: not names a TLS client checks
        }
    }

    private static void basicConstraints(DerReader constraints, Builder b) throws DerException {
        Tlv ca = constraints.readOptional(Tlv.BOOLEAN);
        b.ca = ca != null && DerValues.bool(ca);
        Tlv pathLength = constraints.readOptional(Tlv.INTEGER);
        if (pathLength != null) {
            BigInteger value = DerValues.integer(pathLength);
            if (value.signum() < 0 || value.bitLength() > 31) {
                throw new DerException(DerError.BAD_INTEGER, pathLength.offset(), "pathLenConstraint " + value);
            }
            b.pathLength = value.intValue();
        }
    }

    private static final class Builder {
        final int version;
        final BigInteger serial;
        final String signatureAlgorithm;
        final Tlv issuer;
        final Tlv subject;
        final Instant notBefore;
        final Instant notAfter;
        String issuerCommonName;
        String subjectCommonName;
        String keyAlgorithm;
        int keyBits;
        String curve;
        boolean ca;
        int pathLength = -1;
        final List<String> dnsNames = new ArrayList<>();
        final List<InetAddress> ipAddresses = new ArrayList<>();
        final List<String> extendedKeyUsage = new ArrayList<>();
        final List<String> critical = new ArrayList<>();

        Builder(int version, BigInteger serial, String signatureAlgorithm, Tlv issuer, Tlv subject, Instant notBefore, Instant notAfter) {
            this.version = version;
            this.serial = serial;
            this.signatureAlgorithm = signatureAlgorithm;
            this.issuer = issuer;
            this.subject = subject;
            this.notBefore = notBefore;
            this.notAfter = notAfter;
        }

        CertificateSummary build() {
            return new CertificateSummary(version, serial, signatureAlgorithm, issuer.encoded(), subject.encoded(),
                    issuerCommonName, subjectCommonName, notBefore, notAfter, dnsNames, ipAddresses, keyAlgorithm,
                    keyBits, curve, ca, pathLength, extendedKeyUsage, critical);
        }
    }
}
