package dev.netlab.tls.der;

import dev.netlab.kit.StubException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads DER (ITU-T X.690 §8 and §10) one tag-length-value at a time, without trusting a single
 * length: every length is checked against the octets that are really there before anything is
 * read or allocated.
 *
 * <pre>
 *  tag      length                               value
 *  30       82 01 b3                             (435 octets: a SEQUENCE)
 *  │        │  └──┴─ 2 length octets, big-endian: 0x01b3 = 435
 *  │        └─ 0b1000_0010: long form, 2 octets follow
 *  └─ 0b00_1_10000: universal, constructed, 16
 *
 *  02       01                                   02            INTEGER 2
 *  06       08                                   2a 86 48 ce 3d 04 03 02   OID 1.2.840.10045.4.3.2
 * </pre>
 *
 * <p>A reader covers one level: {@link #read()} returns the next element of that level,
 * {@link #enter(Tlv)} gives a reader over a constructed element's contents, one level deeper
 * (at most {@link #MAX_DEPTH}). DER's rules enforced here (X.690 §10.1): definite lengths only,
 * in the fewest octets; single-octet tags (every certificate field has one). Offsets in errors
 * count from the start of the whole input.
 */
public final class DerReader {
    /** How deep constructed elements may nest: a certificate needs about 8 levels. */
    public static final int MAX_DEPTH = 32;

    /** A reader over all of {@code der}, at depth 0. */
    public DerReader(byte[] der) {
        // keep what you need in fields (see the class comment)
    }

    /** Whether an element is left at this level. */
    public boolean hasMore() {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /** Where the next element starts, from the start of the whole input. */
    public int position() {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /** The tag of the next element, without moving; {@link DerError#TRUNCATED} at the end of this level. */
    public int peekTag() throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /** The next element of this level. */
    public Tlv read() throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /** The next element, which must have tag {@code tag}. */
    public Tlv read(int tag) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /** The next element if it has tag {@code tag}; null (nothing consumed) otherwise or at the end. */
    public Tlv readOptional(int tag) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /** A reader over the contents of {@code constructed}, one level deeper. */
    public DerReader enter(Tlv constructed) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /**
     * A reader over the contents of a primitive element that itself holds DER, one level deeper:
     * an extension's {@code extnValue OCTET STRING} (RFC 5280 §4.1). Offsets stay those of the whole input.
     */
    public DerReader wrapped(Tlv primitive) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /** {@code enter(read(tag))}. */
    public DerReader enter(int tag) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /** Asserts this level is used up. */
    public void end() throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }

    /**
     * Every element of {@code der}, depth first in document order (what {@code openssl asn1parse}
     * lists), descending into every constructed element; the input must be whole elements.
     * Iterative: hostile nesting meets {@link #MAX_DEPTH}, never the thread's stack.
     */
    public static List<Tlv> parseAll(byte[] der) throws DerException {
        throw StubException.notImplemented("4.02", "ASN.1 DER by hand: the fields of a certificate", "day4-tls/README.md#asn1-der-by-hand");
    }
}
