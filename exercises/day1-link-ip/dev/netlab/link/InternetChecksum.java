package dev.netlab.link;

import dev.netlab.kit.StubException;

/**
 * The Internet checksum of RFC 1071, used by IPv4 headers, ICMP, UDP and TCP.
 *
 * <p>Your job: add the data up as 16-bit big-endian words in one's complement arithmetic
 * (every carry out of bit 15 is added back in at the bottom, RFC 1071 §2(B)); an odd last
 * octet is paired with a zero octet. The checksum is the complement of that sum; a region
 * that contains its own correct checksum sums to 0xFFFF. {@code sum} exposes the
 * uncomplemented sum with a starting value, so UDP and TCP can add a pseudo-header.
 *
 * <pre>
 *   RFC 1071 §1: "(2) To generate a checksum, the checksum field itself is cleared, the
 *   16-bit 1's complement sum is computed over the octets concerned, and the 1's
 *   complement of this sum is placed in the checksum field.
 *   (3) To check a checksum, the 1's complement sum is computed over the same set of
 *   octets, including the checksum field. If the result is all 1 bits (-0 in 1's
 *   complement arithmetic), the check succeeds."
 * </pre>
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** The folded 16-bit one's complement sum of the region plus {@code initial}, not complemented. */
    public static int sum(byte[] data, int off, int len, int initial) {
        throw StubException.notImplemented("1.03", "the Internet checksum", "day1-link-ip/README.md#the-internet-checksum");
    }

    /** The 16-bit value to store in a checksum field that was zero while summing. */
    public static int checksum(byte[] data, int off, int len) {
        throw StubException.notImplemented("1.03", "the Internet checksum", "day1-link-ip/README.md#the-internet-checksum");
    }

    /** True when the region, checksum field included, sums to 0xFFFF. */
    public static boolean verify(byte[] data, int off, int len) {
        throw StubException.notImplemented("1.03", "the Internet checksum", "day1-link-ip/README.md#the-internet-checksum");
    }
}
