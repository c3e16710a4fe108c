package dev.netlab.link;

import dev.netlab.kit.StubException;
import java.net.Inet6Address;

/**
 * The fixed 40-octet IPv6 header, RFC 8200 §3.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * +                    Source Address (16 octets)                 +
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * +                 Destination Address (16 octets)               +
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Your job: {@code decode} checks only the fixed header — fewer than 40 octets →
 * TRUNCATED, version ≠ 6 → BAD_VERSION — and splits the first 32 bits into version (4),
 * traffic class (8) and flow label (20). The payload length is checked by
 * {@link Ipv6Packet}. Careful: {@code InetAddress.getByAddress} turns an IPv4-mapped
 * address ({@code ::ffff:192.0.2.1}) into an {@code Inet4Address}; use
 * {@code Inet6Address.getByAddress(null, bytes, -1)}. {@code encode} writes the 40 octets.
 */
public record Ipv6Header(int trafficClass, int flowLabel, int payloadLength, int nextHeader,
                         int hopLimit, Inet6Address source, Inet6Address destination) {
    public static final int VERSION = 6;
    public static final int LENGTH = 40;

    /** Decodes the fixed header at {@code off}; {@code len} octets are available. */
    public static Ipv6Header decode(byte[] buf, int off, int len) throws PacketException {
        throw StubException.notImplemented("1.05", "IPv6 and extension headers", "day1-link-ip/README.md#ipv6-and-extension-headers");
    }

    /** The 40 header octets. */
    public byte[] encode() {
        throw StubException.notImplemented("1.05", "IPv6 and extension headers", "day1-link-ip/README.md#ipv6-and-extension-headers");
    }
}
