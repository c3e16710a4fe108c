package dev.netlab.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The given lossy proxy (not a checkpoint: it must pass on the stubs too). Its own echo peer, no exercise code. */
class LossyUdpProxyTest {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();

    /** Sends 200 numbered datagrams through a proxy in front of a plain echo socket; returns the numbers that came back. */
    private static List<Integer> roundTrip(LossyUdpProxy.Impairments impairments, long seed) throws Exception {
        List<Integer> back = new ArrayList<>();
        try (DatagramSocket echo = new DatagramSocket(new InetSocketAddress(LO, 0));
             LossyUdpProxy proxy = LossyUdpProxy.start((InetSocketAddress) echo.getLocalSocketAddress(), impairments, seed);
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            Thread echoer = Thread.ofPlatform().daemon().start(() -> {
                byte[] buf = new byte[16];
                try {
                    while (true) {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        echo.receive(p);
                        echo.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            for (int i = 0; i < 200; i++) {
                client.send(new DatagramPacket(new byte[] {(byte) i}, 1, proxy.address()));
                Thread.sleep(1); // one at a time, so the proxy's decisions follow the send order
            }
            client.setSoTimeout(300);
            try {
                while (back.size() < 1000) {
                    DatagramPacket p = new DatagramPacket(new byte[16], 16);
                    client.receive(p);
                    back.add(p.getData()[0] & 0xFF);
                }
            } catch (SocketTimeoutException done) {
                // nothing more is coming
            }
            echoer.interrupt();
        }
        return back;
    }

    @Test
    @DisplayName("no impairments: every datagram comes back once, in order")
    void clean() throws Exception {
        List<Integer> back = roundTrip(new LossyUdpProxy.Impairments(0, 0, 0, Duration.ZERO), 1);
        assertThat(back).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(back.get(i)).isEqualTo(i);
        }
    }

    @Test
    @DisplayName("100% loss: nothing comes back")
    void allLost() throws Exception {
        assertThat(roundTrip(new LossyUdpProxy.Impairments(1, 0, 0, Duration.ZERO), 1)).isEmpty();
    }

    @Test
    @DisplayName("30% loss each way: roughly half of the round trips survive (0.7 x 0.7), and duplicates appear")
    void lossy() throws Exception {
        List<Integer> back = roundTrip(new LossyUdpProxy.Impairments(0.3, 0.1, 0, Duration.ZERO), 42);
        assertThat(back.size()).isBetween(60, 160);
        assertThat(back.stream().distinct().count()).as("some came back twice").isLessThan(back.size());
    }

    @Test
    @DisplayName("the same seed drops the same datagrams (loss only, no delays): a failure can be replayed")
    void seeded() throws Exception {
        LossyUdpProxy.Impairments loss = new LossyUdpProxy.Impairments(0.3, 0, 0, Duration.ZERO);
        List<Integer> first = roundTrip(loss, 7);
        List<Integer> second = roundTrip(loss, 7);
        assertThat(second).isEqualTo(first);
    }
}
