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
import org.pcap4j.packet.ArpPacket.ArpHeader;
import org.pcap4j.packet.namednumber.ArpOperation;

/**
 * Coverage-guided fuzzing of the ARP decoder (Jazzer; lab-kit/README.md#fuzzing). Each input is
 * an ARP packet (the Ethernet payload). Only {@link PacketException} may escape; the packet must
 * decode the same at another offset; and pcap4j must agree: a packet we accept, pcap4j accepts
 * with the same operation and addresses; a packet pcap4j accepts whose fields are those of an
 * Ethernet/IPv4 request or reply (RFC 826: htype 1, ptype 0x0800, hlen 6, plen 4, op 1 or 2)
 * we accept too. Seeds: a request and a reply built with pcap4j, and the kept inputs under
 * {@code ArpPacketFuzzTestInputs/decode/}. Fuzz it: {@code ./lab fuzz day1-link-ip 10 ArpPacketFuzzTest}.
 */
@Checkpoint(id = "1.06", title = "ARP requests and replies",
        edit = "dev/netlab/link/ArpPacket.java",
        hint = "28 octets: htype, ptype, hlen, plen, op, then sender MAC+IP and target MAC+IP",
        readme = "#arp")
class ArpPacketFuzzTest {
    @RegisterExtension
    static final FuzzRule RULE = FuzzRule.allowing("ArpPacket.decode", PacketException.class);

    static Stream<Named<byte[]>> seeds() {
        return Stream.of(
                Named.of("pcap4j ARP request", Pcap4jFrames.arp(ArpOperation.REQUEST, Pcap4jFrames.A, "10.0.0.1",
                        org.pcap4j.util.MacAddress.getByName("00:00:00:00:00:00"), "10.0.0.2").build().getRawData()),
                Named.of("pcap4j ARP reply", Pcap4jFrames.arp(ArpOperation.REPLY, Pcap4jFrames.B, "10.0.0.2",
                        Pcap4jFrames.A, "10.0.0.1").build().getRawData()));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10m")
    void decode(byte[] input) {
        RULE.check(input, () -> {
            PacketFuzzing.Verdict<ArpPacket> ours = PacketFuzzing.sameAtAnOffset("ArpPacket.decode", ArpPacket::decode, input);
            PacketFuzzing.Opinion<org.pcap4j.packet.ArpPacket> theirs =
                    PacketFuzzing.pcap4j(org.pcap4j.packet.ArpPacket::newPacket, input);
            if (ours.accepted()) {
                if (theirs.refuses()) {
                    throw disagree("ArpPacket.decode accepts a packet pcap4j refuses", input, ours, theirs);
                }
                if (theirs.accepts() && !sameFields(ours.value(), theirs.packet().getHeader())) {
                    throw disagree("ArpPacket.decode and pcap4j read different fields", input, ours, theirs);
                }
            } else if (theirs.accepts() && ethernetIpv4RequestOrReply(input)) {
                throw disagree("ArpPacket.decode refuses an Ethernet/IPv4 request or reply pcap4j accepts", input, ours, theirs);
            }
        });
    }

    private static boolean sameFields(ArpPacket ours, ArpHeader h) {
        return ours.operation() == (h.getOperation().value() & 0xFFFF)
                && Arrays.equals(ours.senderMac().bytes(), h.getSrcHardwareAddr().getAddress())
                && ours.senderIp().equals(h.getSrcProtocolAddr())
                && Arrays.equals(ours.targetMac().bytes(), h.getDstHardwareAddr().getAddress())
                && ours.targetIp().equals(h.getDstProtocolAddr());
    }

    /** RFC 826's fields for Ethernet and IPv4, checked here from the octets themselves. */
    private static boolean ethernetIpv4RequestOrReply(byte[] p) {
        return p.length >= 28 && u16(p, 0) == 1 && u16(p, 2) == 0x0800 && (p[4] & 0xFF) == 6 && (p[5] & 0xFF) == 4
                && (u16(p, 6) == 1 || u16(p, 6) == 2);
    }
}
