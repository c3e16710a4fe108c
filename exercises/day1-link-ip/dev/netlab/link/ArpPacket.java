package dev.netlab.link;

import dev.netlab.kit.StubException;
import java.net.Inet4Address;

/**
 * An ARP packet for IPv4 over Ethernet, RFC 826.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Hardware Type (ar$hrd) = 1   |  Protocol Type (ar$pro)=0x0800|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | HLen (ar$hln)=6 | PLen (ar$pln)=4 |    Operation (ar$op) 1|2  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Sender Hardware Address (6) | Sender Protocol Address (4)
 * |        Target Hardware Address (6) | Target Protocol Address (4)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Your job: {@code decode} needs 28 octets (else TRUNCATED; more is Ethernet padding,
 * ignored); hardware type other than 1 or protocol type other than 0x0800 →
 * UNSUPPORTED; hardware length ≠ 6 or protocol length ≠ 4 → BAD_FIELD; an operation
 * other than request (1) or reply (2) → UNSUPPORTED (all 16 bits of it: 0x0101 is not a
 * request). {@code encode} writes the 28 octets.
 * {@code replyFrom} builds the answer RFC 826 describes: "it swaps the hardware and
 * protocol fields, putting the local hardware and protocol addresses in the sender
 * fields. It also sets the opcode to ares_op$REPLY."
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

    /** "Who has targetIp? Tell senderIp": target MAC zero. */
    public static ArpPacket request(MacAddress senderMac, Inet4Address senderIp, Inet4Address targetIp) {
        throw StubException.notImplemented("1.06", "ARP requests and replies", "day1-link-ip/README.md#arp");
    }

    /** The reply the owner of this request's targetIp, at {@code myMac}, sends (IllegalStateException on a reply). */
    public ArpPacket replyFrom(MacAddress myMac) {
        throw StubException.notImplemented("1.06", "ARP requests and replies", "day1-link-ip/README.md#arp");
    }

    /** Operation 1. */
    public boolean isRequest() {
        throw StubException.notImplemented("1.06", "ARP requests and replies", "day1-link-ip/README.md#arp");
    }

    /** Operation 2. */
    public boolean isReply() {
        throw StubException.notImplemented("1.06", "ARP requests and replies", "day1-link-ip/README.md#arp");
    }

    /** Sender IP equals target IP: an announcement (RFC 5227 §3). */
    public boolean isGratuitous() {
        throw StubException.notImplemented("1.06", "ARP requests and replies", "day1-link-ip/README.md#arp");
    }

    /** Decodes the 28 octets at {@code off}. */
    public static ArpPacket decode(byte[] buf, int off, int len) throws PacketException {
        throw StubException.notImplemented("1.06", "ARP requests and replies", "day1-link-ip/README.md#arp");
    }

    /** The 28 octets. */
    public byte[] encode() {
        throw StubException.notImplemented("1.06", "ARP requests and replies", "day1-link-ip/README.md#arp");
    }
}
