package dev.netlab.bench.echo;

import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.transport.rdt.RdtConfig;
import dev.netlab.transport.rdt.ReliableReceiver;
import dev.netlab.transport.rdt.ReliableSender;
import dev.netlab.transport.udp.LossyUdpProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Goodput of day 2's reliable delivery over UDP through the seeded lossy proxy at 10% and 30%
 * loss, as a ratio to the same protocol on the clean path (0% loss) of the same run: three
 * rounds of the three loss rates in turn, the median round of each; every round's MB/s, the
 * time and the retransmissions are in the notes.
 */
public final class ReliableUdpSuite implements BenchSuite {
    private static final String GOODPUT = "MB/s goodput (higher is better)";
    private static final long SEED = 20_26;
    private static final int[] LOSS_PERCENT = {0, 10, 30};
    private static final int ROUNDS = 3;

    @Override
    public String id() {
        return "reliable-udp";
    }

    @Override
    public String module() {
        return "day2-tcp-udp";
    }

    @Override
    public String title() {
        return "Reliable delivery over lossy UDP (sliding window, RFC 6298 timers)";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        int size = config.smokeRun() ? 256 * 1024 : 16 << 20;
        int rounds = config.smokeRun() ? 1 : ROUNDS;
        // rounds of 0%, 10%, 30% in turn: a transfer takes about a second, so one noisy moment
        // would otherwise decide a ratio; each loss rate reports its median round
        Map<Integer, List<Goodput>> byLoss = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (int percent : LOSS_PERCENT) {
                Goodput g = goodput(percent / 100.0, size);
                log(round, percent, g);
                byLoss.computeIfAbsent(percent, p -> new ArrayList<>()).add(g);
            }
        }
        for (List<Goodput> transfers : byLoss.values()) {
            for (Goodput g : transfers) {
                g.verify();
            }
        }
        Goodput clean = median(byLoss.get(0));
        List<Comparison> out = new ArrayList<>();
        for (int percent : LOSS_PERCENT) {
            if (percent == 0) {
                continue;
            }
            Goodput lossy = median(byLoss.get(percent));
            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("size", String.format(Locale.ROOT, "%,d octets", size));
            notes.put("seed", Long.toString(SEED));
            notes.put("MB/s per round, 0% loss", perRound(byLoss.get(0)));
            notes.put("MB/s per round, " + percent + "% loss", perRound(byLoss.get(percent)));
            notes.put("median round, " + percent + "% loss", lossy.describe());
            out.add(new Comparison(id(), percent + "% loss (+5% duplicates, 10% reordered)", GOODPUT, lossy.megabytesPerSecond(),
                    clean.megabytesPerSecond(), "with loss", "same protocol, 0% loss", notes));
        }
        return out;
    }

    private static Goodput median(List<Goodput> rounds) {
        List<Goodput> sorted = rounds.stream().sorted(Comparator.comparingDouble(Goodput::megabytesPerSecond)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String perRound(List<Goodput> rounds) {
        return rounds.stream().map(g -> String.format(Locale.ROOT, "%.1f", g.megabytesPerSecond()))
                .collect(Collectors.joining(" / "));
    }

    /** One transfer: its goodput, how long it took, and what the sender and the proxy did. */
    private record Goodput(int size, long nanos, long retransmissions, String proxy, byte[] sent,
                           CompletableFuture<byte[]> received) {
        /** Waits for the receiver (its linger included) and checks every octet arrived intact. */
        void verify() throws Exception {
            if (!java.util.Arrays.equals(received.get(2, TimeUnit.MINUTES), sent)) {
                throw new IllegalStateException("the stream arrived damaged (" + proxy + ")");
            }
        }

        double megabytesPerSecond() {
            return size / (nanos / 1e9) / 1e6;
        }

        String describe() {
            return String.format(Locale.ROOT, "%.2f MB/s, %.2f s, %,d retransmissions; %s",
                    megabytesPerSecond(), nanos / 1e9, retransmissions, proxy);
        }
    }

    private static void log(int round, int percent, Goodput g) {
        System.out.printf(Locale.ROOT, "reliable-udp: round %d, %d%% loss: %s%n", round, percent, g.describe());
        System.out.flush();
    }

    /**
     * One transfer through the proxy. Timed until the sender has every ACK; the receiver then
     * lingers (RFC-style TIME-WAIT, {@link RdtConfig#linger()}), so its result is checked by
     * {@link Goodput#verify()} later, while the next transfer runs.
     */
    private static Goodput goodput(double loss, int size) throws Exception {
        byte[] data = new byte[size];
        new Random(SEED).nextBytes(data);
        InetAddress lo = InetAddress.getLoopbackAddress();
        LossyUdpProxy.Impairments impairments = loss == 0
                ? new LossyUdpProxy.Impairments(0, 0, 0, Duration.ZERO) : LossyUdpProxy.Impairments.loss(loss);
        DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
        LossyUdpProxy proxy = LossyUdpProxy.start((InetSocketAddress) rx.getLocalAddress(), impairments, SEED);
        try (DatagramChannel tx = DatagramChannel.open()) {
            tx.connect(proxy.address());
            ReliableReceiver receiver = new ReliableReceiver(rx, RdtConfig.LOOPBACK);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return receiver.receive(Duration.ofMinutes(2));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    closeQuietly(proxy);
                    closeQuietly(rx);
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            ReliableSender sender = new ReliableSender(tx, RdtConfig.LOOPBACK);
            long start = System.nanoTime();
            sender.send(data);
            long nanos = System.nanoTime() - start; // until the last ACK: the receiver has everything
            return new Goodput(size, nanos, sender.retransmissions(), proxy.describe(), data, received);
        } catch (Exception e) {
            closeQuietly(proxy);
            closeQuietly(rx);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
