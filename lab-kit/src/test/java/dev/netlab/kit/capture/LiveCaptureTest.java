package dev.netlab.kit.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Lab;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.pcap.CapturedPacket;
import dev.netlab.kit.pcap.PcapWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.IllegalRawDataException;

class LiveCaptureTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress(); // 127.0.0.1 unless IPv6 is preferred

    private static TcpPacket tcp(CapturedPacket p) {
        try {
            byte[] data = p.data();
            return EthernetPacket.newPacket(data, 0, data.length).get(TcpPacket.class);
        } catch (IllegalRawDataException e) {
            return null;
        }
    }

    private static boolean synTo(CapturedPacket p, int port) {
        TcpPacket tcp = tcp(p);
        return tcp != null && tcp.getHeader().getSyn() && !tcp.getHeader().getAck()
                && tcp.getHeader().getDstPort().valueAsInt() == port;
    }

    private static boolean payload(CapturedPacket p) {
        TcpPacket tcp = tcp(p);
        return tcp != null && tcp.getPayload() != null && tcp.getPayload().length() > 0;
    }

    @Test
    @DisplayName("on loopback the capture sees the SYN and the data of a connection, tshark reads the file")
    void seesOwnConnection() throws Exception {
        Require.captureAccess();
        Peer tshark = Peer.require("tshark");
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            int port = server.getLocalPort();
            LiveCapture capture = LiveCapture.loopback("tcp port " + port);
            assertThat(capture.linkType()).isEqualTo(PcapWriter.LINKTYPE_ETHERNET);
            try (capture; Socket client = new Socket(LOOPBACK, port); Socket accepted = server.accept()) {
                OutputStream out = client.getOutputStream();
                out.write("ping".getBytes());
                InputStream in = accepted.getInputStream();
                assertThat(in.readNBytes(4)).isEqualTo("ping".getBytes());
                accepted.getOutputStream().write("pong".getBytes());
                assertThat(client.getInputStream().readNBytes(4)).isEqualTo("pong".getBytes());

                List<CapturedPacket> syns = capture.awaitPackets(p -> synTo(p, port), 1, WAIT);
                List<CapturedPacket> data = capture.awaitPackets(LiveCaptureTest::payload, 2, WAIT);

                assertThat(syns).hasSize(1);
                assertThat(data).hasSize(2);
                assertThat(capture.packets()).allMatch(p -> tcp(p) != null, "only TCP passes the filter");
            }
            long started = System.nanoTime();
            capture.stop();
            capture.close(); // idempotent
            Duration stopping = Duration.ofNanos(System.nanoTime() - started);
            assertThat(stopping).isLessThan(Duration.ofMillis(500));
            assertThat(capture.failure()).isNull();

            Path file = capture.writePcap(Lab.capturesDir().resolve("live-capture").resolve("loopback.pcap"));
            List<String> rows = tshark.run(Duration.ofSeconds(60), "-r", file.toString(), "-T", "fields",
                    "-e", "tcp.flags.syn", "-e", "tcp.flags.ack", "-e", "tcp.dstport").assertSuccess().lines();
            assertThat(rows).hasSize(capture.packets().size());
            assertThat(rows.get(0)).isEqualTo("1\t0\t" + port);
        }
    }

    @Test
    @DisplayName("stop returns within a few read timeouts even when no packet ever arrives")
    void stopsPromptlyWhenIdle() throws Exception {
        Require.captureAccess();
        LiveCapture capture = LiveCapture.loopback("udp port 9"); // discard: nothing sends there
        assertThat(capture.awaitPackets(p -> true, 1, Duration.ofMillis(50))).isEmpty();
        long started = System.nanoTime();
        capture.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));
        assertThat(capture.packets()).isEmpty();
    }

    @Test
    @DisplayName("packets sent just before stop() are in the capture (the kernel's unretired block is read too)")
    void keepsWhatCameJustBeforeStop() throws Exception {
        Require.captureAccess();
        for (int round = 0; round < 10; round++) {
            try (java.net.DatagramSocket receiver = new java.net.DatagramSocket(0, LOOPBACK);
                 java.net.DatagramSocket sender = new java.net.DatagramSocket()) {
                int port = receiver.getLocalPort();
                LiveCapture capture = LiveCapture.loopback("udp dst port " + port);
                // the capture is open once start returns; a first datagram proves the reader runs
                sender.send(new java.net.DatagramPacket(new byte[] {1}, 1, LOOPBACK, port));
                assertThat(capture.awaitPackets(p -> true, 1, WAIT)).as("round %d: the first datagram", round).hasSize(1);
                for (int i = 0; i < 3; i++) {
                    sender.send(new java.net.DatagramPacket(new byte[] {2}, 1, LOOPBACK, port));
                }
                capture.stop(); // at once: the last datagrams may still be in a block not yet retired
                assertThat(capture.packets()).as("round %d: every datagram sent before stop()", round).hasSize(4);
            }
        }
    }
}
