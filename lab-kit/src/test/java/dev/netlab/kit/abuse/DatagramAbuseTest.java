package dev.netlab.kit.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The UDP kinds of {@link Attack} and {@link ProbeClient}, against small receivers on loopback. */
class DatagramAbuseTest {
    /** A receiver on loopback that echoes each datagram unless {@code drop} says not to; records the sizes it saw. */
    private static final class Receiver implements AutoCloseable {
        final DatagramSocket socket;
        final Set<Integer> sizes = ConcurrentHashMap.newKeySet();
        final AtomicInteger received = new AtomicInteger();
        final Thread thread;

        Receiver(boolean echo, int dropFirst) throws SocketException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setReceiveBufferSize(4 << 20);
            thread = Thread.ofPlatform().daemon().start(() -> {
                byte[] buffer = new byte[65_507];
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    while (true) {
                        p.setLength(buffer.length);
                        socket.receive(p);
                        sizes.add(p.getLength());
                        if (received.incrementAndGet() > dropFirst && echo) {
                            socket.send(new DatagramPacket(buffer, p.getLength(), p.getSocketAddress()));
                        }
                    }
                } catch (IOException closed) {
                    // done
                }
            });
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(1_000);
        }
    }

    @Test
    @DisplayName("udpFlood: every size asked for arrives, up to 65,507 octets, from one socket per sender; close() ends it")
    void floodSendsEverySize() throws Exception {
        int[] sizes = {0, 1, 1472, 1473, 65_507};
        try (Receiver r = new Receiver(false, 0)) {
            Attack a = Attack.udpFlood(r.address(), 2, sizes, 1, Duration.ofMillis(20));
            Thread.sleep(300);
            a.close();
            Attack.Stats stats = a.stats();
            assertThat(stats.connections()).isEqualTo(2);
            assertThat(stats.octetsSent()).isGreaterThanOrEqualTo(2L * (1 + 1472 + 1473 + 65_507));
            assertThat(r.sizes).contains(0, 1, 1472, 1473, 65_507);
            int after = r.received.get();
            Thread.sleep(100);
            assertThat(r.received.get()).as("nothing sent after close()").isEqualTo(after);
        }
    }

    @Test
    @DisplayName("udpEcho: an answered datagram is one exchange; a lost one is retried; all tries lost (waits doubling) is an error")
    void probeRetriesThenFails() throws Exception {
        try (Receiver echo = new Receiver(true, 0); ProbeClient p = ProbeClient.udpEcho(64, Duration.ofMillis(100), 3)) {
            p.connect(echo.address());
            p.exchange();
            p.exchange();
            assertThat(((ProbeClient.UdpEchoProbe) p).lost()).isZero();
            assertThat(echo.sizes).containsExactly(64);
        }
        try (Receiver dropsOne = new Receiver(true, 1); ProbeClient p = ProbeClient.udpEcho(64, Duration.ofMillis(100), 3)) {
            p.connect(dropsOne.address());
            p.exchange(); // the first datagram goes unanswered, the retry is answered
            assertThat(((ProbeClient.UdpEchoProbe) p).lost()).isEqualTo(1);
        }
        try (Receiver silent = new Receiver(false, 0); ProbeClient p = ProbeClient.udpEcho(64, Duration.ofMillis(50), 3)) {
            p.connect(silent.address());
            long start = System.nanoTime();
            assertThatThrownBy(p::exchange).isInstanceOf(IOException.class).hasMessageContaining("3 datagrams in a row unanswered");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("50 + 100 + 200 ms of waiting")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(350));
            assertThat(silent.received.get()).isEqualTo(3);
        }
    }
}
