package dev.netlab.http2.hpack;

import dev.netlab.http2.Http2Exception;
import java.nio.ByteBuffer;

/**
 * HPACK's prefixed integers (RFC 7541 §5.1): an integer starts in the low N bits of an octet
 * whose high bits belong to the representation; if it does not fit, those N bits are all ones
 * and the rest follows 7 bits per octet, least significant group first, the high bit of each
 * octet saying "more follows".
 *
 * <pre>
 *   0   1   2   3   4   5   6   7
 * +---+---+---+---+---+---+---+---+
 * | ? | ? | ? |       Value       |     value &lt; 2^N − 1: in the prefix
 * +---+---+---+-------------------+
 *
 * +---+---+---+---+---+---+---+---+
 * | ? | ? | ? | 1   1   1   1   1 |     otherwise: the prefix is all ones,
 * +---+---+---+-------------------+
 * | 1 |    Value-(2^N-1) LSB      |     then value − (2^N − 1), 7 bits at a time
 * +---+---------------------------+
 *                ...
 * +---+---------------------------+
 * | 0 |    Value-(2^N-1) MSB      |
 * +---+---------------------------+
 * </pre>
 *
 * <p>RFC 7541 §5.1: "Integer encodings that exceed implementation limits — in value or octet
 * length — MUST be treated as decoding errors." Here the limit is {@code Integer.MAX_VALUE}.
 */
public final class HpackInteger {
    private static final int CONTINUATION_BIT = 0b1000_0000;
    private static final int SEVEN_BITS = 0b0111_1111;

    private HpackInteger() {}

    /**
     * Decodes an integer whose first octet {@code first} (already read: its high bits chose the
     * representation) has an {@code prefixBits}-bit prefix (1 to 8); continuation octets are
     * read from {@code in}.
     *
     * @throws Http2Exception COMPRESSION_ERROR when the octets run out or the value passes 2^31−1
     */
    public static int decode(int first, int prefixBits, ByteBuffer in) throws Http2Exception {
        int max = (1 << prefixBits) - 1;
        int value = first & max;
        if (value < max) {
            return value;
        }
        long total = max;
        for (int shift = 0; ; shift += 7) {
            if (!in.hasRemaining()) {
                throw Http2Exception.compressionError("an integer ends in the middle (%d continuation octets read)", shift / 7);
            }
            int b = in.get() & 0xff;
            total += (long) (b & SEVEN_BITS) << shift;
            if (total > Integer.MAX_VALUE) {
                throw Http2Exception.compressionError("an integer is larger than 2^31-1");
            }
            if ((b & CONTINUATION_BIT) == 0) {
                return (int) total;
            }
            // a run of 0x80 octets adds nothing but would go on forever: the value check above
            // cannot see it, so bound the octet count too (5 octets carry 35 bits)
            if (shift >= 28) {
                throw Http2Exception.compressionError("an integer has more than 5 continuation octets");
            }
        }
    }

    /**
     * Appends {@code value} (≥ 0) with a {@code prefixBits}-bit prefix; {@code pattern} holds the
     * representation's bits above the prefix (e.g. {@code 0b1000_0000} for an indexed field).
     */
    public static void encode(OctetBuffer out, int pattern, int prefixBits, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("HPACK integers are not negative: " + value);
        }
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.write(pattern | value);
            return;
        }
        out.write(pattern | max);
        int rest = value - max;
        while (rest >= CONTINUATION_BIT) {
            out.write(CONTINUATION_BIT | rest & SEVEN_BITS);
            rest >>>= 7;
        }
        out.write(rest);
    }
}
