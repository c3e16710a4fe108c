package dev.netlab.link;

import static dev.netlab.link.Octets.putU16;
import static dev.netlab.link.Octets.u16;
import static dev.netlab.link.Octets.u8;

import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The fixed 40-octet IPv6 header, RFC 8200 §3. Extension headers and the payload are
 * {@link Ipv6Packet}'s business; this decoder checks the header alone.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                         Source Address                        +
 * |                          (16 octets)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                      Destination Address                      +
 * |                          (16 octets)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param payloadLength octets after this header, extension headers included (RFC 8200 §3)
 */
public record Ipv6Header(int trafficClass, int flowLabel, int payloadLength, int nextHeader,
                         int hopLimit, Inet6Address source, Inet6Address destination) {
    public static final int VERSION = 6;
    public static final int LENGTH = 40;

    private static final int FLOW_LABEL_MASK = 0x000F_FFFF;

    public Ipv6Header {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        if (trafficClass < 0 || trafficClass > 0xFF) {
            throw new IllegalArgumentException("traffic class is 8 bits: " + trafficClass);
        }
        if (flowLabel < 0 || flowLabel > FLOW_LABEL_MASK) {
            throw new IllegalArgumentException("flow label is 20 bits: " + flowLabel);
        }
        if (payloadLength < 0 || payloadLength > 0xFFFF) {
            throw new IllegalArgumentException("payload length is 16 bits: " + payloadLength);
        }
        if (nextHeader < 0 || nextHeader > 0xFF || hopLimit < 0 || hopLimit > 0xFF) {
            throw new IllegalArgumentException("next header and hop limit are 8 bits");
        }
    }

    /** Decodes the fixed header at {@code off}; {@code len} octets are available. */
    public static Ipv6Header decode(byte[] buf, int off, int len) throws PacketException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < LENGTH) {
            throw new PacketException(PacketError.TRUNCATED, off + len,
                    "an IPv6 header has 40 octets, got " + len);
        }
        // RFC 8200 §3: "Version: 4-bit Internet Protocol version number = 6."
        int version = u8(buf, off) >>> 4;
        if (version != VERSION) {
            throw new PacketException(PacketError.BAD_VERSION, off, "IP version " + version + ", expected 6");
        }
        int first = (int) Octets.u32(buf, off);
        return new Ipv6Header((first >>> 20) & 0xFF, first & FLOW_LABEL_MASK, u16(buf, off + 4),
                u8(buf, off + 6), u8(buf, off + 7), address(buf, off + 8), address(buf, off + 24));
    }

    /**
     * Always an {@link Inet6Address}: {@code InetAddress.getByAddress} would turn an
     * IPv4-mapped address such as {@code ::ffff:192.0.2.1} into an {@code Inet4Address}.
     */
    static Inet6Address address(byte[] buf, int off) {
        try {
            return Inet6Address.getByAddress(null, Arrays.copyOfRange(buf, off, off + 16), -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("sixteen octets are always an IPv6 address", e);
        }
    }

    /** The 40 header octets. */
    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        Octets.putU32(out, 0, (long) VERSION << 28 | (long) trafficClass << 20 | flowLabel);
        putU16(out, 4, payloadLength);
        out[6] = (byte) nextHeader;
        out[7] = (byte) hopLimit;
        System.arraycopy(source.getAddress(), 0, out, 8, 16);
        System.arraycopy(destination.getAddress(), 0, out, 24, 16);
        return out;
    }
}
