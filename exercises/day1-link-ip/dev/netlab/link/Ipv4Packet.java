package dev.netlab.link;

import dev.netlab.kit.StubException;
import java.net.Inet4Address;

/**
 * An IPv4 datagram: a validated {@link Ipv4Header} and its data (RFC 791 §3.1).
 *
 * <p>Your job: {@code decode} validates the header with {@link Ipv4Header#decode} and
 * takes the payload from the end of the header to the total length — octets after that
 * (Ethernet padding) are not part of the datagram. {@code encode} writes the header
 * (checksum computed) and the payload; the header's total length must equal header
 * length + payload length.
 */
public record Ipv4Packet(Ipv4Header header, byte[] payload) {
    /** A plain datagram with a header from {@link Ipv4Header#of}. */
    public static Ipv4Packet of(Inet4Address src, Inet4Address dst, int protocol, int ttl,
                                int identification, byte[] payload) {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }

    /** Decodes the datagram at {@code off}; {@code len} may include trailing padding. */
    public static Ipv4Packet decode(byte[] buf, int off, int len) throws PacketException {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }

    /** Exactly totalLength octets. */
    public byte[] encode() {
        throw StubException.notImplemented("1.04", "IPv4 header: decode, validate, encode", "day1-link-ip/README.md#ipv4");
    }
}
