package dev.netlab.link;

import static dev.netlab.link.Day1Network.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.kit.pcap.CapturedPacket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4EchoPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IcmpV4Type;
import org.pcap4j.packet.namednumber.IpNumber;

/**
 * Live: hand-built echo requests from {@code lab}; the Linux kernel of {@code peer} answers.
 * Checkpoint 1.11.
 *
 * <p>Learner mistakes, each checked once against a hand-made mutant of the reference (issue 19;
 * 8 mutants, 5 killed here, 2 killed by TracerTest (1.12), 1 equivalent): caught, the answer's
 * size counted without the 8-octet ICMP header; a reply matched without its sequence number, or
 * without its identifier ({@code onlyOurReplyIsTheAnswer}: the peer's end of the link injects a
 * reply with another identifier and one with another sequence number ahead of the kernel's; the
 * answer's size says which was taken); the timeout restarted by every frame that arrives
 * ({@code timeoutCountsFromTheRequest}: the peer ignores echo requests while another ping's
 * replies arrive every 20 ms for 4 s; the mutant gave up after 4.4 s, the reference after
 * 0.3 s); the same IP identification on every probe (the three requests of {@code pingsThePeer}
 * carry three). The frame sent to the target's MAC instead of the next hop's, and the probe's
 * TTL ignored, survive here (the peer is on-link and answers at any TTL) but fail TracerTest's
 * traceroute and off-link ping. Equivalent here: the answer's TTL taken from the probe instead
 * of the reply (the kernel answers with 64 too).
 */
@Checkpoint(id = "1.11", title = "Ping with hand-built echo requests",
        edit = "dev/netlab/link/Pinger.java",
        hint = "Ethernet(next-hop MAC) / IPv4(protocol 1, TTL) / ICMP echo(id, seq); match the reply's id and seq",
        readme = "#ping")
class PingerTest {
    private static final int ID = 0x4e4c;

    @Test
    @DisplayName("three pings: the kernel answers each with our id and sequence, TTL 64; the requests are valid on the wire,"
            + " each with its own IP identification (RFC 791: unique for that source-destination pair and protocol)")
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
            Set<Integer> identifications = new HashSet<>();
            for (CapturedPacket p : requests) {
                EthernetPacket eth = EthernetPacket.newPacket(p.data(), 0, p.data().length);
                IpV4Packet ip = eth.get(IpV4Packet.class);
                assertThat(eth.getHeader().getDstAddr().toString()).isEqualTo(net.peer().mac("eth0"));
                assertThat(ip.getHeader().hasValidChecksum(false)).as("IPv4 header checksum").isTrue();
                assertThat(ip.getHeader().getTtlAsInt()).isEqualTo(Pinger.DEFAULT_TTL);
                assertThat(ip.getHeader().getSrcAddr().getHostAddress()).isEqualTo(Day1Network.LAB_ADDRESS);
                assertThat(ip.get(IcmpV4CommonPacket.class).hasValidChecksum(false)).as("ICMP checksum").isTrue();
                assertThat(ip.get(IcmpV4EchoPacket.class).getHeader().getIdentifierAsInt()).isEqualTo(ID);
                identifications.add(ip.getHeader().getIdentificationAsInt());
            }
            assertThat(identifications).as("RFC 791 §3.2: the originating module \"sets the identification field to a value"
                    + " that must be unique for that source-destination pair and protocol\": the IP identifications of three"
                    + " probes").hasSize(3);
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

    @Test
    @DisplayName("RFC 792: \"The identifier and sequence number may be used by the echo sender to aid in matching the"
            + " replies with the echo requests\": a reply with another identifier (another ping's) or another sequence number,"
            + " arriving first, is not the answer")
    void onlyOurReplyIsTheAnswer() throws Exception {
        try (Day1Network net = Day1Network.link();
             PcapLink link = net.openLabLink("icmp or arp");
             Injector peer = Injector.on(net.peer(), "eth0")) {
            Pinger pinger = new Pinger(link, new ArpResolver(link, Clock.systemUTC(), Duration.ofSeconds(60)), ID);
            assertThat(pinger.ping(ipv4(Day1Network.PEER_ADDRESS), 1, 56, Duration.ofSeconds(2))).as("echo reply to seq 1").isPresent();
            // Waiting on the lab's link ahead of the kernel's reply to seq 2: two replies that are
            // not it, told apart by their size (ICMP bytes 16 and 32; the real one has 64).
            peer.send(echoReply(net, ID ^ 0x0101, 2, 8));
            peer.send(echoReply(net, ID, 3, 24));
            Optional<Pinger.Answer> answer = pinger.ping(ipv4(Day1Network.PEER_ADDRESS), 2, 56, Duration.ofSeconds(2));
            assertThat(answer).as("echo reply to seq 2").isPresent();
            assertThat(answer.get().bytes()).as("ICMP bytes of the answer (16: the reply with another identifier was taken;"
                    + " 32: the reply with another sequence number)").isEqualTo(64);
            assertThat(answer.get().sequence()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("the timeout counts from the request: a target that never answers is given up on time, however many"
            + " other frames (another ping's replies) arrive meanwhile")
    void timeoutCountsFromTheRequest() throws Exception {
        try (Day1Network net = Day1Network.link();
             PcapLink link = net.openLabLink("icmp or arp");
             Injector peer = Injector.on(net.peer(), "eth0")) {
            net.peer().sysctl("net.ipv4.icmp_echo_ignore_all", "1"); // ARP still answered, echo requests not
            Pinger pinger = new Pinger(link, new ArpResolver(link, Clock.systemUTC(), Duration.ofSeconds(60)), ID);
            byte[] chatter = echoReply(net, ID ^ 0x0101, 1, 8);
            AtomicBoolean quiet = new AtomicBoolean();
            Thread sender = Thread.ofPlatform().daemon().name("chatter").start(() -> {
                long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
                try {
                    while (!quiet.get() && System.nanoTime() - until < 0) {
                        peer.send(chatter);
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    // the test's assertion tells; the injector closes with the network
                }
            });
            try {
                long started = System.nanoTime();
                assertThat(pinger.ping(ipv4(Day1Network.PEER_ADDRESS), 1, 56, Duration.ofMillis(300))).isEmpty();
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("time to give up with a 300 ms timeout while a frame arrives every 20 ms for 4 s")
                        .isLessThan(Duration.ofMillis(2000));
            } finally {
                quiet.set(true);
                sender.join(2000);
            }
        }
    }

    /** An echo reply from the peer to lab (built by pcap4j), carrying {@code dataLength} data octets. */
    private static byte[] echoReply(Day1Network net, int id, int seq, int dataLength) {
        return Pcap4jFrames.ethernet(org.pcap4j.util.MacAddress.getByName(net.lab().mac("eth0")),
                org.pcap4j.util.MacAddress.getByName(net.peer().mac("eth0")), EtherType.IPV4,
                Pcap4jFrames.ipv4(Day1Network.PEER_ADDRESS, Day1Network.LAB_ADDRESS, IpNumber.ICMPV4,
                        Pcap4jFrames.echo(true, id, seq, dataLength)));
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
