package dev.netlab.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.kit.pcap.CapturedPacket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4EchoPacket;
import org.pcap4j.packet.IcmpV4EchoReplyPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.namednumber.ArpOperation;

/**
 * Live: the Linux kernels of two namespaces ping each other (ARP, ICMP, and a 3,000-byte ping
 * that the kernel fragments); every captured frame goes through the learner's decoders and is
 * compared field by field with pcap4j's decoding of the same bytes. Checkpoint 1.13.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 8 mutants, 6 killed, 2 caught by 1.08 instead): in {@code PacketSummary}, a
 * fragment's offset printed in 8-octet units instead of octets; the first fragment summarised as a
 * whole ICMP message; an ARP reply naming its target's address instead of the sender's; in
 * {@code FragmentReassembler}, the fragment offset used in 8-octet units; the reassembled total
 * length without the header; and, killed since the reassembled header is checked too, the MF flag
 * left set on it. Not caught here, because the kernel sends each datagram's fragments in order and
 * the request's and the reply's differ in source and destination: "complete" as soon as the last
 * fragment is in, holes and all (1.08's rows catch it); fragments keyed without their
 * identification (1.08's {@code keyedByIdentification}).
 */
@Checkpoint(id = "1.13", title = "A live sniffer on your decoders, checked against pcap4j",
        edit = {"dev/netlab/link/PacketSummary.java", "dev/netlab/link/FragmentReassembler.java"},
        hint = "every earlier decoder meets real kernel traffic here: compare your fields with what the capture shows",
        readme = "#sniffer")
class LiveSnifferTest {

    @Test
    @DisplayName("kernel ARP, pings and fragments: your decoders agree with pcap4j on every frame")
    void decodesRealTraffic() throws Exception {
        List<CapturedPacket> frames;
        try (Day1Network net = Day1Network.link();
             LiveCapture wire = net.lab().run(() -> LiveCapture.start("eth0", "arp or icmp"))) {
            Evidence.current().capture(wire);
            Evidence.current().reproduce("sudo ./lab run day1-link-ip sniff -- --interface eth0   (inside a namespace: sudo ip netns exec NS ...)");
            net.lab().exec(Duration.ofSeconds(10), "ping", "-c", "3", "-i", "0.2", "-W", "1", Day1Network.PEER_ADDRESS).assertSuccess();
            net.lab().exec(Duration.ofSeconds(10), "ping", "-c", "1", "-s", "3000", "-W", "1", Day1Network.PEER_ADDRESS).assertSuccess();
            // 3 requests + 3 replies + 2 x (3 fragments) + at least one ARP exchange
            wire.awaitPackets(p -> true, 14, Duration.ofSeconds(3));
            frames = wire.packets();
        }
        assertThat(frames).as("captured frames").hasSizeGreaterThanOrEqualTo(14);

        Instant start = frames.get(0).time();
        int arp = 0;
        int echo = 0;
        List<Ipv4Packet> fragments = new ArrayList<>();
        for (CapturedPacket f : frames) {
            byte[] raw = f.data();
            EthernetPacket oracle = EthernetPacket.newPacket(raw, 0, raw.length);
            EthernetFrame mine = EthernetFrame.decode(raw);
            assertThat(mine.destination().toString()).isEqualTo(oracle.getHeader().getDstAddr().toString());
            assertThat(mine.source().toString()).isEqualTo(oracle.getHeader().getSrcAddr().toString());
            assertThat(mine.etherType()).isEqualTo(oracle.getHeader().getType().value() & 0xFFFF);
            String line = Sniffer.line(f, start);
            byte[] p = mine.payload();

            ArpPacket arpOracle = oracle.get(ArpPacket.class);
            if (arpOracle != null) {
                arp++;
                dev.netlab.link.ArpPacket a = dev.netlab.link.ArpPacket.decode(p, 0, p.length);
                ArpPacket.ArpHeader h = arpOracle.getHeader();
                assertThat(a.operation()).isEqualTo(h.getOperation().value() & 0xFFFF);
                assertThat(a.senderMac().toString()).isEqualTo(h.getSrcHardwareAddr().toString());
                assertThat(a.senderIp()).isEqualTo(h.getSrcProtocolAddr());
                assertThat(a.targetIp()).isEqualTo(h.getDstProtocolAddr());
                assertThat(line).endsWith(h.getOperation().equals(ArpOperation.REQUEST)
                        ? "ARP, Request who-has " + h.getDstProtocolAddr().getHostAddress() + " tell "
                                + h.getSrcProtocolAddr().getHostAddress() + ", length 28"
                        : "ARP, Reply " + h.getSrcProtocolAddr().getHostAddress() + " is-at " + h.getSrcHardwareAddr() + ", length 28");
                continue;
            }
            IpV4Packet ipOracle = oracle.get(IpV4Packet.class);
            assertThat(ipOracle).as("an IPv4 packet: " + line).isNotNull();
            IpV4Packet.IpV4Header oh = ipOracle.getHeader();
            Ipv4Packet ip = Ipv4Packet.decode(p, 0, p.length);
            Ipv4Header h = ip.header();
            assertThat(h.ihl()).isEqualTo(oh.getIhlAsInt());
            assertThat(h.totalLength()).isEqualTo(oh.getTotalLengthAsInt());
            assertThat(h.identification()).isEqualTo(oh.getIdentificationAsInt());
            assertThat(h.dontFragment()).isEqualTo(oh.getDontFragmentFlag());
            assertThat(h.moreFragments()).isEqualTo(oh.getMoreFragmentFlag());
            assertThat(h.fragmentOffset()).isEqualTo(oh.getFragmentOffset());
            assertThat(h.ttl()).isEqualTo(oh.getTtlAsInt());
            assertThat(h.protocol()).isEqualTo(oh.getProtocol().value() & 0xFF);
            assertThat(h.headerChecksum()).isEqualTo(oh.getHeaderChecksum() & 0xFFFF);
            assertThat(h.source()).isEqualTo(oh.getSrcAddr());
            assertThat(h.destination()).isEqualTo(oh.getDstAddr());
            String prefix = "IP " + oh.getSrcAddr().getHostAddress() + " > " + oh.getDstAddr().getHostAddress() + ": ";
            if (h.isFragment()) {
                fragments.add(ip);
                String frag = "(frag " + oh.getIdentificationAsInt() + ":" + (oh.getTotalLengthAsInt() - oh.getIhlAsInt() * 4)
                        + "@" + oh.getFragmentOffset() * 8 + (oh.getMoreFragmentFlag() ? "+" : "") + ")";
                assertThat(line).endsWith(prefix + (oh.getFragmentOffset() == 0 ? "ICMP " : "") + frag);
                continue;
            }
            echo++;
            IcmpMessage m = IcmpMessage.decode(ip.payload(), 0, ip.payload().length);
            IcmpV4CommonPacket icmpOracle = ipOracle.get(IcmpV4CommonPacket.class);
            assertThat(m.type()).isEqualTo(icmpOracle.getHeader().getType().value() & 0xFF);
            int id;
            int seq;
            String kind;
            if (ipOracle.get(IcmpV4EchoPacket.class) != null) {
                id = ipOracle.get(IcmpV4EchoPacket.class).getHeader().getIdentifierAsInt();
                seq = ipOracle.get(IcmpV4EchoPacket.class).getHeader().getSequenceNumberAsInt();
                kind = "echo request";
                assertThat(m).isInstanceOfSatisfying(IcmpMessage.EchoRequest.class, r -> {
                    assertThat(r.identifier()).isEqualTo(id);
                    assertThat(r.sequence()).isEqualTo(seq);
                });
            } else {
                id = ipOracle.get(IcmpV4EchoReplyPacket.class).getHeader().getIdentifierAsInt();
                seq = ipOracle.get(IcmpV4EchoReplyPacket.class).getHeader().getSequenceNumberAsInt();
                kind = "echo reply";
                assertThat(m).isInstanceOfSatisfying(IcmpMessage.EchoReply.class, r -> {
                    assertThat(r.identifier()).isEqualTo(id);
                    assertThat(r.sequence()).isEqualTo(seq);
                });
            }
            assertThat(line).endsWith(prefix + "ICMP " + kind + ", id " + id + ", seq " + seq + ", length "
                    + (oh.getTotalLengthAsInt() - oh.getIhlAsInt() * 4));
        }
        assertThat(arp).as("ARP frames").isGreaterThanOrEqualTo(2);
        assertThat(echo).as("unfragmented echo requests and replies").isEqualTo(6);
        assertThat(fragments).as("fragments of the 3,000-byte ping and its reply").hasSize(6);

        // Your reassembler puts the kernel's fragments back together: a request and a reply of 3,008 ICMP bytes.
        FragmentReassembler reassembler = new FragmentReassembler(Duration.ofSeconds(30), 1 << 20);
        List<Ipv4Packet> whole = new ArrayList<>();
        Instant now = Instant.now();
        for (Ipv4Packet fragment : fragments) {
            Optional<Ipv4Packet> done = reassembler.accept(fragment, now);
            done.ifPresent(whole::add);
        }
        assertThat(whole).hasSize(2);
        for (Ipv4Packet w : whole) {
            assertThat(w.payload()).hasSize(3008);
            // RFC 791 §3.2: the first fragment's header, now for the whole datagram: no MF, offset 0, 20 + 3,008 octets
            assertThat(w.header().isFragment()).as("the reassembled header is no fragment's (MF 0, offset 0)").isFalse();
            assertThat(w.header().totalLength()).as("total length of the reassembled datagram, header included").isEqualTo(3028);
            assertThat(InternetChecksum.verify(w.encode(), 0, w.header().headerLength())).isTrue();
            IcmpMessage m = IcmpMessage.decode(w.payload(), 0, w.payload().length);
            assertThat(m).isInstanceOfAny(IcmpMessage.EchoRequest.class, IcmpMessage.EchoReply.class);
        }
        assertThat(reassembler.pendingDatagrams()).isZero();
    }

    @Test
    @DisplayName("the sniff program prints your summaries of live pings inside a lab host and writes a capture tshark decodes")
    void program(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        dev.netlab.kit.Require.captureAccess();
        java.nio.file.Path pcap = dir.resolve("sniff.pcap");
        try (Day1Network net = Day1Network.link()) {
            // The program runs inside host lab (as `ip netns exec <lab> java ...` would), sniffing its eth0.
            String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process sniff = net.lab().start(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    dev.netlab.kit.launch.Launcher.class.getName(), "sniff", "--interface", "eth0", "-f", "icmp",
                    "--count", "4", "--seconds", "30", "--capture", pcap.toString());
            List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread reader = Thread.ofVirtual().start(() -> new java.io.BufferedReader(
                    new java.io.InputStreamReader(sniff.getInputStream())).lines().forEach(lines::add));
            // wait until the capture is open: ping until the program has seen something
            for (int i = 0; i < 60 && sniff.isAlive(); i++) { // at most ~15 s; the JVM needs a moment to start
                net.lab().exec(Duration.ofSeconds(5), "ping", "-c", "1", "-W", "1", Day1Network.PEER_ADDRESS);
                Thread.sleep(250);
            }
            assertThat(sniff.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)).as("sniff ends after 4 packets").isTrue();
            reader.join(5_000);
            assertThat(lines).as(String.join("\n", lines))
                    .anySatisfy(l -> assertThat(l).matches(" *[0-9]+\\.[0-9]{6} IP 10\\.91\\.1\\.1 > 10\\.91\\.1\\.2: ICMP echo request, id [0-9]+, seq [0-9]+, length 64"))
                    .anySatisfy(l -> assertThat(l).contains("IP 10.91.1.2 > 10.91.1.1: ICMP echo reply"))
                    .anySatisfy(l -> assertThat(l).isEqualTo("4 packets captured on eth0"));
        }
        var tshark = dev.netlab.kit.Peer.require("tshark")
                .run(Duration.ofSeconds(30), "-r", pcap.toString(), "-T", "fields", "-e", "icmp.type").assertSuccess();
        assertThat(tshark.lines()).hasSize(4).allSatisfy(t -> assertThat(t).isIn("0", "8"));
    }
}
