package dev.netlab.quic;

import java.nio.ByteBuffer;

/**
 * QUIC's variable-length integers (RFC 9000 §16): the two high bits of the first octet give
 * the length, the rest is the value in network byte order.
 *
 * <pre>
 *   2MSB  length  usable bits  range
 *   00    1       6            0-63
 *   01    2       14           0-16383
 *   10    4       30           0-1073741823
 *   11    8       62           0-4611686018427387903
 * </pre>
 */
public final class VarInt {
    /** The largest value: 2^62 - 1. */
    public static final long MAX = (1L << 62) - 1;

    private VarInt() {}

    /** The length of the encoding that starts with {@code firstByte}: 1, 2, 4 or 8. */
    public static int lengthOf(int firstByte) {
        return 1 << ((firstByte & 0xff) >>> 6);
    }

    /** The length of the shortest encoding of {@code value}. */
    public static int length(long value) {
        check(value);
        if (value <= 63) {
            return 1;
        }
        if (value <= 16_383) {
            return 2;
        }
        if (value <= 1_073_741_823) {
            return 4;
        }
        return 8;
    }

    /**
     * Reads one integer at {@code in}'s position and moves past it; a truncated one is
     * FRAME_ENCODING_ERROR and leaves the position where it was.
     */
    public static long read(ByteBuffer in) throws QuicException {
        if (!in.hasRemaining()) {
            throw QuicException.connection(QuicError.FRAME_ENCODING_ERROR, "a variable-length integer expected, no octets left");
        }
        int first = in.get(in.position()) & 0xff;
        int length = lengthOf(first);
        if (in.remaining() < length) {
            throw QuicException.connection(QuicError.FRAME_ENCODING_ERROR,
                    "a " + length + "-octet variable-length integer, only " + in.remaining() + " octets left");
        }
        long value = first & 0b0011_1111;
        in.get();
        for (int i = 1; i < length; i++) {
            value = (value << 8) | (in.get() & 0xff);
        }
        return value;
    }

    /** Writes {@code value} in its shortest encoding at {@code out}'s position. */
    public static void write(ByteBuffer out, long value) {
        int length = length(value);
        switch (length) {
            case 1 -> out.put((byte) value);
            case 2 -> out.putShort((short) (0b01 << 14 | value));
            case 4 -> out.putInt((int) (0b10L << 30 | value));
            default -> out.putLong(0b11L << 62 | value);
        }
    }

    private static void check(long value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("a QUIC variable-length integer is 0.." + MAX + ": " + value);
        }
    }
}
