package dev.netlab.link;

import static dev.netlab.link.Octets.putU16;
import static dev.netlab.link.Octets.u16;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An Ethernet II frame as captured (no preamble, no FCS), optionally carrying one
 * IEEE 802.1Q VLAN tag.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Destination MAC address (6 octets)             |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                   Source MAC address (6 octets)               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   EtherType (or TPID 0x8100)  |  [802.1Q: PCP|D|  VLAN ID   ]|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | [802.1Q: inner EtherType]     |  Payload ...                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The payload array is shared, not copied: treat it as read-only. A decoded payload keeps
 * any padding up to the 60-octet minimum frame; upper layers drop it using their own
 * length fields.
 */
public record EthernetFrame(MacAddress destination, MacAddress source, Optional<VlanTag> vlan,
                            int etherType, byte[] payload) {
    /** Destination + source + EtherType. */
    public static final int HEADER_LENGTH = 14;
    /** The extra octets of an 802.1Q tag: TPID + TCI. */
    public static final int VLAN_TAG_LENGTH = 4;

    private static final int TYPE_OFFSET = 12;

    /**
     * An IEEE 802.1Q tag control information (TCI) word.
     *
     * <pre>
     *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * | PCP |D|        VLAN ID        |
     * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
     * </pre>
     */
    public record VlanTag(int priority, boolean dropEligible, int vlanId) {
        private static final int PCP_SHIFT = 13;
        private static final int DEI_BIT = 0b0001_0000_0000_0000;
        private static final int VID_MASK = 0b0000_1111_1111_1111;

        public VlanTag {
            if (priority < 0 || priority > 7) {
                throw new IllegalArgumentException("802.1Q priority is 3 bits (0..7): " + priority);
            }
            if (vlanId < 0 || vlanId > VID_MASK) {
                throw new IllegalArgumentException("802.1Q VLAN ID is 12 bits (0..4095): " + vlanId);
            }
        }

        static VlanTag fromTci(int tci) {
            return new VlanTag(tci >>> PCP_SHIFT, (tci & DEI_BIT) != 0, tci & VID_MASK);
        }

        int tci() {
            return priority << PCP_SHIFT | (dropEligible ? DEI_BIT : 0) | vlanId;
        }
    }

    public EthernetFrame {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(vlan, "vlan");
        Objects.requireNonNull(payload, "payload");
        if (etherType < EtherType.MIN_ETHERTYPE || etherType > 0xFFFF) {
            throw new IllegalArgumentException(String.format("not an EtherType: 0x%04x", etherType));
        }
    }

    /** An untagged frame. */
    public static EthernetFrame of(MacAddress dst, MacAddress src, int etherType, byte[] payload) {
        return new EthernetFrame(dst, src, Optional.empty(), etherType, payload);
    }

    /** 14, or 18 with an 802.1Q tag. */
    public int headerLength() {
        return HEADER_LENGTH + (vlan.isPresent() ? VLAN_TAG_LENGTH : 0);
    }

    public static EthernetFrame decode(byte[] frame) throws PacketException {
        return decode(frame, 0, frame.length);
    }

    public static EthernetFrame decode(byte[] buf, int off, int len) throws PacketException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < HEADER_LENGTH) {
            throw new PacketException(PacketError.TRUNCATED, off + len,
                    "an Ethernet header has 14 octets, the frame has " + len);
        }
        MacAddress destination = MacAddress.read(buf, off);
        MacAddress source = MacAddress.read(buf, off + 6);
        int typeOffset = off + TYPE_OFFSET;
        int type = u16(buf, typeOffset);
        Optional<VlanTag> vlan = Optional.empty();
        if (type == EtherType.VLAN.value()) {
            if (len < HEADER_LENGTH + VLAN_TAG_LENGTH) {
                throw new PacketException(PacketError.TRUNCATED, off + len,
                        "an 802.1Q-tagged header has 18 octets, the frame has " + len);
            }
            vlan = Optional.of(VlanTag.fromTci(u16(buf, typeOffset + 2)));
            typeOffset += VLAN_TAG_LENGTH;
            type = u16(buf, typeOffset);
        }
        // IEEE 802.3 Clause 3.2.6: a value ≤ 1500 is the length of an 802.3/LLC frame;
        // a value ≥ 1536 (0x0600) is an EtherType; values in between are undefined.
        if (EtherType.isLength(type)) {
            throw new PacketException(PacketError.UNSUPPORTED, typeOffset,
                    "IEEE 802.3 length field " + type + " (LLC frames are not Ethernet II)");
        }
        if (type < EtherType.MIN_ETHERTYPE) {
            throw new PacketException(PacketError.BAD_FIELD, typeOffset,
                    String.format("0x%04x is neither a length nor an EtherType", type));
        }
        int payloadStart = typeOffset + 2;
        byte[] payload = Arrays.copyOfRange(buf, payloadStart, off + len);
        return new EthernetFrame(destination, source, vlan, type, payload);
    }

    /** The frame without FCS and without padding (the NIC or the kernel adds both). */
    public byte[] encode() {
        byte[] out = new byte[headerLength() + payload.length];
        destination.write(out, 0);
        source.write(out, 6);
        int typeOffset = TYPE_OFFSET;
        if (vlan.isPresent()) {
            putU16(out, typeOffset, EtherType.VLAN.value());
            putU16(out, typeOffset + 2, vlan.get().tci());
            typeOffset += VLAN_TAG_LENGTH;
        }
        putU16(out, typeOffset, etherType);
        System.arraycopy(payload, 0, out, typeOffset + 2, payload.length);
        return out;
    }
}
