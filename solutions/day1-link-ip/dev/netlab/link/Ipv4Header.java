package dev.netlab.link;

import static dev.netlab.link.Octets.putU16;
import static dev.netlab.link.Octets.u16;
import static dev.netlab.link.Octets.u8;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 header, RFC 791 §3.1. Options are kept as raw octets, not interpreted.
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
 *   DSCP/ECN: RFC 2474 and RFC 3168 split RFC 791's Type of Service octet.
 * </pre>
 *
 * @param ihl header length in 32-bit words (5..15)
 * @param fragmentOffset in 8-octet units
 * @param headerChecksum as received; {@link #encode()} ignores it and computes its own
 * @param options the option octets (IHL*4 - 20 of them), shared, not copied
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
    /** The fragment offset counts units of 8 octets (RFC 791 §3.1). */
    public static final int FRAGMENT_UNIT = 8;

    private static final int FLAG_DF = 0b0100_0000_0000_0000;
    private static final int FLAG_MF = 0b0010_0000_0000_0000;
    private static final int OFFSET_MASK = 0b0001_1111_1111_1111;
    private static final int CHECKSUM_OFFSET = 10;

    public Ipv4Header {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(options, "options");
        check(ihl >= MIN_IHL && ihl <= MAX_IHL, "IHL is 5..15 words", ihl);
        check(options.length == (ihl - MIN_IHL) * 4, "options must fill IHL*4 - 20 octets", options.length);
        check(dscp >= 0 && dscp < 64, "DSCP is 6 bits", dscp);
        check(ecn >= 0 && ecn < 4, "ECN is 2 bits", ecn);
        check(totalLength >= ihl * 4 && totalLength <= MAX_TOTAL_LENGTH, "total length is IHL*4..65535", totalLength);
        check(identification >= 0 && identification <= 0xFFFF, "identification is 16 bits", identification);
        check(fragmentOffset >= 0 && fragmentOffset <= OFFSET_MASK, "fragment offset is 13 bits", fragmentOffset);
        check(ttl >= 0 && ttl <= 0xFF, "TTL is 8 bits", ttl);
        check(protocol >= 0 && protocol <= 0xFF, "protocol is 8 bits", protocol);
        check(headerChecksum >= 0 && headerChecksum <= 0xFFFF, "checksum is 16 bits", headerChecksum);
    }

    private static void check(boolean ok, String rule, int value) {
        if (!ok) {
            throw new IllegalArgumentException(rule + ": " + value);
        }
    }

    /** A plain header: IHL 5, no options, DF clear, not a fragment; checksum filled in. */
    public static Ipv4Header of(Inet4Address src, Inet4Address dst, int protocol, int ttl,
                                int identification, int payloadLength) {
        return new Ipv4Header(MIN_IHL, 0, 0, MIN_HEADER_LENGTH + payloadLength, identification,
                false, false, 0, ttl, protocol, 0, src, dst, new byte[0]).withChecksum();
    }

    /** The same header with another TTL (and the checksum recomputed). */
    public Ipv4Header withTtl(int newTtl) {
        return new Ipv4Header(ihl, dscp, ecn, totalLength, identification, dontFragment,
                moreFragments, fragmentOffset, newTtl, protocol, 0, source, destination, options)
                .withChecksum();
    }

    /** The same header with other fragment fields (and the checksum recomputed). */
    public Ipv4Header withFragment(boolean more, int offset, int newTotalLength) {
        return new Ipv4Header(ihl, dscp, ecn, newTotalLength, identification, dontFragment,
                more, offset, ttl, protocol, 0, source, destination, options).withChecksum();
    }

    /** The same header with DF set or cleared (and the checksum recomputed). */
    public Ipv4Header withDontFragment(boolean df) {
        return new Ipv4Header(ihl, dscp, ecn, totalLength, identification, df,
                moreFragments, fragmentOffset, ttl, protocol, 0, source, destination, options)
                .withChecksum();
    }

    private Ipv4Header withChecksum() {
        int sum = Octets.u16(encode(), CHECKSUM_OFFSET);
        return new Ipv4Header(ihl, dscp, ecn, totalLength, identification, dontFragment,
                moreFragments, fragmentOffset, ttl, protocol, sum, source, destination, options);
    }

    /** IHL * 4: 20..60 octets. */
    public int headerLength() {
        return ihl * 4;
    }

    public int fragmentOffsetBytes() {
        return fragmentOffset * FRAGMENT_UNIT;
    }

    /** MF set or a non-zero offset: this datagram is a piece of a larger one. */
    public boolean isFragment() {
        return moreFragments || fragmentOffset != 0;
    }

    /** Decodes and validates a header at the start of a datagram of {@code len} octets. */
    public static Ipv4Header decode(byte[] buf, int off, int len) throws PacketException {
        return decode(buf, off, len, true);
    }

    /**
     * Decodes the header of a datagram quoted in an ICMP error (RFC 792): the quote holds
     * the header and only the first 8 octets of data, so the total length may exceed it.
     */
    public static Ipv4Header decodeQuoted(byte[] buf, int off, int len) throws PacketException {
        return decode(buf, off, len, false);
    }

    private static Ipv4Header decode(byte[] buf, int off, int len, boolean whole) throws PacketException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < MIN_HEADER_LENGTH) {
            throw new PacketException(PacketError.TRUNCATED, off + len,
                    "an IPv4 header has at least 20 octets, got " + len);
        }
        int version = u8(buf, off) >>> 4;
        if (version != VERSION) {
            throw new PacketException(PacketError.BAD_VERSION, off, "IP version " + version + ", expected 4");
        }
        // RFC 791 §3.1: "Note that the minimum value for a correct header is 5."
        int ihl = u8(buf, off) & 0b0000_1111;
        if (ihl < MIN_IHL) {
            throw new PacketException(PacketError.BAD_HEADER_LENGTH, off, "IHL " + ihl + " is below 5");
        }
        int headerLength = ihl * 4;
        if (headerLength > len) {
            throw new PacketException(PacketError.TRUNCATED, off + len,
                    "IHL says " + headerLength + " header octets, only " + len + " present");
        }
        // RFC 791 §3.1: Total Length "is the length of the datagram, measured in octets,
        // including internet header and data."
        int totalLength = u16(buf, off + 2);
        if (totalLength < headerLength) {
            throw new PacketException(PacketError.BAD_LENGTH, off + 2,
                    "total length " + totalLength + " is shorter than the header (" + headerLength + ")");
        }
        if (whole && totalLength > len) {
            throw new PacketException(PacketError.BAD_LENGTH, off + 2,
                    "total length " + totalLength + " but only " + len + " octets present");
        }
        // RFC 791 §3.1: "If the header checksum fails, the internet datagram is discarded
        // at once by the entity which detects the error."
        if (!InternetChecksum.verify(buf, off, headerLength)) {
            throw new PacketException(PacketError.BAD_CHECKSUM, off + CHECKSUM_OFFSET,
                    String.format("header checksum 0x%04x does not verify", u16(buf, off + CHECKSUM_OFFSET)));
        }
        int tos = u8(buf, off + 1);
        int flagsAndOffset = u16(buf, off + 6);
        return new Ipv4Header(ihl, tos >>> 2, tos & 0b0000_0011, totalLength, u16(buf, off + 4),
                (flagsAndOffset & FLAG_DF) != 0, (flagsAndOffset & FLAG_MF) != 0,
                flagsAndOffset & OFFSET_MASK, u8(buf, off + 8), u8(buf, off + 9),
                u16(buf, off + CHECKSUM_OFFSET), address(buf, off + 12), address(buf, off + 16),
                Arrays.copyOfRange(buf, off + MIN_HEADER_LENGTH, off + headerLength));
    }

    private static Inet4Address address(byte[] buf, int off) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(buf, off, off + 4));
        } catch (UnknownHostException e) {
            throw new AssertionError("four octets are always an IPv4 address", e);
        }
    }

    /** The header octets with the checksum computed (the reserved flag is sent as zero). */
    public byte[] encode() {
        byte[] out = new byte[headerLength()];
        out[0] = (byte) (VERSION << 4 | ihl);
        out[1] = (byte) (dscp << 2 | ecn);
        putU16(out, 2, totalLength);
        putU16(out, 4, identification);
        putU16(out, 6, (dontFragment ? FLAG_DF : 0) | (moreFragments ? FLAG_MF : 0) | fragmentOffset);
        out[8] = (byte) ttl;
        out[9] = (byte) protocol;
        System.arraycopy(source.getAddress(), 0, out, 12, 4);
        System.arraycopy(destination.getAddress(), 0, out, 16, 4);
        System.arraycopy(options, 0, out, MIN_HEADER_LENGTH, options.length);
        // RFC 791 §3.1: "For purposes of computing the checksum, the value of the checksum
        // field is zero." It is still zero here.
        putU16(out, CHECKSUM_OFFSET, InternetChecksum.checksum(out, 0, out.length));
        return out;
    }
}
