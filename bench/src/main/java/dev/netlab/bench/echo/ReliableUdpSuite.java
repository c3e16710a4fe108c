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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Goodput of day 2's reliable delivery over UDP through the seeded lossy proxy at 10% and 30%
 * loss, as a ratio to the same protocol on the clean path (0% loss) of the same run.
 */
public final class ReliableUdpSuite implements BenchSuite {
    private static final String GOODPUT = "MB/s goodput (higher is better)";
    private static final long SEED = 20_26;

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
        double clean = goodput(0, size);
        List<Comparison> out = new ArrayList<>();
        for (int percent : new int[] {10, 30}) {
            double lossy = goodput(percent / 100.0, size);
            out.add(new Comparison(id(), percent + "% loss (+5% duplicates, 10% reordered)", GOODPUT, lossy, clean,
                    "with loss", "same protocol, 0% loss",
                    Map.of("size", size + " octets", "seed", Long.toString(SEED))));
        }
        return out;
    }

    private static double goodput(double loss, int size) throws Exception {
        byte[] data = new byte[size];
        new Random(SEED).nextBytes(data);
        InetAddress lo = InetAddress.getLoopbackAddress();
        LossyUdpProxy.Impairments impairments = loss == 0
                ? new LossyUdpProxy.Impairments(0, 0, 0, Duration.ZERO) : LossyUdpProxy.Impairments.loss(loss);
        try (DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
             LossyUdpProxy proxy = LossyUdpProxy.start((InetSocketAddress) rx.getLocalAddress(), impairments, SEED);
             DatagramChannel tx = DatagramChannel.open()) {
            tx.connect(proxy.address());
            ReliableReceiver receiver = new ReliableReceiver(rx, RdtConfig.LOOPBACK);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return receiver.receive(Duration.ofMinutes(2));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofPlatform().daemon().start(r));
            long start = System.nanoTime();
            new ReliableSender(tx, RdtConfig.LOOPBACK).send(data);
            long seconds = System.nanoTime() - start; // until the last ACK: the receiver has everything
            byte[] got = received.get(2, TimeUnit.MINUTES);
            if (!java.util.Arrays.equals(got, data)) {
                throw new IllegalStateException("the stream arrived damaged (" + proxy.describe() + ")");
            }
            return size / (seconds / 1e9) / 1e6;
        }
    }
}
