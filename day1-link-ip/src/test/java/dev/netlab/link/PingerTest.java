package dev.netlab.link;

import static dev.netlab.link.Day1Network.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.kit.pcap.CapturedPacket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4EchoPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.namednumber.IcmpV4Type;

/**
 * Live: hand-built echo requests from {@code lab}; the Linux kernel of {@code peer} answers.
 * Checkpoint 1.11.
 *
 * <p>Learner mistakes, each checked once against a hand-made mutant of the reference (issue 19;
 * 8 mutants, 1 killed here, 2 killed by TracerTest (1.12), 1 equivalent, 4 left open): caught,
 * the answer's size counted without the 8-octet ICMP header. The frame sent to the target's MAC
 * instead of the next hop's, and the probe's TTL ignored, survive here (the peer is on-link and
 * answers at any TTL) but fail TracerTest's traceroute and off-link ping. Equivalent here: the
 * answer's TTL taken from the probe instead of the reply (the kernel answers with 64 too). Not
 * caught, left open: a reply matched without its sequence, or without its identifier (one
 * pinger, answers in order: nothing else to confuse it with); the timeout restarted by every
 * frame that arrives (no chatter on the link); the same IP identification on every probe.
 */
@Checkpoint(id = "1.11", title = "Ping with hand-built echo requests",
        edit = "dev/netlab/link/Pinger.java",
        hint = "Ethernet(next-hop MAC) / IPv4(protocol 1, TTL) / ICMP echo(id, seq); match the reply's id and seq",
        readme = "#ping")
class PingerTest {
    private static final int ID = 0x4e4c;

    @Test
    @DisplayName("three pings: the kernel answers each with our id and sequence, TTL 64; the requests are valid on the wire")
    void pingsThePeer() throws Exception {
        try (Day1Network net = Day1Network.link();
             LiveCapture wire = net.lab().run(() -> LiveCapture.start("eth0", "icmp or arp"));
             PcapLink link = net.openLabLink("icmp or arp")) {
            Evidence.current().capture(wire);
            Evidence.current().reproduce("sudo ip netns exec " + net.lab().namespace() + " ping -c 3 " + Day1Network.PEER_ADDRESS);
            Pinger pinger = new Pinger(link, new ArpResolver(link, Clock.systemUTC(), Duration.ofSeconds(60)), ID);
            for (int seq = 1; seq <= 3; seq++) {
                Optional<Pinger.Answer> answer = pinger.ping(ipv4(Day1Network.PEER_ADDRESS), seq, 56, Duration.ofSeconds(2));
                assertThat(answer).as("echo reply to seq " + seq).isPresent();
                Pinger.Answer a = answer.get();
                assertThat(a.kind()).isEqualTo(Pinger.Kind.ECHO_REPLY);
                assertThat(a.from().getHostAddress()).isEqualTo(Day1Network.PEER_ADDRESS);
                assertThat(a.sequence()).isEqualTo(seq);
                assertThat(a.ttl()).as("TTL of the kernel's reply").isEqualTo(64);
                assertThat(a.bytes()).as("ICMP bytes: 8 header + 56 data").isEqualTo(64);
                assertThat(a.rtt()).isPositive().isLessThan(Duration.ofSeconds(2));
            }
            // Our requests, decoded by pcap4j: checksums valid, fields as sent.
            List<CapturedPacket> requests = wire.awaitPackets(PingerTest::isOurRequest, 3, Duration.ofSeconds(2));
            assertThat(requests).hasSize(3);
            for (CapturedPacket p : requests) {
                EthernetPacket eth = EthernetPacket.newPacket(p.data(), 0, p.data().length);
                IpV4Packet ip = eth.get(IpV4Packet.class);
                assertThat(eth.getHeader().getDstAddr().toString()).isEqualTo(net.peer().mac("eth0"));
                assertThat(ip.getHeader().hasValidChecksum(false)).as("IPv4 header checksum").isTrue();
                assertThat(ip.getHeader().getTtlAsInt()).isEqualTo(Pinger.DEFAULT_TTL);
                assertThat(ip.getHeader().getSrcAddr().getHostAddress()).isEqualTo(Day1Network.LAB_ADDRESS);
                assertThat(ip.get(IcmpV4CommonPacket.class).hasValidChecksum(false)).as("ICMP checksum").isTrue();
                assertThat(ip.get(IcmpV4EchoPacket.class).getHeader().getIdentifierAsInt()).isEqualTo(ID);
            }
        }
    }

    @Test
    @DisplayName("large and empty payloads round-trip; an address nobody owns gives no answer")
    void sizesAndSilence() throws Exception {
        try (Day1Network net = Day1Network.link(); PcapLink link = net.openLabLink("icmp or arp")) {
            Pinger pinger = new Pinger(link, new ArpResolver(link, Clock.systemUTC(), Duration.ofSeconds(60)), ID);
            assertThat(pinger.ping(ipv4(Day1Network.PEER_ADDRESS), 1, 1400, Duration.ofSeconds(2)))
                    .hasValueSatisfying(a -> assertThat(a.bytes()).isEqualTo(1408));
            assertThat(pinger.ping(ipv4(Day1Network.PEER_ADDRESS), 2, 0, Duration.ofSeconds(2)))
                    .hasValueSatisfying(a -> assertThat(a.bytes()).isEqualTo(8));
            assertThat(pinger.ping(ipv4(Day1Network.NOBODY_ADDRESS), 3, 56, Duration.ofMillis(300))).isEmpty();
        }
    }

    private static boolean isOurRequest(CapturedPacket p) {
        try {
            EthernetPacket eth = EthernetPacket.newPacket(p.data(), 0, p.data().length);
            IcmpV4CommonPacket icmp = eth.get(IcmpV4CommonPacket.class);
            IpV4Packet ip = eth.get(IpV4Packet.class);
            return icmp != null && icmp.getHeader().getType().equals(IcmpV4Type.ECHO)
                    && ip.getHeader().getSrcAddr().getHostAddress().equals(Day1Network.LAB_ADDRESS);
        } catch (Exception e) {
            return false;
        }
    }
}
