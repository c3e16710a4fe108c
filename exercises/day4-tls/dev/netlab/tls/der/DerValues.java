package dev.netlab.tls.der;

import dev.netlab.kit.StubException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * The values of primitive DER elements (X.690 §8 and §11), each checked against DER's rules
 * and the profile of RFC 5280: INTEGER, BOOLEAN, OBJECT IDENTIFIER, the two time types, BIT
 * STRING and the character strings. Every method takes a {@link Tlv} read by a
 * {@link DerReader} and throws {@link DerException} for a wrong tag or malformed contents.
 */
public final class DerValues {
    private DerValues() {}

    /** An INTEGER (two's complement, big-endian, minimal: X.690 §8.3.2). */
    public static BigInteger integer(Tlv tlv) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /** A BOOLEAN: one octet, 0x00 or 0xFF in DER (X.690 §11.1). */
    public static boolean bool(Tlv tlv) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /**
     * An OBJECT IDENTIFIER in dotted form (X.690 §8.19): base-128 sub-identifiers, high bit set on
     * every octet but the last of each; the first one packs two arcs (40 × X + Y).
     */
    public static String oid(Tlv tlv) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /**
     * A UTCTime or GeneralizedTime as RFC 5280 §4.1.2.5 requires them: {@code YYMMDDHHMMSSZ}
     * (YY ≥ 50 is 19YY, else 20YY) or {@code YYYYMMDDHHMMSSZ}, seconds present, Zulu, no fraction.
     */
    public static Instant time(Tlv tlv) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /** The octets of a BIT STRING after its unused-bits octet (X.690 §8.6.2), which must be 0-7 and 0 when empty. */
    public static byte[] bitString(Tlv tlv) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /** A character string: UTF8String, PrintableString, IA5String, T61String (read as Latin-1), BMPString, UniversalString. */
    public static String string(Tlv tlv) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }
}
