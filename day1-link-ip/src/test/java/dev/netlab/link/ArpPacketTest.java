package dev.netlab.link;

import static dev.netlab.link.Hostile.assertError;
import static dev.netlab.link.Hostile.hex;
import static dev.netlab.link.Hostile.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.namednumber.ArpHardwareType;
import org.pcap4j.packet.namednumber.ArpOperation;

/**
 * Checkpoint 1.06: ARP requests and replies for Ethernet and IPv4 (RFC 826).
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 10 mutants, 10 killed): sender and target IP swapped, or the sender IP read one
 * octet late; a reply that keeps the requester as sender (fields not swapped as RFC 826 says);
 * the operation written little-endian, or read from its low octet alone (killed by the row
 * "operation 0x0101", added for it); the hardware type checked on its low octet only; the
 * hardware length not checked; 27 octets accepted; RARP operations accepted; the target MAC not
 * written by {@code encode}.
 */
@Checkpoint(id = "1.06", title = "ARP requests and replies",
        edit = "dev/netlab/link/ArpPacket.java",
        hint = "28 octets: htype, ptype, hlen, plen, op, then sender MAC+IP and target MAC+IP",
        readme = "#arp")
class ArpPacketTest {
    // Fields, not constants: a static initializer that calls a stub would hide its message.
    private final MacAddress aliceMac = MacAddress.of(Hostile.hex("02005e100001"));
    private final MacAddress bobMac = MacAddress.of(Hostile.hex("02005e100002"));

    /** "Who has 192.0.2.2? Tell 192.0.2.1" as captured: 28 octets of ARP + 18 of Ethernet padding. */
    private static final String REQUEST =
            "0001"             // hardware type: Ethernet
            + "0800"           // protocol type: IPv4
            + "06" + "04"      // hardware length 6, protocol length 4
            + "0001"           // operation: request
            + "02005e100001"   // sender MAC
            + "c0000201"       // sender IP 192.0.2.1
            + "000000000000"   // target MAC: unknown
            + "c0000202"       // target IP 192.0.2.2
            + "000000000000000000000000000000000000"; // Ethernet padding

    @Test
    @DisplayName("a pcap4j-built request decodes field by field")
    void decodesPcap4jRequest() throws PacketException {
        org.pcap4j.packet.ArpPacket oracle = new org.pcap4j.packet.ArpPacket.Builder()
                .hardwareType(ArpHardwareType.ETHERNET)
                .protocolType(org.pcap4j.packet.namednumber.EtherType.IPV4)
                .hardwareAddrLength((byte) 6).protocolAddrLength((byte) 4)
                .operation(ArpOperation.REQUEST)
                .srcHardwareAddr(org.pcap4j.util.MacAddress.getByName("02:00:5e:10:00:01"))
                .srcProtocolAddr(ipv4("192.0.2.1"))
                .dstHardwareAddr(org.pcap4j.util.MacAddress.getByName("00:00:00:00:00:00"))
                .dstProtocolAddr(ipv4("192.0.2.2")).build();
        byte[] raw = oracle.getRawData();
        ArpPacket arp = ArpPacket.decode(raw, 0, raw.length);
        org.pcap4j.packet.ArpPacket.ArpHeader h = oracle.getHeader();
        assertThat(arp.operation()).isEqualTo(h.getOperation().value() & 0xffff).isEqualTo(ArpPacket.REQUEST);
        assertThat(arp.senderMac().bytes()).isEqualTo(h.getSrcHardwareAddr().getAddress());
        assertThat(arp.senderIp()).isEqualTo(h.getSrcProtocolAddr());
        assertThat(arp.targetMac()).isEqualTo(MacAddress.ZERO);
        assertThat(arp.targetIp()).isEqualTo(h.getDstProtocolAddr());
        assertThat(arp.isRequest()).isTrue();
        assertThat(arp.isReply()).isFalse();
        assertThat(arp.encode()).isEqualTo(raw);
    }

    @Test
    @DisplayName("a captured request with Ethernet padding decodes; the padding is ignored")
    void ignoresPadding() throws PacketException {
        byte[] raw = hex(REQUEST);
        assertThat(raw).hasSize(46);
        ArpPacket arp = ArpPacket.decode(raw, 0, raw.length);
        assertThat(arp).isEqualTo(ArpPacket.request(aliceMac, ipv4("192.0.2.1"), ipv4("192.0.2.2")));
        assertThat(arp.encode()).isEqualTo(Arrays.copyOf(raw, 28));
    }

    @Test
    @DisplayName("the reply swaps the fields as RFC 826 says, and pcap4j reads it")
    void reply() throws IllegalRawDataException {
        ArpPacket request = ArpPacket.request(aliceMac, ipv4("192.0.2.1"), ipv4("192.0.2.2"));
        ArpPacket reply = request.replyFrom(bobMac);
        assertThat(reply.isReply()).isTrue();
        assertThat(reply.senderMac()).isEqualTo(bobMac);
        assertThat(reply.senderIp()).isEqualTo(ipv4("192.0.2.2"));
        assertThat(reply.targetMac()).isEqualTo(aliceMac);
        assertThat(reply.targetIp()).isEqualTo(ipv4("192.0.2.1"));
        byte[] raw = reply.encode();
        assertThat(raw).hasSize(28);
        org.pcap4j.packet.ArpPacket.ArpHeader h = org.pcap4j.packet.ArpPacket.newPacket(raw, 0, raw.length).getHeader();
        assertThat(h.getOperation()).isEqualTo(ArpOperation.REPLY);
        assertThat(h.getSrcHardwareAddr().getAddress()).isEqualTo(bobMac.bytes());
        assertThat(h.getSrcProtocolAddr()).isEqualTo(ipv4("192.0.2.2"));
        assertThat(h.getDstHardwareAddr().getAddress()).isEqualTo(aliceMac.bytes());
        assertThat(h.getDstProtocolAddr()).isEqualTo(ipv4("192.0.2.1"));
        assertThat(h.getHardwareType()).isEqualTo(ArpHardwareType.ETHERNET);
    }

    @Test
    @DisplayName("an announcement (sender IP = target IP) is gratuitous; an ordinary request is not")
    void gratuitous() {
        assertThat(ArpPacket.request(aliceMac, ipv4("192.0.2.1"), ipv4("192.0.2.1")).isGratuitous()).isTrue();
        assertThat(ArpPacket.request(aliceMac, ipv4("192.0.2.1"), ipv4("192.0.2.2")).isGratuitous()).isFalse();
    }

    @Test
    @DisplayName("every prefix shorter than 28 octets is truncated")
    void everyPrefix() {
        byte[] raw = Arrays.copyOf(hex(REQUEST), 28);
        Hostile.everyPrefix(raw, ArpPacket::decode);
        for (int len = 0; len < 28; len++) {
            int n = len;
            assertError(PacketError.TRUNCATED, () -> ArpPacket.decode(Arrays.copyOf(raw, n), 0, n));
        }
    }

    // RFC 826: "?Do I have the hardware type in ar$hrd? ... ?Do I speak the protocol in ar$pro?
    // No: discard the packet." Lengths other than 6 and 4 contradict Ethernet and IPv4.
    @ParameterizedTest(name = "octet {0} = {1}: {2}")
    @DisplayName("a field other than Ethernet/IPv4 is refused with the matching error")
    @CsvSource({
        "0, 01, UNSUPPORTED, hardware type 0x0101 instead of 1",
        "1, 06, UNSUPPORTED, hardware type 6 (IEEE 802) instead of 1",
        "2, 86, UNSUPPORTED, protocol type 0x86dd (IPv6) instead of 0x0800",
        "4, 08, BAD_FIELD, hardware length 8 for 6-octet Ethernet addresses",
        "5, 10, BAD_FIELD, protocol length 16 for 4-octet IPv4 addresses",
        "7, 03, UNSUPPORTED, operation 3 (RARP request)",
        "7, 00, UNSUPPORTED, operation 0",
        "6, 01, UNSUPPORTED, operation 0x0101 (its low octet alone says request)",
    })
    void badFields(int offset, String value, PacketError error, String why) {
        byte[] raw = hex(REQUEST);
        raw[offset] = (byte) Integer.parseInt(value, 16);
        if (offset == 2) {
            raw[3] = (byte) 0xdd;
        }
        assertError(error, () -> ArpPacket.decode(raw, 0, raw.length));
    }
}
