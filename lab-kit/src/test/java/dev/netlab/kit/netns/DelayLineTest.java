package dev.netlab.kit.netns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The delay line against independent measurements: the kernel's own ping, iperf3's goodput,
 * numbered UDP datagrams. Printed figures are what the lesson quotes.
 */
class DelayLineTest {
    private static final Duration T = Duration.ofSeconds(30);
    private static final Pattern RTT = Pattern.compile("time=([0-9.]+) ms");

    private static LinkConditions delay(int millis) {
        return LinkConditions.NONE.withDelay(Duration.ofMillis(millis));
    }

    /** The RTTs ping printed, in milliseconds, sorted. */
    static double[] pingRtts(NetHost from, int count) {
        Peer.PeerResult r = from.exec(T, "ping", "-n", "-c", Integer.toString(count), "-i", "0.05", "-W", "2",
                DelayLine.FAR_ADDRESS);
        assertThat(r.exitCode()).as("ping %s", r.stdout()).isZero();
        List<Double> rtts = new ArrayList<>();
        Matcher m = RTT.matcher(r.stdout());
        while (m.find()) {
            rtts.add(Double.parseDouble(m.group(1)));
        }
        return rtts.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    @Test
    @DisplayName("ping's round trip is the two one-way delays: never less, the fastest within 1 ms")
    void pingRoundTrip() throws Exception {
        try (LabNetwork net = LabNetwork.create()) {
            DelayLine line = DelayLine.create(net, delay(20), delay(20));
            double[] rtts = pingRtts(line.near(), 40);
            double median = rtts[rtts.length / 2];
            System.out.printf("delay line 20 ms + 20 ms: ping RTT min %.3f, median %.3f, max %.3f ms over %d replies%n",
                    rtts[0], median, rtts[rtts.length - 1], rtts.length);
            assertThat(rtts).as("a reply for every request").hasSize(40);
            assertThat(rtts[0]).as("no reply before the set delay").isGreaterThanOrEqualTo(40.0);
            assertThat(rtts[0]).as("the fastest reply within 1 ms of 40 ms").isLessThan(41.0);
            // On an idle machine the median is within 1 ms too (see the lesson's figures); a
            // machine busy with other builds may wake the relay late, hence the margin here.
            assertThat(median).as("the median RTT").isLessThan(46.0);
            assertThat(line.toFarStats().dropped() + line.toNearStats().dropped()).isZero();
        }
    }

    @Test
    @DisplayName("asymmetric delays add up, and jitter spreads the round trips within delay ± jitter per direction")
    void asymmetricWithJitter() throws Exception {
        try (LabNetwork net = LabNetwork.create()) {
            DelayLine line = DelayLine.create(net, delay(30).withJitter(Duration.ofMillis(10)), delay(5));
            double[] rtts = pingRtts(line.near(), 40);
            System.out.printf("30±10 ms + 5 ms: RTT min %.3f, max %.3f ms%n", rtts[0], rtts[rtts.length - 1]);
            assertThat(rtts[0]).isGreaterThanOrEqualTo(25.0);
            assertThat(rtts[rtts.length - 1] - rtts[0]).as("spread of the RTTs").isGreaterThan(5.0);
            // 35 ms ± 10 on an idle machine; a saturated one wakes the relay late (median 54.2 ms
            // seen at load average 52 on 2 cores, with the relay at nice -10)
            assertThat(rtts[rtts.length / 2]).isBetween(28.0, 60.0);
        }
    }

    @Test
    @DisplayName("loss drops that share of the packets of one direction only; the seed makes it repeatable")
    void loss() throws Exception {
        long[] dropped = new long[2];
        for (int run = 0; run < 2; run++) {
            try (LabNetwork net = LabNetwork.create()) {
                DelayLine line = DelayLine.create(net, delay(1).withLoss(30), delay(1), 42);
                Peer.PeerResult r = line.near().exec(T, "ping", "-n", "-q", "-c", "200", "-i", "0.005", "-W", "1",
                        DelayLine.FAR_ADDRESS);
                DelayLine.Stats out = line.toFarStats();
                System.out.println("30% loss toward far: " + out + "; ping: " + r.stdout().lines()
                        .filter(l -> l.contains("loss")).findFirst().orElse(r.stdout()));
                assertThat(out.forwarded() + out.dropped()).isEqualTo(200);
                assertThat(out.dropped()).isBetween(40L, 80L);
                assertThat(line.toNearStats().dropped()).as("the other direction loses nothing").isZero();
                assertThat(line.toNearStats().forwarded()).isEqualTo(out.forwarded());
                dropped[run] = out.dropped();
            }
        }
        assertThat(dropped[1]).as("same seed, same losses").isEqualTo(dropped[0]);
    }

    @Test
    @DisplayName("reordering lets datagrams overtake those still in the line; without it they arrive in order")
    void reordering() throws Exception {
        for (double percent : new double[] {0, 20}) {
            try (LabNetwork net = LabNetwork.create()) {
                DelayLine line = DelayLine.create(net, delay(10).withReorder(percent), delay(10), 7);
                DatagramSocket receiver = line.far().run(() -> new DatagramSocket(new InetSocketAddress(DelayLine.FAR_ADDRESS, 9000)));
                DatagramSocket sender = line.near().run(() -> new DatagramSocket(new InetSocketAddress(DelayLine.NEAR_ADDRESS, 0)));
                try (receiver; sender) {
                    int count = 200;
                    InetSocketAddress to = new InetSocketAddress(DelayLine.FAR_ADDRESS, 9000);
                    for (int i = 0; i < count; i++) {
                        byte[] b = ByteBuffer.allocate(4).putInt(i).array();
                        sender.send(new DatagramPacket(b, 4, to));
                        Thread.sleep(0, 500_000);
                    }
                    receiver.setSoTimeout(1000);
                    int[] order = new int[count];
                    int n = 0;
                    try {
                        while (n < count) {
                            DatagramPacket p = new DatagramPacket(new byte[4], 4);
                            receiver.receive(p);
                            order[n++] = ByteBuffer.wrap(p.getData()).getInt();
                        }
                    } catch (SocketTimeoutException end) {
                        // all there is
                    }
                    int inversions = 0;
                    for (int i = 1; i < n; i++) {
                        if (order[i] < order[i - 1]) {
                            inversions++;
                        }
                    }
                    System.out.printf("reorder %.0f%%: %d of %d datagrams arrived, %d arrived after a later one; %s%n",
                            percent, n, count, inversions, line.toFarStats());
                    assertThat(n).isEqualTo(count);
                    int[] sorted = Arrays.copyOf(order, n);
                    Arrays.sort(sorted);
                    assertThat(sorted[0]).isZero();
                    assertThat(sorted[n - 1]).isEqualTo(count - 1);
                    if (percent == 0) {
                        assertThat(inversions).isZero();
                    } else {
                        assertThat(line.toFarStats().reordered()).isBetween(20L, 60L);
                        assertThat(inversions).isGreaterThan(10);
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("tc tbf sets the bottleneck: iperf3's goodput is close to the rate, never above it")
    void rate() throws Exception {
        Require.tool("iperf3");
        try (LabNetwork net = LabNetwork.create()) {
            LinkConditions way = delay(10).withRate(20_000_000);
            DelayLine line = DelayLine.create(net, way, way);
            double mbits = iperf3(line, 4);
            System.out.printf("20mbit, 20 ms RTT: iperf3 receiver goodput %.2f Mbit/s%n", mbits);
            assertThat(mbits).isBetween(15.0, 20.0);
        }
    }

    @Test
    @DisplayName("closing removes both TUN devices and both namespaces")
    void cleanup() throws Exception {
        List<String> namespaces;
        try (LabNetwork net = LabNetwork.create()) {
            DelayLine line = DelayLine.create(net, delay(1), delay(1));
            namespaces = List.of(line.near().namespace(), line.far().namespace());
            assertThat(line.near().exec(T, "ip", "link", "show", DelayLine.DEVICE).exitCode()).isZero();
            line.close();
            assertThat(line.near().exec(T, "ip", "link", "show", DelayLine.DEVICE).exitCode())
                    .as("the TUN device is gone once the line closes").isNotZero();
        }
        assertThat(namespaces).allSatisfy(n -> assertThat(Path.of("/run/netns", n)).doesNotExist());
    }

    /** Runs iperf3 from near to far for {@code seconds}; the receiver's goodput in Mbit/s. */
    static double iperf3(DelayLine line, int seconds) throws Exception {
        line.far().start("iperf3", "-s", "-1", "-B", DelayLine.FAR_ADDRESS);
        awaitListening(line.far(), 5201);
        Peer.PeerResult r = line.near().exec(Duration.ofSeconds(seconds + 20), "iperf3", "-J", "-c", DelayLine.FAR_ADDRESS,
                "-t", Integer.toString(seconds));
        r.assertSuccess();
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        return json.path("end").path("sum_received").path("bits_per_second").asDouble() / 1e6;
    }

    static void awaitListening(NetHost host, int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (host.exec(T, "ss", "-Hltn", "sport = :" + port).stdout().contains(":" + port)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing listens on port " + port + " in " + host);
    }
}
