package dev.netlab.link;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The Internet checksum of RFC 1071: the 16-bit one's complement of the one's complement
 * sum of the data taken as 16-bit big-endian words. IPv4 headers, ICMP, UDP and TCP use it.
 *
 * <pre>
 *   RFC 1071 §1: "(1) Adjacent octets to be checksummed are paired to form 16-bit
 *   integers, and the 1's complement sum of these 16-bit integers is formed.
 *   (2) To generate a checksum, the checksum field itself is cleared, the 16-bit 1's
 *   complement sum is computed over the octets concerned, and the 1's complement of
 *   this sum is placed in the checksum field.
 *   (3) To check a checksum, the 1's complement sum is computed over the same set of
 *   octets, including the checksum field. If the result is all 1 bits (-0 in 1's
 *   complement arithmetic), the check succeeds."
 * </pre>
 */
public final class InternetChecksum {
    private static final int WORD_MASK = 0xFFFF;
    private static final VarHandle BIG_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private InternetChecksum() {
    }

    /**
     * The folded one's complement sum of {@code len} octets at {@code off}, added to
     * {@code initial} (e.g. the sum of a pseudo-header); not complemented. An odd final
     * octet is paired with a zero octet (RFC 1071 §4.1), so only the last region summed
     * may have an odd length.
     */
    public static int sum(byte[] data, int off, int len, int initial) {
        Objects.checkFromIndexSize(off, len, data.length);
        if (initial < 0 || initial > WORD_MASK) {
            throw new IllegalArgumentException("initial sum is 16 bits: " + initial);
        }
        long sum = initial;
        int end = off + len;
        int i = off;
        // RFC 1071 §2(C), "parallel summation": since 2^16 = 1 in one's complement
        // arithmetic mod 0xFFFF, 32-bit halves of big-endian 64-bit reads can be added into a
        // 64-bit accumulator and folded down to 16 bits once at the end. Each step adds less
        // than 2^33, so no carry is lost for any array Java can hold.
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long eight = (long) BIG_ENDIAN_LONGS.get(data, i);
            sum += (eight >>> 32) + (eight & 0xFFFF_FFFFL);
        }
        for (; i + 1 < end; i += 2) {
            sum += (data[i] & 0xFF) << 8 | data[i + 1] & 0xFF;
        }
        if (i < end) {
            sum += (data[i] & 0xFF) << 8; // the odd octet, padded with a zero octet
        }
        // RFC 1071 §2(B): carries out of bit 15 are added back in ("end-around carry").
        while (sum >>> 16 != 0) {
            sum = (sum & WORD_MASK) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The value to put in a checksum field that was zero while summing. */
    public static int checksum(byte[] data, int off, int len) {
        return ~sum(data, off, len, 0) & WORD_MASK;
    }

    /** Whether a region that includes its own checksum field sums to all ones (0xFFFF). */
    public static boolean verify(byte[] data, int off, int len) {
        return sum(data, off, len, 0) == WORD_MASK;
    }
}
