package dev.netlab.http2.hpack;

import dev.netlab.http2.Http2Exception;
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
    /** Inner nodes of the tree: 256 for 257 leaves. The root is node 0. */
    private static final int NODES = 256;
    private static final int NO_SYMBOL = 0x1ff;
    private static final int FAIL = 1 << 30;
    /** Per node and nibble: next node (bits 0–8), symbol (bits 9–17, NO_SYMBOL for none), FAIL. */
    private static final int[] STEP = new int[NODES * 16];
    /** Per node: true when the bits from the root to it are all ones and at most 7 (valid padding). */
    private static final boolean[] ACCEPTS = new boolean[NODES];

    static {
        // the tree: children[node][bit] >= 0 an inner node, < 0 a leaf holding ~symbol
        int[][] children = new int[NODES][2];
        int[] depth = new int[NODES];
        boolean[] allOnes = new boolean[NODES];
        for (int[] c : children) {
            c[0] = c[1] = Integer.MIN_VALUE;
        }
        allOnes[0] = true;
        int nodes = 1;
        for (int sym = 0; sym <= HuffmanCode.EOS; sym++) {
            int code = HuffmanCode.code(sym);
            int len = HuffmanCode.length(sym);
            int node = 0;
            for (int i = len - 1; i > 0; i--) {
                int bit = code >>> i & 1;
                if (children[node][bit] == Integer.MIN_VALUE) {
                    int child = nodes++;
                    children[node][bit] = child;
                    depth[child] = depth[node] + 1;
                    allOnes[child] = allOnes[node] && bit == 1;
                }
                node = children[node][bit];
            }
            children[node][code & 1] = ~sym;
        }
        for (int node = 0; node < NODES; node++) {
            ACCEPTS[node] = allOnes[node] && depth[node] <= 7;
            for (int nibble = 0; nibble < 16; nibble++) {
                int at = node;
                int symbol = NO_SYMBOL;
                boolean fail = false;
                for (int i = 3; i >= 0; i--) {
                    int next = children[at][nibble >>> i & 1];
                    if (next < 0) {
                        symbol = ~next;
                        fail |= symbol == HuffmanCode.EOS;
                        at = 0;
                    } else {
                        at = next;
                    }
                }
                STEP[node * 16 + nibble] = at | symbol << 9 | (fail ? FAIL : 0);
            }
        }
    }

    private Huffman() {}

    /**
     * Decodes {@code length} Huffman-coded octets from {@code in} (its position moves past them)
     * into a string of octets (ISO-8859-1).
     *
     * @throws Http2Exception COMPRESSION_ERROR for EOS in the data or invalid padding
     */
    public static String decode(ByteBuffer in, int length) throws Http2Exception {
        // every 5 bits produce at most one symbol: length * 8 / 5 octets out at most
        byte[] out = new byte[length * 8 / 5 + 1];
        int n = 0;
        int node = 0;
        for (int i = 0; i < length; i++) {
            int b = in.get() & 0xff;
            int step = STEP[node * 16 + (b >>> 4)];
            int symbol = step >>> 9 & NO_SYMBOL;
            if (symbol != NO_SYMBOL) {
                if ((step & FAIL) != 0) {
                    throw Http2Exception.compressionError("a Huffman-coded string contains EOS");
                }
                out[n++] = (byte) symbol;
            }
            node = step & NO_SYMBOL;
            step = STEP[node * 16 + (b & 0x0f)];
            symbol = step >>> 9 & NO_SYMBOL;
            if (symbol != NO_SYMBOL) {
                if ((step & FAIL) != 0) {
                    throw Http2Exception.compressionError("a Huffman-coded string contains EOS");
                }
                out[n++] = (byte) symbol;
            }
            node = step & NO_SYMBOL;
        }
        if (!ACCEPTS[node]) {
            throw Http2Exception.compressionError("a Huffman-coded string ends with invalid padding "
                    + "(more than 7 bits, or not the leading ones of EOS)");
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** The length in octets of {@code s} Huffman-coded, padding included. */
    public static int encodedLength(String s) {
        long bits = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            bits += HuffmanCode.length(s.charAt(i) & 0xff);
        }
        return (int) ((bits + 7) >>> 3);
    }

    /** Appends {@code s} (chars as octets) Huffman-coded, padded with ones to a whole octet. */
    public static void encode(OctetBuffer out, String s) {
        long acc = 0;
        int bits = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            int sym = s.charAt(i) & 0xff;
            int len = HuffmanCode.length(sym);
            acc = acc << len | HuffmanCode.code(sym);
            bits += len;
            while (bits >= 8) {
                bits -= 8;
                out.write((int) (acc >>> bits));
            }
        }
        if (bits > 0) {
            // RFC 7541 §5.2: padding "corresponding to the most significant bits of the code for the EOS symbol"
            out.write((int) (acc << (8 - bits)) | 0xff >>> bits);
        }
    }
}
