package dev.netlab.link;

import dev.netlab.kit.StubException;
import java.util.Optional;

/**
 * An Ethernet II frame as a capture shows it: no preamble and no FCS, optionally with one
 * IEEE 802.1Q VLAN tag between the source address and the EtherType.
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
 * <p>Your job: {@code decode} reads the two addresses and the type; when the type is the
 * 802.1Q TPID (0x8100) it reads the tag control word (PCP 3 bits, DEI 1 bit, VLAN ID 12
 * bits) and then the inner EtherType. A frame too short for its header is
 * {@link PacketError#TRUNCATED}; a type field ≤ 1500 is an IEEE 802.3 length, which this
 * decoder does not handle ({@link PacketError#UNSUPPORTED}); 1501..1535 is
 * {@link PacketError#BAD_FIELD}. The payload is everything after the header, padding
 * included: upper layers drop padding with their own length fields. {@code encode} writes
 * the header and the payload, without padding and without FCS.
 */
public record EthernetFrame(MacAddress destination, MacAddress source, Optional<VlanTag> vlan,
                            int etherType, byte[] payload) {
    /** Destination + source + EtherType. */
    public static final int HEADER_LENGTH = 14;
    /** The extra octets of an 802.1Q tag: TPID + TCI. */
    public static final int VLAN_TAG_LENGTH = 4;

    /** The 802.1Q tag control information: priority (PCP, 0..7), drop eligible (DEI), VLAN ID (0..4095). */
    public record VlanTag(int priority, boolean dropEligible, int vlanId) {
    }

    /** An untagged frame. */
    public static EthernetFrame of(MacAddress dst, MacAddress src, int etherType, byte[] payload) {
        throw StubException.notImplemented("1.02", "Ethernet II and 802.1Q frames", "day1-link-ip/README.md#ethernet-ii-and-8021q");
    }

    /** 14, or 18 with an 802.1Q tag. */
    public int headerLength() {
        throw StubException.notImplemented("1.02", "Ethernet II and 802.1Q frames", "day1-link-ip/README.md#ethernet-ii-and-8021q");
    }

    /** Decodes a whole captured frame. */
    public static EthernetFrame decode(byte[] frame) throws PacketException {
        throw StubException.notImplemented("1.02", "Ethernet II and 802.1Q frames", "day1-link-ip/README.md#ethernet-ii-and-8021q");
    }

    /** Decodes the {@code len} octets at {@code off}; malformed input is a PacketException, never another exception. */
    public static EthernetFrame decode(byte[] buf, int off, int len) throws PacketException {
        throw StubException.notImplemented("1.02", "Ethernet II and 802.1Q frames", "day1-link-ip/README.md#ethernet-ii-and-8021q");
    }

    /** Header (with the tag, if any) followed by the payload; no padding, no FCS. */
    public byte[] encode() {
        throw StubException.notImplemented("1.02", "Ethernet II and 802.1Q frames", "day1-link-ip/README.md#ethernet-ii-and-8021q");
    }
}
