package dev.netlab.tls.der;

import java.util.Arrays;

/**
 * One DER element: tag, length, value (X.690 §8.1), as a view into the input it was read from.
 *
 * <pre>
 *   identifier octet        length octets                     contents
 *  ┌─┬─┬─┬─┬─┬─┬─┬─┐  ┌──────────────────────────────┐  ┌───────────────┐
 *  │class│C│ number  │  │ 0LLLLLLL          (0..127)     │  │ length octets │
 *  │ 2b  │ │  5 bits │  │ 1nnnnnnn + n octets (long form) │  │               │
 *  └─┴─┴─┴─┴─┴─┴─┴─┘  └──────────────────────────────┘  └───────────────┘
 *   0x30 = universal, constructed, 16 (SEQUENCE)     0x02 = universal, primitive, 2 (INTEGER)
 *   0xA0 = context-specific, constructed, [0]        0x82 = context-specific, primitive, [2]
 * </pre>
 *
 * @param tag the identifier octet (single-octet tags only)
 * @param input the whole input the element was read from (not copied)
 * @param offset where the identifier octet is in {@code input}
 * @param valueOffset where the contents start in {@code input}
 * @param length the number of contents octets
 * @param depth how many constructed elements enclose this one (0 at the top)
 */
public record Tlv(int tag, byte[] input, int offset, int valueOffset, int length, int depth) {
    public static final int CLASS_UNIVERSAL = 0b00;
    public static final int CLASS_APPLICATION = 0b01;
    public static final int CLASS_CONTEXT = 0b10;
    public static final int CLASS_PRIVATE = 0b11;

    public static final int BOOLEAN = 0x01;
    public static final int INTEGER = 0x02;
    public static final int BIT_STRING = 0x03;
    public static final int OCTET_STRING = 0x04;
    public static final int NULL = 0x05;
    public static final int OID = 0x06;
    public static final int UTF8_STRING = 0x0C;
    public static final int PRINTABLE_STRING = 0x13;
    public static final int T61_STRING = 0x14;
    public static final int IA5_STRING = 0x16;
    public static final int UTC_TIME = 0x17;
    public static final int GENERALIZED_TIME = 0x18;
    public static final int UNIVERSAL_STRING = 0x1C;
    public static final int BMP_STRING = 0x1E;
    public static final int SEQUENCE = 0x30;
    public static final int SET = 0x31;

    /** The tag of a context-specific [n] element: constructed (EXPLICIT tagging, {@code 0xA0 | n}) or primitive ({@code 0x80 | n}). */
    public static int context(int number, boolean constructed) {
        return 0b1000_0000 | (constructed ? 0b0010_0000 : 0) | number;
    }

    /** Bits 8-7 of the identifier octet. */
    public int tagClass() {
        return (tag & 0b1100_0000) >>> 6;
    }

    /** Bit 6: the contents are themselves elements. */
    public boolean constructed() {
        return (tag & 0b0010_0000) != 0;
    }

    /** Bits 5-1: the tag number. */
    public int tagNumber() {
        return tag & 0b0001_1111;
    }

    /** The index just past the contents. */
    public int end() {
        return valueOffset + length;
    }

    /** A copy of the contents octets. */
    public byte[] value() {
        return Arrays.copyOfRange(input, valueOffset, valueOffset + length);
    }

    /** A copy of the whole element, header included: the DER of this element alone. */
    public byte[] encoded() {
        return Arrays.copyOfRange(input, offset, valueOffset + length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlv t && t.tag == tag && t.input == input && t.offset == offset
                && t.valueOffset == valueOffset && t.length == length && t.depth == depth;
    }

    @Override
    public int hashCode() {
        return (tag * 31 + offset) * 31 + length;
    }

    @Override
    public String toString() {
        return String.format("%s%s@%d l=%d%s", "  ".repeat(Math.min(depth, 40)), Oids.tagName(tag), offset, length,
                constructed() ? "" : "");
    }
}
