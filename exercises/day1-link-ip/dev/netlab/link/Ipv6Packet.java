package dev.netlab.link;

import dev.netlab.kit.StubException;
import java.net.Inet6Address;
import java.util.List;

/**
 * An IPv6 packet: fixed header, the chain of extension headers, and what follows it.
 *
 * <pre>
 * +---------------+----------------+------------------+------------------------
 * |  IPv6 header  | Hop-by-Hop hdr | Fragment header  | upper-layer payload ...
 * | Next Hdr = 0  | Next Hdr = 44  | Next Hdr = 17    | (UDP header + data)
 * +---------------+----------------+------------------+------------------------
 * </pre>
 *
 * <p>Your job: {@code decode} decodes the fixed header, checks that 40 + payload length
 * fits the buffer (else BAD_LENGTH), then follows Next Header through the extension
 * headers of RFC 8200 §4 (Hop-by-Hop 0, Routing 43, Fragment 44, Destination Options 60,
 * AH 51, Mobility 135, HIP 139, Shim6 140) until a value that is not one. ESP (50) and No
 * Next Header (59) end the walk too, and so does a Fragment header with a non-zero offset
 * (the rest is fragment data). Reject, with EXTENSION_CHAIN: Hop-by-Hop anywhere but
 * first (RFC 8200 §4.3 "must immediately follow the IPv6 header"); a header that occurs
 * more often than §4.1 allows (once each; Destination Options twice); more than
 * {@link #MAX_EXTENSION_HEADERS} headers. A header that runs past the payload is
 * TRUNCATED. The upper-layer payload is the octets after the chain up to the payload
 * length. {@code encode} writes it all back.
 */
public record Ipv6Packet(Ipv6Header header, List<ExtensionHeader> extensions,
                         int upperLayerProtocol, byte[] upperLayerPayload) {
    /** The longest chain this decoder walks. */
    public static final int MAX_EXTENSION_HEADERS = 8;

    /** A packet with the payload length and the first Next Header filled in (traffic class and flow label 0). */
    public static Ipv6Packet of(Inet6Address src, Inet6Address dst, int hopLimit,
                                List<ExtensionHeader> extensions, int upperLayerProtocol, byte[] payload) {
        throw StubException.notImplemented("1.05", "IPv6 and extension headers", "day1-link-ip/README.md#ipv6-and-extension-headers");
    }

    /** Decodes a packet of {@code len} octets at {@code off} (trailing padding allowed). */
    public static Ipv6Packet decode(byte[] buf, int off, int len) throws PacketException {
        throw StubException.notImplemented("1.05", "IPv6 and extension headers", "day1-link-ip/README.md#ipv6-and-extension-headers");
    }

    /** Header, chain and payload: 40 + payload length octets. */
    public byte[] encode() {
        throw StubException.notImplemented("1.05", "IPv6 and extension headers", "day1-link-ip/README.md#ipv6-and-extension-headers");
    }
}
