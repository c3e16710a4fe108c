package dev.netlab.link;

import static dev.netlab.link.Day1Network.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.ManualClock;
import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.kit.pcap.CapturedPacket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.namednumber.ArpOperation;

/**
 * Live: the learner's resolver on host {@code lab} asks the Linux kernel of host {@code peer}
 * over a veth link; the request on the wire is checked with pcap4j's decoder. Checkpoint 1.10.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 8 mutants, 8 killed): entries that never expire; the cache not
 * consulted; one request and no retries; the request sent to the zero MAC instead of broadcast;
 * the reply's target MAC taken for the peer's; requests not counted; and, killed since the
 * expiry check moved to exactly the TTL (it was 1 s past), an entry still valid at its expiry
 * instant; and, killed since {@code replyForAnotherAddressIsNotTheAnswer} injects from the
 * peer's end of the link a reply for 10.91.1.77 ahead of the kernel's, any reply accepted
 * whatever its sender IP (the mutant returned 10.91.1.77's MAC).
 */
@Checkpoint(id = "1.10", title = "An ARP resolver with a cache, against the kernel on a veth link",
        edit = "dev/netlab/link/ArpResolver.java",
        hint = "broadcast a request from link.config(), read frames until the reply from the target; cache with an expiry",
        readme = "#arp-resolver")
class ArpResolverTest {
    private static final Duration WAIT = Duration.ofMillis(800);

    @Test
    @DisplayName("learns the peer's MAC from the kernel's reply, answers from the cache, asks again after expiry")
    void resolvesCachesExpires() throws Exception {
        try (Day1Network net = Day1Network.link();
             LiveCapture wire = net.lab().run(() -> LiveCapture.start("eth0", "arp"));
             PcapLink link = net.openLabLink("arp")) {
            Evidence.current().capture(wire);
            Evidence.current().reproduce("sudo ip netns exec " + net.lab().namespace() + " ping -c 1 "
                    + Day1Network.PEER_ADDRESS + "   (the kernel's own ARP, for comparison)");
            ManualClock clock = ManualClock.start();
            ArpResolver arp = new ArpResolver(link, clock, Duration.ofSeconds(30));
            MacAddress peerMac = MacAddress.of(net.peer().mac("eth0"));

            assertThat(arp.resolve(ipv4(Day1Network.PEER_ADDRESS), WAIT)).as("the peer's MAC").contains(peerMac);
            assertThat(arp.requestsSent()).isEqualTo(1);

            // The request as pcap4j sees it on the wire (RFC 826).
            List<CapturedPacket> requests = wire.awaitPackets(ArpResolverTest::isRequest, 1, Duration.ofSeconds(2));
            assertThat(requests).as("an ARP request from lab on the wire").isNotEmpty();
            EthernetPacket eth = EthernetPacket.newPacket(requests.get(0).data(), 0, requests.get(0).data().length);
            ArpPacket.ArpHeader h = eth.get(ArpPacket.class).getHeader();
            assertThat(eth.getHeader().getDstAddr().toString()).isEqualTo("ff:ff:ff:ff:ff:ff");
            assertThat(eth.getHeader().getSrcAddr().toString()).isEqualTo(net.lab().mac("eth0"));
            assertThat(h.getSrcHardwareAddr().toString()).isEqualTo(net.lab().mac("eth0"));
            assertThat(h.getSrcProtocolAddr().getHostAddress()).isEqualTo(Day1Network.LAB_ADDRESS);
            assertThat(h.getDstProtocolAddr().getHostAddress()).isEqualTo(Day1Network.PEER_ADDRESS);

            // Fresh: the cache answers, nothing is sent.
            clock.advance(Duration.ofSeconds(29));
            assertThat(arp.cached(ipv4(Day1Network.PEER_ADDRESS))).contains(peerMac);
            assertThat(arp.resolve(ipv4(Day1Network.PEER_ADDRESS), WAIT)).contains(peerMac);
            assertThat(arp.requestsSent()).as("requests after a cache hit").isEqualTo(1);

            // Expired at exactly the TTL (30 s after it was learnt): asked again.
            clock.advance(Duration.ofSeconds(1));
            assertThat(arp.cached(ipv4(Day1Network.PEER_ADDRESS))).as("expired entry").isEmpty();
            assertThat(arp.resolve(ipv4(Day1Network.PEER_ADDRESS), WAIT)).contains(peerMac);
            assertThat(arp.requestsSent()).as("requests after expiry").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("an address nobody owns: three requests, then no answer")
    void nobodyAnswers() throws Exception {
        try (Day1Network net = Day1Network.link(); PcapLink link = net.openLabLink("arp")) {
            ArpResolver arp = new ArpResolver(link, ManualClock.start(), Duration.ofSeconds(30));
            Optional<MacAddress> mac = arp.resolve(ipv4(Day1Network.NOBODY_ADDRESS), Duration.ofMillis(200));
            assertThat(mac).isEmpty();
            assertThat(arp.requestsSent()).isEqualTo(ArpResolver.ATTEMPTS);
            assertThat(arp.cached(ipv4(Day1Network.NOBODY_ADDRESS))).isEmpty();
        }
    }

    @Test
    @DisplayName("RFC 826: the answering host puts \"the local hardware and protocol addresses in the sender fields\":"
            + " the answer is the reply whose sender IP is the target; a reply for another address, arriving first, is not it")
    void replyForAnotherAddressIsNotTheAnswer() throws Exception {
        try (Day1Network net = Day1Network.link();
             PcapLink link = net.openLabLink("arp");
             Injector peer = Injector.on(net.peer(), "eth0")) {
            org.pcap4j.util.MacAddress lab = org.pcap4j.util.MacAddress.getByName(net.lab().mac("eth0"));
            org.pcap4j.util.MacAddress other = org.pcap4j.util.MacAddress.getByName("02:00:5e:00:00:77");
            // Waiting on the lab's link ahead of the peer's own reply: a reply telling us where 10.91.1.77 is.
            peer.send(Pcap4jFrames.ethernet(lab, other, org.pcap4j.packet.namednumber.EtherType.ARP,
                    Pcap4jFrames.arp(ArpOperation.REPLY, other, "10.91.1.77", lab, Day1Network.LAB_ADDRESS)));
            ArpResolver arp = new ArpResolver(link, ManualClock.start(), Duration.ofSeconds(30));
            assertThat(arp.resolve(ipv4(Day1Network.PEER_ADDRESS), WAIT))
                    .as("the peer's MAC (02:00:5e:00:00:77 is the MAC of 10.91.1.77, from the reply that came first)")
                    .contains(MacAddress.of(net.peer().mac("eth0")));
        }
    }

    private static boolean isRequest(CapturedPacket p) {
        try {
            EthernetPacket eth = EthernetPacket.newPacket(p.data(), 0, p.data().length);
            ArpPacket arp = eth.get(ArpPacket.class);
            return arp != null && arp.getHeader().getOperation().equals(ArpOperation.REQUEST)
                    && arp.getHeader().getSrcProtocolAddr().getHostAddress().equals(Day1Network.LAB_ADDRESS);
        } catch (Exception e) {
            return false;
        }
    }
}
