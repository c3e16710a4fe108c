package dev.netlab.quic;

import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;

/**
 * QUIC's variable-length integers (RFC 9000 §16): the two high bits of the first octet give
 * the length, the other 6, 14, 30 or 62 bits are the value in network byte order.
 *
 * <pre>
 *   2MSB  length  usable bits  range
 *   00    1       6            0-63
 *   01    2       14           0-16383
 *   10    4       30           0-1073741823
 *   11    8       62           0-4611686018427387903
 * </pre>
 *
 * <p>Your job: {@link #read} decodes any encoding, including a longer one than needed
 * ({@code 0x4025} is 37: RFC 9000 A.1); {@link #write} always writes the shortest.
 */
public final class VarInt {
    /** The largest value: 2^62 - 1. */
    public static final long MAX = (1L << 62) - 1;

    private VarInt() {}

    /** The length of the encoding that starts with {@code firstByte}: 1, 2, 4 or 8 (from its two high bits). */
    public static int lengthOf(int firstByte) {
        throw StubException.notImplemented("7.21", "QUIC variable-length integers", "day7-capstone/ADVANCED.md#variable-length-integers");
    }

    /**
     * The length of the shortest encoding of {@code value}: 1 up to 63, 2 up to 16383, 4 up
     * to 2^30-1, else 8. IllegalArgumentException for a negative value or one over {@link #MAX}.
     */
    public static int length(long value) {
        throw StubException.notImplemented("7.21", "QUIC variable-length integers", "day7-capstone/ADVANCED.md#variable-length-integers");
    }

    /**
     * Reads one integer at {@code in}'s position and moves the position past it. When the
     * buffer ends before the integer does (or is empty), throws
     * {@code QuicException.connection(QuicError.FRAME_ENCODING_ERROR, ...)} and leaves the
     * position where it was.
     */
    public static long read(ByteBuffer in) throws QuicException {
        throw StubException.notImplemented("7.21", "QUIC variable-length integers", "day7-capstone/ADVANCED.md#variable-length-integers");
    }

    /**
     * Writes {@code value} in its shortest encoding at {@code out}'s position (the length bits
     * 00, 01, 10 or 11 in the first octet's two high bits, then the value big-endian).
     * IllegalArgumentException for a negative value or one over {@link #MAX}.
     */
    public static void write(ByteBuffer out, long value) {
        throw StubException.notImplemented("7.21", "QUIC variable-length integers", "day7-capstone/ADVANCED.md#variable-length-integers");
    }
}
