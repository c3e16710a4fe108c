package dev.netlab.tls.der;

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
    /** A length of more octets than this (four: up to 2 GiB) is refused before it is read. */
    private static final int MAX_LENGTH_OCTETS = 4;
    private static final int LONG_FORM = 0b1000_0000;
    private static final int HIGH_TAG_NUMBER = 0b0001_1111;

    private final byte[] input;
    private final int end;
    private final int depth;
    private int position;

    /** A reader over all of {@code der}, at depth 0. */
    public DerReader(byte[] der) {
        this(der, 0, der.length, 0);
    }

    private DerReader(byte[] input, int from, int end, int depth) {
        this.input = input;
        this.position = from;
        this.end = end;
        this.depth = depth;
    }

    /** Whether an element is left at this level. */
    public boolean hasMore() {
        return position < end;
    }

    /** Where the next element starts, from the start of the whole input. */
    public int position() {
        return position;
    }

    /** The tag of the next element, without moving; {@link DerError#TRUNCATED} at the end of this level. */
    public int peekTag() throws DerException {
        if (position >= end) {
            throw new DerException(DerError.TRUNCATED, position, "expected another element, the input ends here");
        }
        return input[position] & 0xFF;
    }

    /** The next element of this level. */
    public Tlv read() throws DerException {
        int start = position;
        int tag = peekTag();
        if ((tag & HIGH_TAG_NUMBER) == HIGH_TAG_NUMBER) {
            throw new DerException(DerError.UNSUPPORTED_TAG, start, String.format("tag 0x%02x uses the high-tag-number form", tag));
        }
        if (start + 1 >= end) {
            throw new DerException(DerError.TRUNCATED, start + 1, "the element has a tag but no length");
        }
        int first = input[start + 1] & 0xFF;
        int valueOffset = start + 2;
        long length;
        if ((first & LONG_FORM) == 0) {
            length = first; // short form: 0..127
        } else if (first == LONG_FORM) {
            // X.690 §10.1: "The definite form of length encoding shall be used."
            throw new DerException(DerError.INDEFINITE_LENGTH, start + 1, "the indefinite length form (0x80) is not DER");
        } else {
            int count = first & 0b0111_1111;
            if (count > MAX_LENGTH_OCTETS) {
                throw new DerException(DerError.LENGTH_TOO_LARGE, start + 1, count + " length octets");
            }
            if (valueOffset + count > end) {
                throw new DerException(DerError.TRUNCATED, start + 1, "the length needs " + count + " octets");
            }
            if (input[valueOffset] == 0) {
                throw new DerException(DerError.NON_MINIMAL_LENGTH, valueOffset, "a length octet of 0x00 in front");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (input[valueOffset + i] & 0xFF);
            }
            if (length < LONG_FORM) {
                // X.690 §10.1: "... in the minimum number of octets"
                throw new DerException(DerError.NON_MINIMAL_LENGTH, start + 1, "length " + length + " fits the short form");
            }
            valueOffset += count;
        }
        if (length > end - valueOffset) {
            throw new DerException(DerError.TRUNCATED, start, Oids.tagName(tag) + " claims " + length
                    + " octets, " + (end - valueOffset) + " are left");
        }
        position = valueOffset + (int) length;
        return new Tlv(tag, input, start, valueOffset, (int) length, depth);
    }

    /** The next element, which must have tag {@code tag}. */
    public Tlv read(int tag) throws DerException {
        int at = position;
        Tlv tlv = read();
        if (tlv.tag() != tag) {
            throw new DerException(DerError.UNEXPECTED_TAG, at, "expected " + Oids.tagName(tag) + ", found " + Oids.tagName(tlv.tag()));
        }
        return tlv;
    }

    /** The next element if it has tag {@code tag}; null (nothing consumed) otherwise or at the end. */
    public Tlv readOptional(int tag) throws DerException {
        return hasMore() && peekTag() == tag ? read() : null;
    }

    /** A reader over the contents of {@code constructed}, one level deeper. */
    public DerReader enter(Tlv constructed) throws DerException {
        if (!constructed.constructed()) {
            throw new DerException(DerError.UNEXPECTED_TAG, constructed.offset(), Oids.tagName(constructed.tag()) + " is primitive");
        }
        if (depth + 1 > MAX_DEPTH) {
            throw new DerException(DerError.TOO_DEEP, constructed.offset(), "more than " + MAX_DEPTH + " nested elements");
        }
        return new DerReader(input, constructed.valueOffset(), constructed.end(), depth + 1);
    }

    /**
     * A reader over the contents of a primitive element that itself holds DER, one level deeper:
     * an extension's {@code extnValue OCTET STRING} (RFC 5280 §4.1). Offsets stay those of the whole input.
     */
    public DerReader wrapped(Tlv primitive) throws DerException {
        if (depth + 1 > MAX_DEPTH) {
            throw new DerException(DerError.TOO_DEEP, primitive.offset(), "more than " + MAX_DEPTH + " nested elements");
        }
        return new DerReader(input, primitive.valueOffset(), primitive.end(), depth + 1);
    }

    /** {@code enter(read(tag))}. */
    public DerReader enter(int tag) throws DerException {
        return enter(read(tag));
    }

    /** Asserts this level is used up. */
    public void end() throws DerException {
        if (position < end) {
            throw new DerException(DerError.TRAILING_DATA, position, (end - position) + " octets after the last expected element");
        }
    }

    /**
     * Every element of {@code der}, depth first in document order (what {@code openssl asn1parse}
     * lists), descending into every constructed element; the input must be whole elements.
     * Iterative: hostile nesting meets {@link #MAX_DEPTH}, never the thread's stack.
     */
    public static List<Tlv> parseAll(byte[] der) throws DerException {
        List<Tlv> all = new ArrayList<>();
        Deque<DerReader> stack = new ArrayDeque<>();
        stack.push(new DerReader(der));
        while (!stack.isEmpty()) {
            DerReader level = stack.peek();
            if (!level.hasMore()) {
                stack.pop();
                continue;
            }
            Tlv tlv = level.read();
            all.add(tlv);
            if (tlv.constructed()) {
                stack.push(level.enter(tlv));
            }
        }
        return all;
    }
}
