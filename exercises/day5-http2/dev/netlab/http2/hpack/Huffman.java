package dev.netlab.http2.hpack;

import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The Huffman coding of HPACK string literals (RFC 7541 §5.2, the code of Appendix B in
 * {@link HuffmanCode}).
 *
 * <p><b>Encoding</b> appends each octet's code, most significant bit first, and pads the last
 * octet with the most significant bits of EOS, which are all ones.
 *
 * <p><b>Decoding</b> walks the code's binary tree. Bit by bit is the textbook way; this one
 * takes four bits at a time: a table built once from the tree says, for each inner node and
 * each 4-bit nibble, the node the nibble leads to and the symbol it completes on the way (at
 * most one: the shortest code has 5 bits). RFC 7541 §5.2 makes three things decoding errors,
 * all caught here:
 * <ul>
 *   <li>"A Huffman-encoded string literal containing the EOS symbol MUST be treated as a
 *       decoding error."</li>
 *   <li>"A padding strictly longer than 7 bits MUST be treated as a decoding error."</li>
 *   <li>"A padding not corresponding to the most significant bits of the code for the EOS
 *       symbol MUST be treated as a decoding error."</li>
 * </ul>
 * The last two mean: when the input ends, the bits since the last whole symbol must be at
 * most 7 ones.
 */
public final class Huffman {
    /**
     * Decodes {@code length} Huffman-coded octets from {@code in} (its position moves past them)
     * into a string of octets (ISO-8859-1).
     *
     * @throws Http2Exception COMPRESSION_ERROR for EOS in the data or invalid padding
     */
    public static String decode(ByteBuffer in, int length) throws Http2Exception {
        throw StubException.notImplemented("5.04", "HPACK: Huffman decode and encode, EOS and padding rules", "day5-http2/README.md#hpack");
    }

    /** The length in octets of {@code s} Huffman-coded, padding included. */
    public static int encodedLength(String s) {
        throw StubException.notImplemented("5.04", "HPACK: Huffman decode and encode, EOS and padding rules", "day5-http2/README.md#hpack");
    }

    /** Appends {@code s} (chars as octets) Huffman-coded, padded with ones to a whole octet. */
    public static void encode(OctetBuffer out, String s) {
        throw StubException.notImplemented("5.04", "HPACK: Huffman decode and encode, EOS and padding rules", "day5-http2/README.md#hpack");
    }
}
