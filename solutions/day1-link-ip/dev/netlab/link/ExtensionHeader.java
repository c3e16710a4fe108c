package dev.netlab.link;

import static dev.netlab.link.Octets.u16;
import static dev.netlab.link.Octets.u8;

import java.util.Arrays;
import java.util.Objects;

/**
 * One IPv6 extension header (RFC 8200 §4). Every one starts with Next Header; most then
 * give their length in 8-octet units not counting the first 8 (RFC 8200 §4.3-4.6):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |  Hdr Ext Len  |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * .                    body ((Hdr Ext Len + 1) * 8 - 2 octets)    .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Two exceptions: the Fragment header (§4.5) is always 8 octets and its second octet is
 * reserved; the Authentication Header (RFC 4302 §2.2) counts 4-octet units minus 2.
 *
 * <pre>
 *   Fragment header (RFC 8200 §4.5)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Identification                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param type the protocol number naming this header (the previous header's Next Header)
 * @param body the octets after Next Header and the length octet (shared, not copied)
 */
public record ExtensionHeader(int type, int nextHeader, byte[] body) {
    /** The Fragment header body: offset/flags (2) + identification (4). */
    public static final int FRAGMENT_BODY_LENGTH = 6;

    private static final int OFFSET_MASK = 0b1111_1111_1111_1000;
    private static final int M_FLAG = 0b0000_0000_0000_0001;

    public ExtensionHeader {
        Objects.requireNonNull(body, "body");
        if (!IpProtocol.isIpv6ExtensionHeader(type) || type == IpProtocol.ESP) {
            throw new IllegalArgumentException("not a walkable extension header type: " + type);
        }
        if (nextHeader < 0 || nextHeader > 0xFF) {
            throw new IllegalArgumentException("next header is 8 bits: " + nextHeader);
        }
        int total = body.length + 2;
        boolean fits = switch (type) {
            case IpProtocol.IPV6_FRAG -> body.length == FRAGMENT_BODY_LENGTH;
            case IpProtocol.AH -> total % 4 == 0 && total / 4 - 2 <= 0xFF && total >= 8;
            default -> total % 8 == 0 && total / 8 - 1 <= 0xFF;
        };
        if (!fits) {
            throw new IllegalArgumentException("a " + IpProtocol.name(type)
                    + " header cannot have a body of " + body.length + " octets");
        }
    }

    /** A Fragment header (RFC 8200 §4.5); {@code fragmentOffset} in 8-octet units. */
    public static ExtensionHeader fragment(int nextHeader, int fragmentOffset, boolean more, long identification) {
        byte[] body = new byte[FRAGMENT_BODY_LENGTH];
        Octets.putU16(body, 0, fragmentOffset << 3 | (more ? M_FLAG : 0));
        Octets.putU32(body, 2, identification);
        return new ExtensionHeader(IpProtocol.IPV6_FRAG, nextHeader, body);
    }

    /** The length on the wire: 2 + body. */
    public int length() {
        return 2 + body.length;
    }

    /** Fragment header only: the offset of this fragment's data, in 8-octet units. */
    public int fragmentOffset() {
        requireFragment();
        return (u16(body, 0) & OFFSET_MASK) >>> 3;
    }

    /** Fragment header only: the M flag, 1 = more fragments follow. */
    public boolean moreFragments() {
        requireFragment();
        return (u16(body, 0) & M_FLAG) != 0;
    }

    /** Fragment header only: the 32-bit identification, unsigned. */
    public long identification() {
        requireFragment();
        return Octets.u32(body, 2);
    }

    private void requireFragment() {
        if (type != IpProtocol.IPV6_FRAG) {
            throw new IllegalStateException("not a Fragment header but " + IpProtocol.name(type));
        }
    }

    /**
     * Reads the header of {@code type} at {@code off}; the payload ends at {@code end}.
     * Package-private: {@link Ipv6Packet#decode} walks the chain with it.
     */
    static ExtensionHeader read(int type, byte[] buf, int off, int end) throws PacketException {
        if (end - off < 2) {
            throw new PacketException(PacketError.TRUNCATED, end,
                    IpProtocol.name(type) + " header needs at least 2 octets, " + (end - off) + " left");
        }
        int lengthField = u8(buf, off + 1);
        int length = switch (type) {
            case IpProtocol.IPV6_FRAG -> 8;
            // RFC 4302 §2.2: Payload Length "specifies the length of AH in 32-bit words
            // (4-byte units), minus '2'".
            case IpProtocol.AH -> (lengthField + 2) * 4;
            default -> (lengthField + 1) * 8;
        };
        if (length > end - off) {
            throw new PacketException(PacketError.TRUNCATED, off + 1, IpProtocol.name(type)
                    + " header of " + length + " octets, only " + (end - off) + " left in the payload");
        }
        return new ExtensionHeader(type, u8(buf, off), Arrays.copyOfRange(buf, off + 2, off + length));
    }

    /** Writes the header at {@code off}, computing the length octet from the body. */
    void write(byte[] buf, int off) {
        buf[off] = (byte) nextHeader;
        buf[off + 1] = (byte) switch (type) {
            case IpProtocol.IPV6_FRAG -> 0; // reserved: "Initialized to zero for transmission"
            case IpProtocol.AH -> length() / 4 - 2;
            default -> length() / 8 - 1;
        };
        System.arraycopy(body, 0, buf, off + 2, body.length);
    }
}
