package dev.netlab.link;

import static dev.netlab.link.PacketFuzzing.disagree;
import static dev.netlab.link.PacketFuzzing.u16;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.fuzz.FuzzRule;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.MethodSource;
import org.pcap4j.packet.Dot1qVlanTagPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.namednumber.EtherType;

/**
 * Coverage-guided fuzzing of the Ethernet II / 802.1Q decoder (Jazzer; lab-kit/README.md#fuzzing).
 * Each input is one frame. Only {@link PacketException} may escape; the frame must decode the
 * same at another offset of a larger buffer; and pcap4j, decoding the same octets, must agree:
 * a frame we accept, pcap4j accepts with the same addresses, tag and EtherType; a frame pcap4j
 * accepts is one we accept unless its type field is an 802.3 length (≤ 1500) or not an
 * EtherType (&lt; 0x0600), which this lab refuses on purpose, or its 802.1Q tag is cut short.
 * Seeds: frames built with pcap4j (ARP, IPv4, VLAN-tagged IPv6) and the kept inputs under
 * {@code EthernetFrameFuzzTestInputs/decode/}. Fuzz it: {@code ./lab fuzz day1-link-ip 10 EthernetFrameFuzzTest}.
 */
@Checkpoint(id = "1.02", title = "Ethernet II and 802.1Q frames",
        edit = "dev/netlab/link/EthernetFrame.java",
        hint = "after the two addresses, 0x8100 means a 4-octet tag and then the real EtherType",
        readme = "#ethernet-ii-and-8021q")
class EthernetFrameFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("EthernetFrame.decode", PacketException.class);

    static Stream<Named<byte[]>> seeds() {
        return Stream.of(
                Named.of("pcap4j ARP request", Pcap4jFrames.ethernet(EtherType.ARP, Pcap4jFrames.arp(
                        org.pcap4j.packet.namednumber.ArpOperation.REQUEST, Pcap4jFrames.A, "10.0.0.1",
                        org.pcap4j.util.MacAddress.ETHER_BROADCAST_ADDRESS, "10.0.0.2"))),
                Named.of("pcap4j IPv4 UDP", Pcap4jFrames.ethernet(EtherType.IPV4, Pcap4jFrames.ipv4("10.0.0.1", "10.0.0.2",
                        org.pcap4j.packet.namednumber.IpNumber.UDP, Pcap4jFrames.udp("10.0.0.1", "10.0.0.2", 5000, 53, 12)))),
                Named.of("pcap4j VLAN 42 IPv6 hop-by-hop", Pcap4jFrames.vlan(42, 5, EtherType.IPV6,
                        Pcap4jFrames.ipv6Icmp("fe80::1", "fe80::2", true))));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        RULE.check(input, () -> {
            PacketFuzzing.Verdict<EthernetFrame> ours = PacketFuzzing.sameAtAnOffset("EthernetFrame.decode",
                    EthernetFrame::decode, input);
            PacketFuzzing.Opinion<EthernetPacket> theirs = PacketFuzzing.pcap4j(EthernetPacket::newPacket, input);
            if (ours.accepted()) {
                if (theirs.refuses()) {
                    throw disagree("EthernetFrame.decode accepts a frame pcap4j refuses", input, ours, theirs);
                }
                if (theirs.accepts()) {
                    agree(input, ours.value(), theirs.packet());
                }
            } else if (theirs.accepts() && refusalNotExplained(input)) {
                throw disagree("EthernetFrame.decode refuses an Ethernet II frame pcap4j accepts", input, ours, theirs);
            }
        });
    }

    /** Addresses, tag and EtherType as pcap4j reads them. */
    private static void agree(byte[] input, EthernetFrame ours, EthernetPacket theirs) {
        EthernetPacket.EthernetHeader h = theirs.getHeader();
        boolean same = Arrays.equals(ours.destination().bytes(), h.getDstAddr().getAddress())
                && Arrays.equals(ours.source().bytes(), h.getSrcAddr().getAddress());
        int outer = h.getType().value() & 0xFFFF;
        if (ours.vlan().isPresent()) {
            EthernetFrame.VlanTag tag = ours.vlan().get();
            Dot1qVlanTagPacket q = theirs.get(Dot1qVlanTagPacket.class);
            same &= outer == 0x8100 && q != null
                    && (q.getHeader().getPriority() & 0xFF) == tag.priority()
                    && q.getHeader().getCfi() == tag.dropEligible()
                    && (q.getHeader().getVidAsInt()) == tag.vlanId()
                    && (q.getHeader().getType().value() & 0xFFFF) == ours.etherType();
        } else {
            same &= outer == ours.etherType();
        }
        if (!same) {
            throw disagree("EthernetFrame.decode and pcap4j read different header fields", input, PacketFuzzing.describe(ours), theirs);
        }
    }

    /** The refusals this lab makes on purpose (see the class comment); anything else is a disagreement. */
    private static boolean refusalNotExplained(byte[] input) {
        int typeAt = 12;
        if (input.length >= 14 && u16(input, 12) == 0x8100) {
            if (input.length < 18) {
                return false; // the tag is cut short
            }
            typeAt = 16;
        }
        return input.length >= typeAt + 2 && u16(input, typeAt) >= 0x0600;
    }
}
