package dev.netlab.link;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An IPv6 packet: the fixed header, the chain of extension headers (RFC 8200 §4), and
 * what follows the chain.
 *
 * <pre>
 * +---------------+----------------+------------------+------------------------
 * |  IPv6 header  | Hop-by-Hop hdr | Fragment header  | upper-layer payload ...
 * | Next Hdr = 0  | Next Hdr = 44  | Next Hdr = 17    | (UDP header + data)
 * +---------------+----------------+------------------+------------------------
 * </pre>
 *
 * The walk stops at the first Next Header that is not a walkable extension header; ESP
 * (50, encrypted) and No Next Header (59) also stop it. A Fragment header with a non-zero
 * offset stops it as well: what follows is fragment data, not headers.
 *
 * @param upperLayerProtocol the Next Header value that ended the walk
 * @param upperLayerPayload the octets after the chain, up to the payload length (shared)
 */
public record Ipv6Packet(Ipv6Header header, List<ExtensionHeader> extensions,
                         int upperLayerProtocol, byte[] upperLayerPayload) {
    /** The longest chain this decoder walks before calling it an attack. */
    public static final int MAX_EXTENSION_HEADERS = 8;

    public Ipv6Packet {
        Objects.requireNonNull(header, "header");
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(upperLayerPayload, "upperLayerPayload");
        int next = header.nextHeader();
        int length = upperLayerPayload.length;
        for (ExtensionHeader extension : extensions) {
            if (extension.type() != next) {
                throw new IllegalArgumentException("chain broken: Next Header " + next
                        + " followed by a " + IpProtocol.name(extension.type()) + " header");
            }
            next = extension.nextHeader();
            length += extension.length();
        }
        if (next != upperLayerProtocol) {
            throw new IllegalArgumentException("chain ends with Next Header " + next
                    + ", not the upper-layer protocol " + upperLayerProtocol);
        }
        if (length != header.payloadLength()) {
            throw new IllegalArgumentException("header says payload length " + header.payloadLength()
                    + " but extensions + payload are " + length + " octets");
        }
    }

    /** A packet with the payload length and the first Next Header filled in. */
    public static Ipv6Packet of(Inet6Address src, Inet6Address dst, int hopLimit,
                                List<ExtensionHeader> extensions, int upperLayerProtocol, byte[] payload) {
        int length = payload.length;
        for (ExtensionHeader extension : extensions) {
            length += extension.length();
        }
        int first = extensions.isEmpty() ? upperLayerProtocol : extensions.getFirst().type();
        return new Ipv6Packet(new Ipv6Header(0, 0, length, first, hopLimit, src, dst),
                extensions, upperLayerProtocol, payload);
    }

    public static Ipv6Packet decode(byte[] buf, int off, int len) throws PacketException {
        Ipv6Header header = Ipv6Header.decode(buf, off, len);
        if (Ipv6Header.LENGTH + header.payloadLength() > len) {
            throw new PacketException(PacketError.BAD_LENGTH, off + 4, "payload length "
                    + header.payloadLength() + " but only " + (len - Ipv6Header.LENGTH) + " octets follow the header");
        }
        int end = off + Ipv6Header.LENGTH + header.payloadLength();
        int pos = off + Ipv6Header.LENGTH;
        int next = header.nextHeader();
        List<ExtensionHeader> chain = new ArrayList<>();
        while (IpProtocol.isIpv6ExtensionHeader(next) && next != IpProtocol.ESP) {
            // RFC 8200 §4.3: "The Hop-by-Hop Options header, when present, must
            // immediately follow the IPv6 header."
            if (next == IpProtocol.HOPOPT && !chain.isEmpty()) {
                throw new PacketException(PacketError.EXTENSION_CHAIN, pos,
                        "Hop-by-Hop Options header after another extension header");
            }
            // RFC 8200 §4.1: "Each extension header should occur at most once, except for
            // the Destination Options header, which should occur at most twice (once
            // before a Routing header and once before the upper-layer header)."
            int type = next;
            int allowed = type == IpProtocol.IPV6_OPTS ? 2 : 1;
            if (countOf(chain, type) >= allowed) {
                throw new PacketException(PacketError.EXTENSION_CHAIN, pos,
                        IpProtocol.name(type) + " header occurs more often than RFC 8200 §4.1 allows");
            }
            if (chain.size() == MAX_EXTENSION_HEADERS) {
                throw new PacketException(PacketError.EXTENSION_CHAIN, pos,
                        "more than " + MAX_EXTENSION_HEADERS + " extension headers");
            }
            ExtensionHeader extension = ExtensionHeader.read(type, buf, pos, end);
            chain.add(extension);
            pos += extension.length();
            next = extension.nextHeader();
            if (type == IpProtocol.IPV6_FRAG && extension.fragmentOffset() != 0) {
                break; // a later fragment: the rest is data, not headers
            }
        }
        return new Ipv6Packet(header, chain, next, Arrays.copyOfRange(buf, pos, end));
    }

    private static long countOf(List<ExtensionHeader> chain, int type) {
        return chain.stream().filter(e -> e.type() == type).count();
    }

    /** The header, the chain and the payload; lengths and Next Header values as given. */
    public byte[] encode() {
        byte[] out = new byte[Ipv6Header.LENGTH + header.payloadLength()];
        System.arraycopy(header.encode(), 0, out, 0, Ipv6Header.LENGTH);
        int pos = Ipv6Header.LENGTH;
        for (ExtensionHeader extension : extensions) {
            extension.write(out, pos);
            pos += extension.length();
        }
        System.arraycopy(upperLayerPayload, 0, out, pos, upperLayerPayload.length);
        return out;
    }
}
