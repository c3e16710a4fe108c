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
 * An ARP packet for IPv4 over Ethernet (RFC 826), the only combination this lab speaks.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Hardware Type (ar$hrd) = 1   |  Protocol Type (ar$pro)=0x0800|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | HLen (ar$hln)=6 | PLen (ar$pln)=4 |    Operation (ar$op) 1|2  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Sender Hardware Address (ar$sha)              |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               | Sender Protocol Addr (ar$spa) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | (ar$spa continued)            | Target Hardware Addr (ar$tha) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Target Protocol Address (ar$tpa)              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record ArpPacket(int operation, MacAddress senderMac, Inet4Address senderIp,
                        MacAddress targetMac, Inet4Address targetIp) {
    /** ares_op$REQUEST. */
    public static final int REQUEST = 1;
    /** ares_op$REPLY. */
    public static final int REPLY = 2;
    /** The length of an Ethernet/IPv4 ARP packet. */
    public static final int LENGTH = 28;
    /** ares_hrd$Ethernet. */
    public static final int HARDWARE_ETHERNET = 1;

    private static final int HARDWARE_LENGTH = 6;
    private static final int PROTOCOL_LENGTH = 4;

    public ArpPacket {
        Objects.requireNonNull(senderMac, "senderMac");
        Objects.requireNonNull(senderIp, "senderIp");
        Objects.requireNonNull(targetMac, "targetMac");
        Objects.requireNonNull(targetIp, "targetIp");
        if (operation != REQUEST && operation != REPLY) {
            throw new IllegalArgumentException("ARP operation is 1 (request) or 2 (reply): " + operation);
        }
    }

    /** "Who has targetIp? Tell senderIp": the target hardware address is not known yet (zero). */
    public static ArpPacket request(MacAddress senderMac, Inet4Address senderIp, Inet4Address targetIp) {
        return new ArpPacket(REQUEST, senderMac, senderIp, MacAddress.ZERO, targetIp);
    }

    /**
     * The reply the owner of {@code targetIp} sends to this request. RFC 826: "it swaps
     * the hardware and protocol fields, putting the local hardware and protocol addresses
     * in the sender fields. It also sets the opcode to ares_op$REPLY."
     */
    public ArpPacket replyFrom(MacAddress myMac) {
        if (!isRequest()) {
            throw new IllegalStateException("only a request is answered, this is a reply");
        }
        return new ArpPacket(REPLY, myMac, targetIp, senderMac, senderIp);
    }

    public boolean isRequest() {
        return operation == REQUEST;
    }

    public boolean isReply() {
        return operation == REPLY;
    }

    /** Sender and target protocol addresses are equal: an announcement (RFC 5227 §3). */
    public boolean isGratuitous() {
        return senderIp.equals(targetIp);
    }

    /** Decodes the 28 octets at {@code off}; octets after them (Ethernet padding) are ignored. */
    public static ArpPacket decode(byte[] buf, int off, int len) throws PacketException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < LENGTH) {
            throw new PacketException(PacketError.TRUNCATED, off + len,
                    "an Ethernet/IPv4 ARP packet has 28 octets, got " + len);
        }
        // RFC 826: "?Do I have the hardware type in ar$hrd? Yes: (almost definitely)
        // [optionally check the hardware length ar$hln] ?Do I speak the protocol in ar$pro?"
        int hardware = u16(buf, off);
        if (hardware != HARDWARE_ETHERNET) {
            throw new PacketException(PacketError.UNSUPPORTED, off, "hardware type " + hardware + ", not Ethernet (1)");
        }
        int protocol = u16(buf, off + 2);
        if (protocol != EtherType.IPV4.value()) {
            throw new PacketException(PacketError.UNSUPPORTED, off + 2,
                    "protocol type " + EtherType.describe(protocol) + ", not IPv4");
        }
        if (u8(buf, off + 4) != HARDWARE_LENGTH) {
            throw new PacketException(PacketError.BAD_FIELD, off + 4,
                    "Ethernet addresses have 6 octets, ar$hln says " + u8(buf, off + 4));
        }
        if (u8(buf, off + 5) != PROTOCOL_LENGTH) {
            throw new PacketException(PacketError.BAD_FIELD, off + 5,
                    "IPv4 addresses have 4 octets, ar$pln says " + u8(buf, off + 5));
        }
        int operation = u16(buf, off + 6);
        if (operation != REQUEST && operation != REPLY) {
            throw new PacketException(PacketError.UNSUPPORTED, off + 6, "operation " + operation
                    + " (RARP and InARP are not ARP requests or replies)");
        }
        return new ArpPacket(operation, MacAddress.read(buf, off + 8), ipv4(buf, off + 14),
                MacAddress.read(buf, off + 18), ipv4(buf, off + 24));
    }

    private static Inet4Address ipv4(byte[] buf, int off) {
        try {
            return (Inet4Address) InetAddress.getByAddress(Arrays.copyOfRange(buf, off, off + 4));
        } catch (UnknownHostException e) {
            throw new AssertionError("four octets are always an IPv4 address", e);
        }
    }

    /** The 28 octets (no Ethernet padding). */
    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        putU16(out, 0, HARDWARE_ETHERNET);
        putU16(out, 2, EtherType.IPV4.value());
        out[4] = HARDWARE_LENGTH;
        out[5] = PROTOCOL_LENGTH;
        putU16(out, 6, operation);
        senderMac.write(out, 8);
        System.arraycopy(senderIp.getAddress(), 0, out, 14, 4);
        targetMac.write(out, 18);
        System.arraycopy(targetIp.getAddress(), 0, out, 24, 4);
        return out;
    }
}
