package dev.netlab.tls.der;

/** Why DER (ITU-T X.690 §10, the Distinguished Encoding Rules) could not be read. */
public enum DerError {
    /** A header or a value runs past the end of its enclosing input. */
    TRUNCATED,
    /** The length octet 0x80: the indefinite form, which BER allows and DER forbids (X.690 §10.1). */
    INDEFINITE_LENGTH,
    /** A long-form length that could have been shorter (leading zero octet, or a value below 128) (X.690 §10.1). */
    NON_MINIMAL_LENGTH,
    /** A length of more than four octets, or one that does not fit the reader's limits. */
    LENGTH_TOO_LARGE,
    /** Constructed values nested deeper than the reader allows. */
    TOO_DEEP,
    /** The high-tag-number form (tag number 31 and above), which no certificate field uses. */
    UNSUPPORTED_TAG,
    /** A tag other than the one the structure requires at this place. */
    UNEXPECTED_TAG,
    /** Octets left after a structure that should have ended. */
    TRAILING_DATA,
    /** An INTEGER with no octets or with a redundant leading octet (X.690 §8.3.2). */
    BAD_INTEGER,
    /** An OBJECT IDENTIFIER that is empty, ends inside a sub-identifier or pads one with 0x80 (X.690 §8.19). */
    BAD_OID,
    /** A UTCTime or GeneralizedTime not in RFC 5280 §4.1.2.5's form (YYMMDDHHMMSSZ / YYYYMMDDHHMMSSZ). */
    BAD_TIME,
    /** A BIT STRING with no octets or more than 7 unused bits (X.690 §8.6). */
    BAD_BIT_STRING,
    /** A BOOLEAN that is not one octet of 0x00 or 0xFF (X.690 §11.1). */
    BAD_BOOLEAN,
    /** A character string whose octets are not valid for its type. */
    BAD_STRING,
    /** The same extension twice in one certificate (RFC 5280 §4.2: "MUST NOT include more than one instance"). */
    DUPLICATE_EXTENSION
}
