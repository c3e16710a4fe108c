package dev.netlab.http2.hpack;

import dev.netlab.http2.Http2Exception;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * HPACK's string literals (RFC 7541 §5.2): a Huffman flag, a length with a 7-bit prefix,
 * then that many octets, Huffman-coded or raw.
 *
 * <pre>
 *   0   1   2   3   4   5   6   7
 * +---+---+---+---+---+---+---+---+
 * | H |    String Length (7+)     |
 * +---+---------------------------+
 * |  String Data (Length octets)  |
 * +-------------------------------+
 * </pre>
 *
 * <p>Strings are octets, held one char per octet (ISO-8859-1).
 */
public final class StringLiteral {
    private static final int HUFFMAN_BIT = 0b1000_0000;
    private static final int LENGTH_PREFIX = 7;

    private StringLiteral() {}

    /**
     * Reads one string literal from {@code in} (its position moves past it).
     *
     * @throws Http2Exception COMPRESSION_ERROR when the length runs past the end of {@code in},
     *                        or the Huffman code is invalid (see {@link Huffman#decode})
     */
    public static String decode(ByteBuffer in) throws Http2Exception {
        if (!in.hasRemaining()) {
            throw Http2Exception.compressionError("a string literal is missing");
        }
        int first = in.get() & 0xff;
        int length = HpackInteger.decode(first, LENGTH_PREFIX, in);
        // checked before a single octet is copied: a length can claim 2 GB in five octets
        if (length > in.remaining()) {
            throw Http2Exception.compressionError("a string literal of %d octets with %d left in the block", length, in.remaining());
        }
        if ((first & HUFFMAN_BIT) != 0) {
            return Huffman.decode(in, length);
        }
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.ISO_8859_1);
            in.position(in.position() + length);
        } else {
            byte[] b = new byte[length];
            in.get(b);
            s = new String(b, StandardCharsets.ISO_8859_1);
        }
        return s;
    }

    /** Appends {@code s} Huffman-coded when that is shorter (RFC 7541 §5.2), raw otherwise. */
    public static void encode(OctetBuffer out, String s) {
        int huffman = Huffman.encodedLength(s);
        if (huffman < s.length()) {
            HpackInteger.encode(out, HUFFMAN_BIT, LENGTH_PREFIX, huffman);
            Huffman.encode(out, s);
        } else {
            encodeRaw(out, s);
        }
    }

    /** Appends {@code s} without Huffman coding. */
    public static void encodeRaw(OctetBuffer out, String s) {
        HpackInteger.encode(out, 0, LENGTH_PREFIX, s.length());
        out.writeLatin1(s);
    }
}
