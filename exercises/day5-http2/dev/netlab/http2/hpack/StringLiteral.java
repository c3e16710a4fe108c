package dev.netlab.http2.hpack;

import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
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
    /**
     * Reads one string literal from {@code in} (its position moves past it).
     *
     * @throws Http2Exception COMPRESSION_ERROR when the length runs past the end of {@code in},
     *                        or the Huffman code is invalid (see {@link Huffman#decode})
     */
    public static String decode(ByteBuffer in) throws Http2Exception {
        throw StubException.notImplemented("5.03", "HPACK: prefixed integers and string literals", "day5-http2/README.md#hpack");
    }

    /** Appends {@code s} Huffman-coded when that is shorter (RFC 7541 §5.2), raw otherwise. */
    public static void encode(OctetBuffer out, String s) {
        throw StubException.notImplemented("5.03", "HPACK: prefixed integers and string literals", "day5-http2/README.md#hpack");
    }

    /** Appends {@code s} without Huffman coding. */
    public static void encodeRaw(OctetBuffer out, String s) {
        throw StubException.notImplemented("5.03", "HPACK: prefixed integers and string literals", "day5-http2/README.md#hpack");
    }
}
