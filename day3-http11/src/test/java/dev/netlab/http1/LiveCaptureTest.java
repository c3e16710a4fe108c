package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.kit.pcap.CapturedPacket;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.TcpPacket;

@Checkpoint(id = "3.15", title = "On the wire: ten requests over keep-alive use one TCP connection",
        edit = "dev/netlab/http1/server/HttpConnection.java",
        hint = "count the SYNs: a persistent connection carries all ten requests; with Connection: close each request opens its own",
        readme = "#on-the-wire")
class LiveCaptureTest {
    private static final int REQUESTS = 10;

    /** Client SYNs (SYN without ACK) to {@code port}: one per TCP connection opened. */
    private static long syns(List<CapturedPacket> packets, int port) {
        long n = 0;
        for (CapturedPacket p : packets) {
            try {
                TcpPacket tcp = EthernetPacket.newPacket(p.data(), 0, p.length()).get(TcpPacket.class);
                if (tcp != null && tcp.getHeader().getSyn() && !tcp.getHeader().getAck()
                        && tcp.getHeader().getDstPort().valueAsInt() == port) {
                    n++;
                }
            } catch (org.pcap4j.packet.IllegalRawDataException e) {
                // not a frame we can read: not a SYN of ours
            }
        }
        return n;
    }

    private static String[] curlArgs(TestServer server, boolean close) {
        List<String> args = new ArrayList<>(List.of("-s", "-o", "/dev/null"));
        if (close) {
            args.addAll(List.of("-H", "Connection: close"));
        }
        for (int i = 0; i < REQUESTS; i++) {
            args.add(server.url("/r" + i));
        }
        return args.toArray(String[]::new);
    }

    @Test
    @DisplayName("curl with ten URLs: one SYN over keep-alive, ten with Connection: close")
    void oneSynForTenRequests() throws Exception {
        Require.captureAccess();
        Require.tool("curl");
        Peer curl = Peer.require("curl");
        try (TestServer server = TestServer.start(TestServer.echo());
             LiveCapture capture = Evidence.current().capture(LiveCapture.loopback("tcp port " + server.port()))) {
            Evidence.current().reproduce("sudo tshark -i lo -f 'tcp port " + server.port() + "' -Y 'tcp.flags.syn==1 && tcp.flags.ack==0'   while   "
                    + curl.commandLine(curlArgs(server, false)));
            curl.run(Duration.ofSeconds(30), curlArgs(server, false)).assertSuccess();
            capture.awaitPackets(p -> true, 1, Duration.ofSeconds(2));
            Thread.sleep(300); // let the last segments reach the capture
            long keepAlive = syns(capture.packets(), server.port());
            assertThat(keepAlive).as("SYNs for %d requests over keep-alive", REQUESTS).isEqualTo(1);

            curl.run(Duration.ofSeconds(30), curlArgs(server, true)).assertSuccess();
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (syns(capture.packets(), server.port()) < 1 + REQUESTS && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(syns(capture.packets(), server.port()) - keepAlive)
                    .as("SYNs for %d requests with Connection: close", REQUESTS).isEqualTo(REQUESTS);
        }
    }
}
