package dev.netlab.tls.der;

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
        expect(tlv, Tlv.INTEGER);
        byte[] in = tlv.input();
        int at = tlv.valueOffset();
        if (tlv.length() == 0) {
            throw new DerException(DerError.BAD_INTEGER, tlv.offset(), "an INTEGER needs at least one octet");
        }
        if (tlv.length() > 1) {
            int first = in[at] & 0xFF;
            int secondTop = in[at + 1] & 0b1000_0000;
            // the first nine bits must not all be 0 or all be 1
            if ((first == 0x00 && secondTop == 0) || (first == 0xFF && secondTop != 0)) {
                throw new DerException(DerError.BAD_INTEGER, at, "a redundant leading octet");
            }
        }
        return new BigInteger(in, at, tlv.length());
    }

    /** A BOOLEAN: one octet, 0x00 or 0xFF in DER (X.690 §11.1). */
    public static boolean bool(Tlv tlv) throws DerException {
        expect(tlv, Tlv.BOOLEAN);
        int value = tlv.length() == 1 ? tlv.input()[tlv.valueOffset()] & 0xFF : -1;
        if (value != 0x00 && value != 0xFF) {
            throw new DerException(DerError.BAD_BOOLEAN, tlv.valueOffset(), "a DER BOOLEAN is one octet, 00 or FF");
        }
        return value == 0xFF;
    }

    /**
     * An OBJECT IDENTIFIER in dotted form (X.690 §8.19): base-128 sub-identifiers, high bit set on
     * every octet but the last of each; the first one packs two arcs (40 × X + Y).
     */
    public static String oid(Tlv tlv) throws DerException {
        expect(tlv, Tlv.OID);
        byte[] in = tlv.input();
        if (tlv.length() == 0 || tlv.length() > 255) {
            throw new DerException(DerError.BAD_OID, tlv.offset(), "an OBJECT IDENTIFIER of " + tlv.length() + " octets");
        }
        StringBuilder dotted = new StringBuilder();
        long value = 0;
        int octets = 0;
        for (int i = tlv.valueOffset(); i < tlv.end(); i++) {
            int b = in[i] & 0xFF;
            if (octets == 0 && b == 0x80) {
                throw new DerException(DerError.BAD_OID, i, "a sub-identifier padded with 0x80 (X.690 §8.19.2)");
            }
            if (++octets > 8) {
                throw new DerException(DerError.BAD_OID, i, "a sub-identifier larger than 56 bits");
            }
            value = (value << 7) | (b & 0b0111_1111);
            if ((b & 0b1000_0000) != 0) {
                continue; // more octets of this sub-identifier follow
            }
            if (dotted.isEmpty()) {
                long first = Math.min(value / 40, 2);
                dotted.append(first).append('.').append(value - 40 * first);
            } else {
                dotted.append('.').append(value);
            }
            value = 0;
            octets = 0;
        }
        if (octets != 0) {
            throw new DerException(DerError.BAD_OID, tlv.end() - 1, "the last sub-identifier is cut off");
        }
        return dotted.toString();
    }

    /**
     * A UTCTime or GeneralizedTime as RFC 5280 §4.1.2.5 requires them: {@code YYMMDDHHMMSSZ}
     * (YY ≥ 50 is 19YY, else 20YY) or {@code YYYYMMDDHHMMSSZ}, seconds present, Zulu, no fraction.
     */
    public static Instant time(Tlv tlv) throws DerException {
        int digits;
        if (tlv.tag() == Tlv.UTC_TIME) {
            digits = 12;
        } else if (tlv.tag() == Tlv.GENERALIZED_TIME) {
            digits = 14;
        } else {
            throw new DerException(DerError.UNEXPECTED_TAG, tlv.offset(), "expected UTCTime or GeneralizedTime, found "
                    + Oids.tagName(tlv.tag()));
        }
        byte[] in = tlv.input();
        int at = tlv.valueOffset();
        if (tlv.length() != digits + 1 || in[at + digits] != 'Z') {
            throw new DerException(DerError.BAD_TIME, at, "not " + (digits == 12 ? "YYMMDDHHMMSSZ" : "YYYYMMDDHHMMSSZ"));
        }
        for (int i = 0; i < digits; i++) {
            if (in[at + i] < '0' || in[at + i] > '9') {
                throw new DerException(DerError.BAD_TIME, at + i, "a time holds only digits before the Z");
            }
        }
        int year;
        int rest = at;
        if (digits == 12) {
            int yy = number(in, at);
            year = yy >= 50 ? 1900 + yy : 2000 + yy; // RFC 5280 §4.1.2.5.1
            rest += 2;
        } else {
            year = number(in, at) * 100 + number(in, at + 2);
            rest += 4;
        }
        try {
            return LocalDateTime.of(year, number(in, rest), number(in, rest + 2), number(in, rest + 4),
                    number(in, rest + 6), number(in, rest + 8)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new DerException(DerError.BAD_TIME, at, "no such date or time: " + e.getMessage());
        }
    }

    private static int number(byte[] in, int at) {
        return (in[at] - '0') * 10 + (in[at + 1] - '0');
    }

    /** The octets of a BIT STRING after its unused-bits octet (X.690 §8.6.2), which must be 0-7 and 0 when empty. */
    public static byte[] bitString(Tlv tlv) throws DerException {
        expect(tlv, Tlv.BIT_STRING);
        int unused = tlv.length() == 0 ? -1 : tlv.input()[tlv.valueOffset()] & 0xFF;
        if (unused < 0 || unused > 7 || (tlv.length() == 1 && unused != 0)) {
            throw new DerException(DerError.BAD_BIT_STRING, tlv.offset(), "a BIT STRING starts with its count of unused bits, 0-7");
        }
        return Arrays.copyOfRange(tlv.input(), tlv.valueOffset() + 1, tlv.end());
    }

    /** A character string: UTF8String, PrintableString, IA5String, T61String (read as Latin-1), BMPString, UniversalString. */
    public static String string(Tlv tlv) throws DerException {
        Charset charset = switch (tlv.tag()) {
            case Tlv.UTF8_STRING -> StandardCharsets.UTF_8;
            // PrintableString's alphabet is narrower, but real CAs put '*', '@' and '&' in it, and
            // browsers read them (Postel, documented): printable ASCII is accepted.
            case Tlv.PRINTABLE_STRING, Tlv.IA5_STRING -> StandardCharsets.US_ASCII;
            case Tlv.T61_STRING -> StandardCharsets.ISO_8859_1;
            case Tlv.BMP_STRING -> StandardCharsets.UTF_16BE;
            case Tlv.UNIVERSAL_STRING -> Charset.forName("UTF-32BE");
            default -> throw new DerException(DerError.UNEXPECTED_TAG, tlv.offset(), Oids.tagName(tlv.tag()) + " is not a string type");
        };
        try {
            String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(tlv.input(), tlv.valueOffset(), tlv.length())).toString();
            if (tlv.tag() == Tlv.PRINTABLE_STRING && text.chars().anyMatch(c -> c < 0x20 || c > 0x7E)) {
                throw new DerException(DerError.BAD_STRING, tlv.valueOffset(), "a control character in a PrintableString");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new DerException(DerError.BAD_STRING, tlv.valueOffset(), "not valid " + Oids.tagName(tlv.tag()));
        }
    }

    private static void expect(Tlv tlv, int tag) throws DerException {
        if (tlv.tag() != tag) {
            throw new DerException(DerError.UNEXPECTED_TAG, tlv.offset(), "expected " + Oids.tagName(tag) + ", found " + Oids.tagName(tlv.tag()));
        }
    }
}
