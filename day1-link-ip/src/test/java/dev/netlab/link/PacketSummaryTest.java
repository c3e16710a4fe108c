package dev.netlab.link;

import static dev.netlab.link.Pcap4jFrames.A;
import static dev.netlab.link.Pcap4jFrames.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.netlab.kit.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IcmpV4Code;
import org.pcap4j.packet.namednumber.IcmpV4Type;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.util.MacAddress;

/**
 * Checkpoint 1.09: one line per packet, the way {@code tcpdump -n} prints it, on the learner's own
 * decoders.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 12 mutants, 12 killed): ports swapped; a fragment's offset printed in 8-octet units;
 * a first fragment summarized as if whole; ARP's who-has and tell swapped; the ICMP length without
 * its header; the unreachable line naming the ICMP sender instead of the quoted destination;
 * VLAN id and priority swapped; IPv6 groups in upper case. Four survived the first run and are
 * killed by rows added for them: the TCP data length with the data offset ignored or read from
 * the wrong nibble ({@code tcpWithOptions}); one zero group shortened to "::", and the last of two
 * equal zero runs shortened instead of the first (RFC 5952 §4.2.2, §4.2.3, in
 * {@code ipv6VlanOther}).
 */
@Checkpoint(id = "1.09", title = "One-line packet summaries (like tcpdump -n)",
        edit = "dev/netlab/link/PacketSummary.java",
        hint = "decode layer by layer with your own decoders; catch PacketException and say [malformed ...]",
        readme = "#packet-summaries")
class PacketSummaryTest {

    @Test
    @DisplayName("ARP request and reply")
    void arp() {
        byte[] request = Pcap4jFrames.ethernet(EtherType.ARP,
                Pcap4jFrames.arp(ArpOperation.REQUEST, A, "10.91.1.1", MacAddress.getByName("00:00:00:00:00:00"), "10.91.1.2"));
        byte[] reply = Pcap4jFrames.ethernet(EtherType.ARP, Pcap4jFrames.arp(ArpOperation.REPLY, B, "10.91.1.2", A, "10.91.1.1"));
        assertThat(PacketSummary.summarize(request)).isEqualTo("ARP, Request who-has 10.91.1.2 tell 10.91.1.1, length 28");
        assertThat(PacketSummary.summarize(reply)).isEqualTo("ARP, Reply 10.91.1.2 is-at 02:00:00:00:00:02, length 28");
    }

    @Test
    @DisplayName("ICMP echo request and reply name id, sequence and the ICMP length")
    void echo() {
        byte[] request = Pcap4jFrames.ethernet(EtherType.IPV4,
                Pcap4jFrames.ipv4("10.91.1.1", "10.91.1.2", IpNumber.ICMPV4, Pcap4jFrames.echo(false, 7, 1, 56)));
        byte[] reply = Pcap4jFrames.ethernet(EtherType.IPV4,
                Pcap4jFrames.ipv4("10.91.1.2", "10.91.1.1", IpNumber.ICMPV4, Pcap4jFrames.echo(true, 7, 1, 56)));
        assertThat(PacketSummary.summarize(request)).isEqualTo("IP 10.91.1.1 > 10.91.1.2: ICMP echo request, id 7, seq 1, length 64");
        assertThat(PacketSummary.summarize(reply)).isEqualTo("IP 10.91.1.2 > 10.91.1.1: ICMP echo reply, id 7, seq 1, length 64");
    }

    @Test
    @DisplayName("ICMP errors: time exceeded in transit, port unreachable naming the quoted destination")
    void errors() {
        IpV4Packet probe = Pcap4jFrames.ipv4("10.91.1.1", "10.91.2.1", IpNumber.ICMPV4, Pcap4jFrames.echo(false, 7, 1, 56)).build();
        byte[] exceeded = Pcap4jFrames.ethernet(EtherType.IPV4, Pcap4jFrames.ipv4("10.91.1.254", "10.91.1.1", IpNumber.ICMPV4,
                Pcap4jFrames.error(IcmpV4Type.TIME_EXCEEDED, IcmpV4Code.TIME_TO_LIVE_EXCEEDED, probe)));
        IpV4Packet udp = Pcap4jFrames.ipv4("10.91.1.1", "10.91.1.2", IpNumber.UDP,
                Pcap4jFrames.udp("10.91.1.1", "10.91.1.2", 40000, 9, 4)).build();
        byte[] unreachable = Pcap4jFrames.ethernet(EtherType.IPV4, Pcap4jFrames.ipv4("10.91.1.2", "10.91.1.1", IpNumber.ICMPV4,
                Pcap4jFrames.error(IcmpV4Type.DESTINATION_UNREACHABLE, IcmpV4Code.PORT_UNREACHABLE, udp)));
        assertThat(PacketSummary.summarize(exceeded)).isEqualTo("IP 10.91.1.254 > 10.91.1.1: ICMP time exceeded in-transit, length 36");
        assertThat(PacketSummary.summarize(unreachable)).isEqualTo("IP 10.91.1.2 > 10.91.1.1: ICMP 10.91.1.2 port unreachable, length 36");
    }

    @Test
    @DisplayName("TCP and UDP show ports and the data length after the transport header")
    void transport() {
        byte[] tcp = Pcap4jFrames.ethernet(EtherType.IPV4, Pcap4jFrames.ipv4("127.0.0.1", "127.0.0.1", IpNumber.TCP,
                Pcap4jFrames.tcp("127.0.0.1", "127.0.0.1", 40000, 8080, "hello".getBytes(StandardCharsets.US_ASCII))));
        byte[] udp = Pcap4jFrames.ethernet(EtherType.IPV4, Pcap4jFrames.ipv4("10.0.0.1", "10.0.0.2", IpNumber.UDP,
                Pcap4jFrames.udp("10.0.0.1", "10.0.0.2", 5353, 53, 12)));
        assertThat(PacketSummary.summarize(tcp)).isEqualTo("IP 127.0.0.1.40000 > 127.0.0.1.8080: TCP, length 5");
        assertThat(PacketSummary.summarize(udp)).isEqualTo("IP 10.0.0.1.5353 > 10.0.0.2.53: UDP, length 12");
    }

    // RFC 9293 §3.1: "Data Offset (DOffset): 4 bits. The number of 32-bit words in the TCP
    // header. This indicates where the data begins."
    @Test
    @DisplayName("a TCP header with options (data offset 6): the length counts only what follows the options")
    void tcpWithOptions() {
        byte[] tcp = Pcap4jFrames.ethernet(EtherType.IPV4, Pcap4jFrames.ipv4("10.0.0.1", "10.0.0.2", IpNumber.TCP,
                Pcap4jFrames.tcp("10.0.0.1", "10.0.0.2", 40000, 80, "hello".getBytes(StandardCharsets.US_ASCII))
                        .options(java.util.List.of(new org.pcap4j.packet.TcpMaximumSegmentSizeOption.Builder()
                                .maxSegSize((short) 1460).correctLengthAtBuild(true).build()))));
        assertThat(PacketSummary.summarize(tcp)).isEqualTo("IP 10.0.0.1.40000 > 10.0.0.2.80: TCP, length 5");
    }

    @Test
    @DisplayName("fragments: the first names its protocol, later ones only id:size@offset")
    void fragments() {
        byte[] data = new byte[1480];
        IpV4Packet.Builder first = Pcap4jFrames.ipv4("10.0.0.1", "10.0.0.2", IpNumber.ICMPV4,
                new UnknownPacket.Builder().rawData(data)).moreFragmentFlag(true);
        IpV4Packet.Builder last = Pcap4jFrames.ipv4("10.0.0.1", "10.0.0.2", IpNumber.ICMPV4,
                new UnknownPacket.Builder().rawData(new byte[520])).fragmentOffset((short) (1480 / 8));
        assertThat(PacketSummary.summarize(Pcap4jFrames.ethernet(EtherType.IPV4, first)))
                .isEqualTo("IP 10.0.0.1 > 10.0.0.2: ICMP (frag 4660:1480@0+)");
        assertThat(PacketSummary.summarize(Pcap4jFrames.ethernet(EtherType.IPV4, last)))
                .isEqualTo("IP 10.0.0.1 > 10.0.0.2: (frag 4660:520@1480)");
    }

    @Test
    @DisplayName("IPv6 with RFC 5952 addresses, extension headers by name; an 802.1Q tag first; unknown EtherTypes")
    void ipv6VlanOther() {
        byte[] plain = Pcap4jFrames.ethernet(EtherType.IPV6, Pcap4jFrames.ipv6Icmp("fe80::1", "ff02::1", false));
        byte[] hop = Pcap4jFrames.ethernet(EtherType.IPV6, Pcap4jFrames.ipv6Icmp("fe80::1", "ff02::1", true));
        assertThat(PacketSummary.summarize(plain)).isEqualTo("IP6 fe80::1 > ff02::1: ICMPv6, length 8");
        assertThat(PacketSummary.summarize(hop)).isEqualTo("IP6 fe80::1 > ff02::1: IPv6-HopByHop, ICMPv6, length 8");
        // RFC 5952 §4.2.2: "The symbol "::" MUST NOT be used to shorten just one 16-bit 0 field."
        // §4.2.3: "When there is an alternative choice in the placement of a "::", the longest run
        // of consecutive 16-bit 0 fields MUST be shortened ... If the length of the runs is equal,
        // the first sequence of zero bits MUST be shortened."
        byte[] runs = Pcap4jFrames.ethernet(EtherType.IPV6,
                Pcap4jFrames.ipv6Icmp("2001:db8:0:1:1:1:1:1", "2001:db8:0:0:1:0:0:1", false));
        assertThat(PacketSummary.summarize(runs)).isEqualTo("IP6 2001:db8:0:1:1:1:1:1 > 2001:db8::1:0:0:1: ICMPv6, length 8");

        byte[] tagged = Pcap4jFrames.vlan(100, 3, EtherType.IPV4, Pcap4jFrames.ipv4("10.0.0.1", "10.0.0.2", IpNumber.UDP,
                Pcap4jFrames.udp("10.0.0.1", "10.0.0.2", 1, 2, 0)));
        assertThat(PacketSummary.summarize(tagged)).isEqualTo("802.1Q vlan 100, p 3, IP 10.0.0.1.1 > 10.0.0.2.2: UDP, length 0");

        byte[] other = Pcap4jFrames.ethernet(EtherType.getInstance((short) 0x88b5), Pcap4jFrames.raw(new byte[46]));
        assertThat(PacketSummary.summarize(other)).isEqualTo("ethertype 0x88b5, length 46");
    }

    @Test
    @DisplayName("malformed layers are named, with the decoder's reason, and nothing throws")
    void malformed() {
        byte[] good = Pcap4jFrames.ethernet(EtherType.IPV4,
                Pcap4jFrames.ipv4("10.91.1.1", "10.91.1.2", IpNumber.ICMPV4, Pcap4jFrames.echo(false, 7, 1, 56)));
        byte[] badChecksum = good.clone();
        badChecksum[14 + 10] ^= 0x5a; // the IPv4 header checksum (RFC 791: bytes 10-11 of the header)
        assertThat(PacketSummary.summarize(badChecksum)).startsWith("IP [malformed IPv4: ").contains("checksum");

        byte[] badIcmp = good.clone();
        badIcmp[14 + 20 + 2] ^= 0x01; // the ICMP checksum
        assertThat(PacketSummary.summarize(badIcmp)).startsWith("IP 10.91.1.1 > 10.91.1.2: ICMP [malformed ICMP: ");

        assertThat(PacketSummary.summarize(new byte[5])).startsWith("[malformed Ethernet: ");
        byte[] shortArp = Arrays.copyOf(Pcap4jFrames.ethernet(EtherType.ARP,
                Pcap4jFrames.arp(ArpOperation.REQUEST, A, "10.91.1.1", B, "10.91.1.2")), 14 + 20);
        assertThat(PacketSummary.summarize(shortArp)).startsWith("ARP [malformed ARP: ");
    }

    @Test
    @DisplayName("every prefix of every frame above gets a line, never an exception")
    void everyPrefixNeverThrows() {
        List<byte[]> frames = List.of(
                Pcap4jFrames.ethernet(EtherType.ARP, Pcap4jFrames.arp(ArpOperation.REQUEST, A, "10.91.1.1", B, "10.91.1.2")),
                Pcap4jFrames.ethernet(EtherType.IPV4, Pcap4jFrames.ipv4("10.0.0.1", "10.0.0.2", IpNumber.TCP,
                        Pcap4jFrames.tcp("10.0.0.1", "10.0.0.2", 1, 2, new byte[3]))),
                Pcap4jFrames.ethernet(EtherType.IPV6, Pcap4jFrames.ipv6Icmp("fe80::1", "ff02::1", true)),
                Pcap4jFrames.vlan(5, 0, EtherType.IPV4, Pcap4jFrames.ipv4("10.0.0.1", "10.0.0.2", IpNumber.ICMPV4,
                        Pcap4jFrames.echo(false, 1, 1, 8))));
        for (byte[] frame : frames) {
            for (int len = 0; len <= frame.length; len++) {
                byte[] prefix = Arrays.copyOf(frame, len);
                try {
                    assertThat(PacketSummary.summarize(prefix)).isNotBlank();
                } catch (RuntimeException e) {
                    fail("summary of a " + len + "-byte prefix of " + HexFormat.of().formatHex(frame) + " threw " + e, e);
                }
            }
        }
    }
}
