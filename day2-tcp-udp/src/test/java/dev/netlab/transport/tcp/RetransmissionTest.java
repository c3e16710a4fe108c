package dev.netlab.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.kit.netns.LabNetwork;
import dev.netlab.kit.netns.NetHost;
import dev.netlab.kit.pcap.CapturedPacket;
import dev.netlab.transport.EchoServer;
import dev.netlab.transport.VirtualThreadEchoServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.TcpPacket;

/**
 * The kernel's TCP under loss: two namespaces, a veth link, 10% random loss each way by
 * nftables. Your echo server in {@code b}, a client in {@code a}, a capture on a's eth0.
 * Checkpoint 2.15.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 10 mutants, 7 killed, 2 equivalent, 1 not caught). Before this class compared every
 * segment's sequence number and payload length with pcap4j's decoding of the same octets, only the
 * echo server's mistakes were caught (the whole 8 KiB buffer echoed instead of the octets read;
 * only the first read echoed; the connection left open after the client's FIN: the client's read
 * times out); every decoder mistake still found "some retransmissions" under 10% loss. Killed
 * since: 16-bit fields read little-endian; sequence and acknowledgment numbers swapped; the payload
 * length counted from octet 20 instead of the data offset (pure ACKs counted as data); the 32-bit
 * numbers read as signed ints (caught here when either side's random initial sequence number is
 * 2^31 or more, about 3 runs in 4; always by 2.13 and 2.14's {@code handshake}). Equivalent here:
 * the flags read from octet 12, or named lowest bit first (this test reads no flags; 2.13 and 2.14
 * catch both). Not caught: every connection served on the accepting thread (one client); 2.03's
 * {@code secondClientWhileFirstIsSilent} catches it (run once: that row alone failed, a read
 * timeout after 5 s; 2.03's other 12 rows passed).
 */
@Checkpoint(id = "2.15", title = "TCP under packet loss: retransmissions on the wire, the stream intact",
        edit = {"dev/netlab/transport/tcp/TcpHeader.java", "dev/netlab/transport/VirtualThreadEchoServer.java"},
        hint = "a retransmission is a data segment whose sequence number was already sent; your TcpHeader finds them",
        readme = "#on-the-wire")
class RetransmissionTest {
    private static final int SIZE = 1 << 20;
    private static final int PORT = 7007;

    @Test
    @DisplayName("1 MiB through your echo server across a link with 10% loss each way: intact, with retransmissions in the capture")
    void retransmissionsUnderLoss() throws Exception {
        Require.namespaces();
        Require.captureAccess();
        Require.tool("nft");
        // a stub fails here at once, not after two namespaces and their link were set up: the
        // server the client talks to, then the decoder that reads the capture
        dev.netlab.kit.StubProbe.failIfStub(Duration.ofSeconds(5), () -> {
            EchoServer probe = new VirtualThreadEchoServer(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            probe.start();
            probe.stop(Duration.ZERO);
            byte[] syn = new byte[20];
            syn[12] = 0x50; // data offset: 5 words
            syn[13] = 0x02; // SYN
            TcpHeader.decode(syn, 0, syn.length);
        });
        byte[] data = new byte[SIZE];
        new Random(5).nextBytes(data);
        try (LabNetwork net = LabNetwork.create()) {
            NetHost a = net.host("a");
            NetHost b = net.host("b");
            net.link(a, "10.92.2.1/24", b, "10.92.2.2/24");
            for (NetHost h : new NetHost[] {a, b}) {
                // No segmentation offload: the capture then shows wire-sized segments, not 64 kB
                // super-segments the kernel would cut up later (ethtool -K eth0 gso off tso off).
                h.exec(Duration.ofSeconds(10), "ip", "link", "set", "eth0", "gso_max_size", "1500").assertSuccess();
            }
            InetSocketAddress at = new InetSocketAddress("10.92.2.2", PORT);
            EchoServer server = new VirtualThreadEchoServer(at);
            b.run(() -> {
                server.start(); // the listening socket belongs to b's namespace
                return null;
            });
            try (server; LiveCapture wire = a.run(() -> LiveCapture.start("eth0", "tcp port " + PORT))) {
                Evidence.current().capture(wire);
                Evidence.current().reproduce("sudo ip netns exec " + a.namespace() + " tshark -i eth0 -Y tcp.analysis.retransmission");
                a.dropRandomly("eth0", 10);
                b.dropRandomly("eth0", 10);
                // Connect inside a's namespace: a java.net.Socket creates its file descriptor only
                // at connect(), so a Socket made in a.run() but connected outside would live in the
                // host's namespace and never cross the lab link.
                Socket client = a.run(() -> {
                    Socket s = new Socket();
                    s.connect(at, 5000);
                    return s;
                });
                try (client) {
                    client.setSoTimeout(30_000);
                    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                        try {
                            OutputStream out = client.getOutputStream();
                            out.write(data);
                            client.shutdownOutput();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, r -> Thread.ofPlatform().daemon().start(r));
                    InputStream in = client.getInputStream();
                    byte[] echoed = in.readAllBytes();
                    writer.get(30, TimeUnit.SECONDS);
                    assertThat(echoed.length).isEqualTo(SIZE);
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    assertThat(sha.digest(echoed)).as("the stream arrives intact despite the loss").isEqualTo(sha.digest(data));
                }
                Thread.sleep(200);
                wire.stop();
                // A retransmission: a data segment from the client whose sequence number it already sent.
                Set<Long> sent = new HashSet<>();
                int retransmitted = 0;
                int dataSegments = 0;
                for (CapturedPacket p : wire.packets()) {
                    IpV4Packet ip = EthernetPacket.newPacket(p.data(), 0, p.data().length).get(IpV4Packet.class);
                    if (ip == null) {
                        continue;
                    }
                    byte[] tcp = ip.getPayload().getRawData();
                    TcpHeader h = TcpHeader.decode(tcp, 0, tcp.length);
                    // The count below is only as good as your decoder: pcap4j reads the same octets.
                    TcpPacket oracle = ip.get(TcpPacket.class);
                    assertThat(h.sequence()).as("sequence number (unsigned 32 bits, RFC 9293 §3.1), as pcap4j reads it")
                            .isEqualTo(oracle.getHeader().getSequenceNumberAsLong());
                    assertThat(h.payloadLength()).as("payload length (after the data offset's 32-bit words), as pcap4j reads it")
                            .isEqualTo(oracle.getPayload() == null ? 0 : oracle.getPayload().length());
                    if (!ip.getHeader().getSrcAddr().getHostAddress().equals("10.92.2.1")) {
                        continue;
                    }
                    if (h.payloadLength() > 0) {
                        dataSegments++;
                        if (!sent.add(h.sequence())) {
                            retransmitted++;
                        }
                    }
                }
                System.out.println("TCP under 10% loss each way: " + dataSegments + " data segments from the client, "
                        + retransmitted + " retransmitted");
                assertThat(retransmitted).as("retransmitted data segments in the capture").isPositive();
                Path pcap = Files.createTempFile("netlab-retransmissions", ".pcap");
                try {
                    wire.writePcap(pcap);
                    if (Peer.find("tshark").isPresent()) {
                        Peer.PeerResult r = Peer.require("tshark").run(Duration.ofSeconds(60), "-r", pcap.toString(),
                                "-Y", "tcp.analysis.retransmission || tcp.analysis.fast_retransmission", "-T", "fields", "-e", "frame.number");
                        r.assertSuccess();
                        assertThat(r.lines()).as("tshark's own retransmission analysis agrees").isNotEmpty();
                    }
                } finally {
                    Files.deleteIfExists(pcap);
                }
            }
        }
    }
}
