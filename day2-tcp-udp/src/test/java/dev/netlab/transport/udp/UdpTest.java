package dev.netlab.transport.udp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.kit.netns.LabNetwork;
import dev.netlab.kit.netns.NetHost;
import dev.netlab.kit.transcript.RecordingDatagramSocket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 2.10: UDP echo, a request/response client with timeout and bounded retries, and
 * ICMP port unreachable surfaced (RFC 1122 §4.1.3.3).
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 8 mutants, 8 killed): a 1,500-octet receive buffer (a 65,507-octet
 * datagram truncated); the buffer not flipped before it is sent back; the client's channel not
 * connected (no ICMP error ever reaches it); one attempt more than asked; a
 * PortUnreachableException retried instead of surfaced; the whole 65,507-octet reply buffer
 * returned instead of the datagram; one timeout for all attempts instead of one per attempt.
 * And, killed since {@code failedSendDoesNotStopTheServer} was added, the server stopping at the
 * first failed send. An unconnected UDP socket on Linux is never told of ICMP errors, so a send
 * there fails only when the kernel refuses it: the row runs the server in a namespace of its own
 * whose nftables output chain drops the replies to one client (sendto then fails with EPERM); the
 * mutant never answered the next client.
 */
@Checkpoint(id = "2.10", title = "UDP echo, a client with timeout and retries, ICMP port unreachable",
        edit = {"dev/netlab/transport/udp/UdpEchoServer.java", "dev/netlab/transport/udp/UdpClient.java"},
        hint = "receive into a 65,507-octet buffer and send back exactly what came; connect() the client's channel",
        readme = "#udp")
class UdpTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private UdpEchoServer server;

    @BeforeEach
    void start() throws IOException {
        server = new UdpEchoServer(new InetSocketAddress(LOOPBACK, 0));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("datagrams of 1, 1,472 and 65,507 octets come back whole, each as one datagram; an empty one too")
    void echoesDatagrams() throws IOException {
        Evidence.current().reproduce("printf 'hi\\n' | nc -u -w1 127.0.0.1 " + server.port());
        try (RecordingDatagramSocket c = RecordingDatagramSocket.connect("udp echo", server.address())) {
            Random random = new Random(2);
            for (int size : new int[] {1, 1472, UdpEchoServer.MAX_DATAGRAM}) {
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                c.send(payload);
                assertThat(c.receive(Duration.ofSeconds(2))).as(size + "-octet datagram").isEqualTo(payload);
            }
            c.send(new byte[0]); // an empty datagram is one too (RFC 768: length 8)
            assertThat(c.receive(Duration.ofSeconds(2))).as("the echo of an empty datagram").isEmpty();
        }
    }

    @Test
    @DisplayName("two clients at once each get only their own datagrams (one socket, many peers)")
    void twoClients() throws IOException {
        try (RecordingDatagramSocket a = RecordingDatagramSocket.connect("client a", server.address());
             RecordingDatagramSocket b = RecordingDatagramSocket.connect("client b", server.address())) {
            for (int i = 0; i < 50; i++) {
                a.send(("a" + i).getBytes(US_ASCII));
                b.send(("b" + i).getBytes(US_ASCII));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(new String(a.receive(Duration.ofSeconds(2)), US_ASCII)).startsWith("a");
                assertThat(new String(b.receive(Duration.ofSeconds(2)), US_ASCII)).startsWith("b");
            }
        }
    }

    @Test
    @DisplayName("the client: one request, one datagram, the reply")
    void clientRequest() throws IOException {
        try (UdpClient client = new UdpClient(server.address(), Duration.ofMillis(500), 3)) {
            assertThat(new String(client.request("ping".getBytes(US_ASCII)), US_ASCII)).isEqualTo("ping");
            assertThatThrownBy(() -> client.request(new byte[0])).as("a connected JDK channel cannot send an empty datagram")
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(client.sent()).isEqualTo(1);
        }
    }

    /** A peer that drops the first {@code drop} datagrams and echoes the rest; counts what it saw. */
    private static Thread lossyPeer(DatagramSocket socket, int drop, AtomicInteger seen) {
        return Thread.ofPlatform().daemon().start(() -> {
            byte[] buf = new byte[2048];
            try {
                while (!socket.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    if (seen.incrementAndGet() > drop) {
                        socket.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
    }

    @Test
    @DisplayName("retries: the first two datagrams are lost, the third attempt gets the reply")
    void retries() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            lossyPeer(peer, 2, seen);
            try (UdpClient client = new UdpClient((InetSocketAddress) peer.getLocalSocketAddress(), Duration.ofMillis(200), 3)) {
                assertThat(new String(client.request("third time".getBytes(US_ASCII)), US_ASCII)).isEqualTo("third time");
                assertThat(client.sent()).isEqualTo(3);
            }
        }
        assertThat(seen.get()).isEqualTo(3);
    }

    @Test
    @DisplayName("bounded: with every datagram lost, 2 attempts of 200 ms end in a SocketTimeoutException")
    void boundedRetries() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            lossyPeer(peer, Integer.MAX_VALUE, seen);
            long start = System.nanoTime();
            try (UdpClient client = new UdpClient((InetSocketAddress) peer.getLocalSocketAddress(), Duration.ofMillis(200), 2)) {
                assertThatThrownBy(() -> client.request("lost".getBytes(US_ASCII))).isInstanceOf(SocketTimeoutException.class);
                assertThat(client.sent()).isEqualTo(2);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(350), Duration.ofMillis(1500));
            Thread.sleep(100);
        }
        assertThat(seen.get()).as("datagrams the peer received").isEqualTo(2);
    }

    @Test
    @DisplayName("a closed port: the kernel's ICMP port unreachable surfaces as PortUnreachableException, at once, no retries")
    void portUnreachable() throws IOException {
        int closedPort;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            closedPort = s.getLocalPort();
        }
        Evidence.current().reproduce("sudo tshark -i lo -f 'icmp or udp port " + closedPort + "' & printf x | nc -u -w1 127.0.0.1 " + closedPort);
        long start = System.nanoTime();
        try (UdpClient client = new UdpClient(new InetSocketAddress(LOOPBACK, closedPort), Duration.ofSeconds(2), 5)) {
            assertThatThrownBy(() -> client.request("anyone?".getBytes(US_ASCII))).isInstanceOf(PortUnreachableException.class);
            assertThat(client.sent()).as("nobody listens: retrying is pointless").isEqualTo(1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well before the first timeout").isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("UDP is connectionless (RFC 768): a send that fails (here the server's own firewall drops the reply: EPERM) is that"
            + " client's loss alone: the server goes on answering the next client")
    void failedSendDoesNotStopTheServer() throws Exception {
        Require.tool("nft");
        try (LabNetwork net = LabNetwork.create()) {
            NetHost host = net.host("udp");
            UdpEchoServer echo = host.run(() -> {
                UdpEchoServer s = new UdpEchoServer(new InetSocketAddress(LOOPBACK, 0));
                s.start();
                return s;
            });
            try (DatagramChannel blocked = host.run(DatagramChannel::open);
                 DatagramChannel next = host.run(DatagramChannel::open)) {
                blocked.bind(new InetSocketAddress(LOOPBACK, 0));
                int port = ((InetSocketAddress) blocked.getLocalAddress()).getPort();
                host.exec(Duration.ofSeconds(5), "nft", "add table inet netlab_udp; add chain inet netlab_udp out"
                        + " { type filter hook output priority 0; }; add rule inet netlab_udp out udp dport " + port
                        + " drop").assertSuccess();
                blocked.send(ByteBuffer.wrap("lost".getBytes(US_ASCII)), echo.address()); // its echo cannot be sent
                next.send(ByteBuffer.wrap("still here".getBytes(US_ASCII)), echo.address());
                DatagramSocket socket = next.socket();
                socket.setSoTimeout(2000);
                DatagramPacket reply = new DatagramPacket(new byte[64], 64);
                String echoed;
                try {
                    socket.receive(reply);
                    echoed = new String(reply.getData(), 0, reply.getLength(), US_ASCII);
                } catch (SocketTimeoutException e) {
                    echoed = "(no reply within 2 s)";
                }
                assertThat(echoed).as("the next client's echo, after the server's send to the first one failed")
                        .isEqualTo("still here");
            } finally {
                echo.stop(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    @DisplayName("a real peer: printf 'hi\\n' | nc -u -w1 127.0.0.1 PORT prints hi")
    void netcat() {
        Require.tool("nc");
        Peer.PeerResult r = Peer.require("nc").run(Duration.ofSeconds(10), "hi\n".getBytes(US_ASCII),
                "-u", "-w1", "127.0.0.1", "" + server.port());
        assertThat(r.stdout()).as(r.command() + "\n" + r.stderr()).isEqualTo("hi\n");
    }

    @Test
    @DisplayName("the udp-echo program keeps the server contract: READY udp://127.0.0.1:PORT, SIGTERM")
    void program() throws Exception {
        try (ProgramProcess p = ProgramProcess.start("udp-echo", "--port", "0")) {
            URI ready = URI.create(p.awaitReady(Duration.ofSeconds(20)));
            assertThat(ready.getScheme()).isEqualTo("udp");
            try (UdpClient client = new UdpClient(new InetSocketAddress(LOOPBACK, ready.getPort()), Duration.ofMillis(500), 3)) {
                assertThat(new String(client.request("hi".getBytes(US_ASCII)), US_ASCII)).isEqualTo("hi");
            }
            assertThat(p.stop(Duration.ofSeconds(4))).as("exit status after SIGTERM: a graceful stop ends with 0").isZero();
        }
    }
}
