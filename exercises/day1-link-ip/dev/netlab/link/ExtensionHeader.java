package dev.netlab.link;

import dev.netlab.kit.StubException;

/**
 * One IPv6 extension header (RFC 8200 §4): its type (the previous header's Next Header
 * value), its own Next Header, and the octets after the first two ("body").
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |  Hdr Ext Len  |  body ...                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   most headers: length = (Hdr Ext Len + 1) * 8 octets
 *   Authentication Header (RFC 4302 §2.2): length = (Payload Len + 2) * 4 octets
 *   Fragment header (RFC 8200 §4.5): always 8 octets, second octet reserved:
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Identification                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Your job: the Fragment accessors read the body of a Fragment header (any other type
 * is an IllegalStateException); {@code length()} is the size on the wire;
 * {@code fragment(...)} builds a Fragment header. Reading and writing headers in a chain
 * is {@link Ipv6Packet}'s job — add package-private helpers here if you like.
 */
public record ExtensionHeader(int type, int nextHeader, byte[] body) {
    /** The Fragment header body: offset/flags (2) + identification (4). */
    public static final int FRAGMENT_BODY_LENGTH = 6;

    /** A Fragment header; {@code fragmentOffset} in 8-octet units. */
    public static ExtensionHeader fragment(int nextHeader, int fragmentOffset, boolean more, long identification) {
        throw StubException.notImplemented("1.05", "IPv6 and extension headers", "day1-link-ip/README.md#ipv6-and-extension-headers");
    }

    /** The length on the wire: 2 + body. */
    public int length() {
        throw StubException.notImplemented("1.05", "IPv6 and extension headers", "day1-link-ip/README.md#ipv6-and-extension-headers");
    }

    /** Fragment header only: the 13-bit offset, in 8-octet units. */
    public int fragmentOffset() {
        throw StubException.notImplemented("1.05", "IPv6 and extension headers", "day1-link-ip/README.md#ipv6-and-extension-headers");
    }

    /** Fragment header only: the M flag. */
    public boolean moreFragments() {
        throw StubException.notImplemented("1.05", "IPv6 and extension headers", "day1-link-ip/README.md#ipv6-and-extension-headers");
    }

    /** Fragment header only: the 32-bit identification, unsigned. */
    public long identification() {
        throw StubException.notImplemented("1.05", "IPv6 and extension headers", "day1-link-ip/README.md#ipv6-and-extension-headers");
    }
}
