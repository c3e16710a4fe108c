package dev.netlab.link;

import dev.netlab.kit.StubException;
import java.net.Inet4Address;

/**
 * An IPv4 header, RFC 791 §3.1.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |   DSCP    |ECN|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options                    |    Padding    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   Flags: bit 0 reserved (zero), bit 1 DF (Don't Fragment), bit 2 MF (More Fragments)
 * </pre>
 *
 * <p>Your job: {@code decode} validates, in this order, and reports the first problem as
 * a {@link PacketException}: fewer than 20 octets → TRUNCATED; version ≠ 4 → BAD_VERSION;
 * IHL &lt; 5 → BAD_HEADER_LENGTH (RFC 791: "the minimum value for a correct header is
 * 5"); IHL*4 beyond the buffer → TRUNCATED; total length shorter than the header →
 * BAD_LENGTH; total length beyond the buffer → BAD_LENGTH; a checksum that does not
 * verify (RFC 1071, over the header only) → BAD_CHECKSUM. Options stay raw octets.
 * {@code decodeQuoted} is the same without the total-length-vs-buffer check: an ICMP
 * error quotes only the header and 8 octets of the datagram. {@code encode} writes the
 * header with a freshly computed checksum (the {@code headerChecksum} component is
 * ignored). The {@code with...} helpers and {@code of} return headers whose
 * {@code headerChecksum} is already correct.
 *
 * @param ihl header length in 32-bit words (5..15)
 * @param fragmentOffset in 8-octet units
 * @param options the IHL*4 - 20 option octets
 */
public record Ipv4Header(int ihl, int dscp, int ecn, int totalLength, int identification,
                         boolean dontFragment, boolean moreFragments, int fragmentOffset,
                         int ttl, int protocol, int headerChecksum,
                         Inet4Address source, Inet4Address destination, byte[] options) {
    public static final int VERSION = 4;
    /** A header without options: IHL 5. */
    public static final int MIN_HEADER_LENGTH = 20;
    public static final int MIN_IHL = 5;
    public static final int MAX_IHL = 15;
    public static final int MAX_TOTAL_LENGTH = 0xFFFF;
    /** The fragment offset counts units of 8 octets. */
    public static final int FRAGMENT_UNIT = 8;

    /** IHL 5, no options, DF clear, not a fragment, total length 20 + payloadLength, checksum filled in. */
    public static Ipv4Header of(Inet4Address src, Inet4Address dst, int protocol, int ttl,
                                int identification, int payloadLength) {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }

    /** The same header with another TTL, checksum recomputed. */
    public Ipv4Header withTtl(int newTtl) {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }

    /** The same header with MF, offset (8-octet units) and total length replaced, checksum recomputed. */
    public Ipv4Header withFragment(boolean more, int offset, int newTotalLength) {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }

    /** The same header with DF set or cleared, checksum recomputed. */
    public Ipv4Header withDontFragment(boolean df) {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }

    /** IHL * 4. */
    public int headerLength() {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }

    /** The fragment offset in octets. */
    public int fragmentOffsetBytes() {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }

    /** MF set or a non-zero offset. */
    public boolean isFragment() {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }

    /** Decodes and validates the header of a datagram of {@code len} octets at {@code off}. */
    public static Ipv4Header decode(byte[] buf, int off, int len) throws PacketException {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }

    /** As {@link #decode} but the total length may exceed {@code len} (a quote in an ICMP error). */
    public static Ipv4Header decodeQuoted(byte[] buf, int off, int len) throws PacketException {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }

    /** IHL*4 octets with the checksum computed. */
    public byte[] encode() {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }
}
