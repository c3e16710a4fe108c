package dev.netlab.tls.der;

import java.util.Map;

/** Names for the object identifiers and tags a certificate reader meets (RFC 5280, RFC 5480, RFC 8017). */
public final class Oids {
    private Oids() {}

    public static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    public static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    public static final String ED25519 = "1.3.101.112";
    public static final String ED448 = "1.3.101.113";
    public static final String RSASSA_PSS = "1.2.840.113549.1.1.10";

    public static final String SECP256R1 = "1.2.840.10045.3.1.7";
    public static final String SECP384R1 = "1.3.132.0.34";
    public static final String SECP521R1 = "1.3.132.0.35";

    public static final String COMMON_NAME = "2.5.4.3";
    public static final String ORGANIZATION = "2.5.4.10";

    public static final String SUBJECT_ALT_NAME = "2.5.29.17";
    public static final String BASIC_CONSTRAINTS = "2.5.29.19";
    public static final String KEY_USAGE = "2.5.29.15";
    public static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    public static final String NAME_CONSTRAINTS = "2.5.29.30";

    public static final String KP_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    public static final String KP_CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    public static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(RSA_ENCRYPTION, "rsaEncryption"),
            Map.entry(EC_PUBLIC_KEY, "id-ecPublicKey"),
            Map.entry(ED25519, "Ed25519"),
            Map.entry(ED448, "Ed448"),
            Map.entry(RSASSA_PSS, "RSASSA-PSS"),
            Map.entry(SECP256R1, "secp256r1"),
            Map.entry(SECP384R1, "secp384r1"),
            Map.entry(SECP521R1, "secp521r1"),
            Map.entry("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
            Map.entry("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
            Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
            Map.entry("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
            Map.entry(COMMON_NAME, "CN"),
            Map.entry("2.5.4.6", "C"),
            Map.entry("2.5.4.7", "L"),
            Map.entry("2.5.4.8", "ST"),
            Map.entry(ORGANIZATION, "O"),
            Map.entry("2.5.4.11", "OU"),
            Map.entry("2.5.4.5", "serialNumber"),
            Map.entry("1.2.840.113549.1.9.1", "emailAddress"),
            Map.entry("0.9.2342.19200300.100.1.25", "DC"),
            Map.entry(SUBJECT_ALT_NAME, "subjectAltName"),
            Map.entry(BASIC_CONSTRAINTS, "basicConstraints"),
            Map.entry(KEY_USAGE, "keyUsage"),
            Map.entry(EXTENDED_KEY_USAGE, "extKeyUsage"),
            Map.entry(NAME_CONSTRAINTS, "nameConstraints"),
            Map.entry("2.5.29.14", "subjectKeyIdentifier"),
            Map.entry("2.5.29.35", "authorityKeyIdentifier"),
            Map.entry("2.5.29.32", "certificatePolicies"),
            Map.entry("2.5.29.31", "cRLDistributionPoints"),
            Map.entry("1.3.6.1.5.5.7.1.1", "authorityInfoAccess"),
            Map.entry(KP_SERVER_AUTH, "serverAuth"),
            Map.entry(KP_CLIENT_AUTH, "clientAuth"));

    /** A short name for {@code oid}, or the dotted form itself. */
    public static String name(String oid) {
        return NAMES.getOrDefault(oid, oid);
    }

    /** The ASN.1 name of a universal tag, or {@code [n]} for a context-specific one. */
    public static String tagName(int tag) {
        return switch (tag) {
            case Tlv.BOOLEAN -> "BOOLEAN";
            case Tlv.INTEGER -> "INTEGER";
            case Tlv.BIT_STRING -> "BIT STRING";
            case Tlv.OCTET_STRING -> "OCTET STRING";
            case Tlv.NULL -> "NULL";
            case Tlv.OID -> "OBJECT IDENTIFIER";
            case Tlv.UTF8_STRING -> "UTF8String";
            case Tlv.PRINTABLE_STRING -> "PrintableString";
            case Tlv.T61_STRING -> "T61String";
            case Tlv.IA5_STRING -> "IA5String";
            case Tlv.UTC_TIME -> "UTCTime";
            case Tlv.GENERALIZED_TIME -> "GeneralizedTime";
            case Tlv.UNIVERSAL_STRING -> "UniversalString";
            case Tlv.BMP_STRING -> "BMPString";
            case Tlv.SEQUENCE -> "SEQUENCE";
            case Tlv.SET -> "SET";
            default -> (tag & 0b1100_0000) == 0b1000_0000 ? "[" + (tag & 0b1_1111) + "]" : String.format("tag 0x%02x", tag);
        };
    }
}
