package dev.netlab.http2.hpack;

import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
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
    /**
     * Decodes an integer whose first octet {@code first} (already read: its high bits chose the
     * representation) has an {@code prefixBits}-bit prefix (1 to 8); continuation octets are
     * read from {@code in}.
     *
     * @throws Http2Exception COMPRESSION_ERROR when the octets run out or the value passes 2^31−1
     */
    public static int decode(int first, int prefixBits, ByteBuffer in) throws Http2Exception {
        throw StubException.notImplemented("5.03", "HPACK: prefixed integers and string literals", "day5-http2/README.md#hpack");
    }

    /**
     * Appends {@code value} (≥ 0) with a {@code prefixBits}-bit prefix; {@code pattern} holds the
     * representation's bits above the prefix (e.g. {@code 0b1000_0000} for an indexed field).
     */
    public static void encode(OctetBuffer out, int pattern, int prefixBits, int value) {
        throw StubException.notImplemented("5.03", "HPACK: prefixed integers and string literals", "day5-http2/README.md#hpack");
    }
}
