package dev.netlab.kit.netns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.namednumber.ArpHardwareType;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.util.MacAddress;

class LabNetworkTest {
    private static final Duration T = Duration.ofSeconds(10);

    @Test
    @DisplayName("two hosts on a veth link ping each other, and close() removes their namespaces")
    void linkAndCleanup() {
        List<String> names;
        try (LabNetwork net = LabNetwork.create()) {
            NetHost a = net.host("a");
            NetHost b = net.host("b");
            net.link(a, "10.91.1.1/24", b, "10.91.1.2/24");
            a.exec(T, "ping", "-c", "1", "-W", "2", "10.91.1.2").assertSuccess();
            assertThat(a.mac("eth0")).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            names = List.of(a.namespace(), b.namespace());
            assertThat(names).allSatisfy(n -> assertThat(Path.of("/run/netns", n)).exists());
        }
        assertThat(names).allSatisfy(n -> assertThat(Path.of("/run/netns", n)).doesNotExist());
    }

    @Test
    @DisplayName("a router host forwards between two links, so TTL 1 dies there")
    void router() {
        try (LabNetwork net = LabNetwork.create()) {
            NetHost a = net.host("a");
            NetHost r = net.host("r").forwarding();
            NetHost b = net.host("b");
            net.link(a, "10.91.1.1/24", r, "10.91.1.254/24");
            net.link(r, "10.91.2.254/24", b, "10.91.2.1/24");
            a.defaultRoute("10.91.1.254");
            b.defaultRoute("10.91.2.254");
            a.exec(T, "ping", "-c", "1", "-W", "2", "10.91.2.1").assertSuccess();
            Peer.PeerResult ttl1 = a.exec(T, "ping", "-c", "1", "-W", "2", "-t", "1", "10.91.2.1");
            assertThat(ttl1.stdout()).contains("Time to live exceeded");
        }
    }

    @Test
    @DisplayName("100% random loss on ingress drops every ping; 0% drops none")
    void loss() {
        try (LabNetwork net = LabNetwork.create()) {
            NetHost a = net.host("a");
            NetHost b = net.host("b");
            net.link(a, "10.91.1.1/24", b, "10.91.1.2/24");
            a.exec(T, "ping", "-c", "1", "-W", "2", "10.91.1.2").assertSuccess();
            b.dropRandomly("eth0", 100);
            Peer.PeerResult r = a.exec(T, "ping", "-c", "2", "-i", "0.2", "-W", "1", "10.91.1.2");
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.stdout()).contains("100% packet loss");
        }
    }

    @Test
    @DisplayName("Java code run inside a host sees that host's interfaces, not the machine's")
    void runInside() throws Exception {
        try (LabNetwork net = LabNetwork.create()) {
            NetHost a = net.host("a");
            NetHost b = net.host("b");
            net.link(a, "10.91.1.1/24", b, "10.91.1.2/24");
            List<String> inside = a.run(() -> NetworkInterface.networkInterfaces().map(NetworkInterface::getName).sorted().toList());
            assertThat(inside).containsExactly("eth0", "lo");
            // a socket made inside reaches the peer over the veth link
            boolean reachable = a.run(() -> InetAddress.getByName("10.91.1.2").isReachable(2000));
            assertThat(reachable).isTrue();
        }
    }

    @Test
    @DisplayName("a packet handle opened inside a host sends an ARP request and sees the kernel's reply")
    void pcapInside() throws Exception {
        Require.captureAccess();
        try (LabNetwork net = LabNetwork.create()) {
            NetHost a = net.host("a");
            NetHost b = net.host("b");
            net.link(a, "10.91.1.1/24", b, "10.91.1.2/24");
            MacAddress myMac = MacAddress.getByName(a.mac("eth0"));
            MacAddress peerMac = MacAddress.getByName(b.mac("eth0"));
            Packet reply = a.run(() -> {
                PcapNetworkInterface nif = Pcaps.getDevByName("eth0");
                try (PcapHandle h = nif.openLive(65536, PcapNetworkInterface.PromiscuousMode.PROMISCUOUS, 50)) {
                    h.setFilter("arp", BpfProgram.BpfCompileMode.OPTIMIZE);
                    ArpPacket.Builder arp = new ArpPacket.Builder()
                            .hardwareType(ArpHardwareType.ETHERNET).protocolType(EtherType.IPV4)
                            .hardwareAddrLength((byte) 6).protocolAddrLength((byte) 4)
                            .operation(ArpOperation.REQUEST)
                            .srcHardwareAddr(myMac).srcProtocolAddr((Inet4Address) InetAddress.getByName("10.91.1.1"))
                            .dstHardwareAddr(MacAddress.ETHER_BROADCAST_ADDRESS)
                            .dstProtocolAddr((Inet4Address) InetAddress.getByName("10.91.1.2"));
                    EthernetPacket frame = new EthernetPacket.Builder().dstAddr(MacAddress.ETHER_BROADCAST_ADDRESS)
                            .srcAddr(myMac).type(EtherType.ARP).payloadBuilder(arp).paddingAtBuild(true).build();
                    h.sendPacket(frame);
                    long deadline = System.nanoTime() + 3_000_000_000L;
                    while (System.nanoTime() < deadline) {
                        Packet p = h.getNextPacket();
                        if (p != null && p.get(ArpPacket.class) != null
                                && p.get(ArpPacket.class).getHeader().getOperation().equals(ArpOperation.REPLY)) {
                            return p;
                        }
                    }
                    return null;
                }
            });
            assertThat(reply).as("the kernel's ARP reply").isNotNull();
            assertThat(reply.get(ArpPacket.class).getHeader().getSrcHardwareAddr()).isEqualTo(peerMac);
        }
    }

    @Test
    @DisplayName("sweep removes namespaces left behind by a process that is gone")
    void sweep() throws Exception {
        Require.namespaces();
        String stale = LabNetwork.PREFIX + "4194303-1-ghost"; // pid above the usual pid_max: never alive
        LabNetwork.ip("netns", "add", stale);
        assertThat(Files.exists(Path.of("/run/netns", stale))).isTrue();
        assertThat(LabNetwork.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(Files.exists(Path.of("/run/netns", stale))).isFalse();
    }
}
