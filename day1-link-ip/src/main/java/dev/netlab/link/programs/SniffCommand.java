package dev.netlab.link.programs;

import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.kit.pcap.CapturedPacket;
import dev.netlab.kit.pcap.PcapWriter;
import dev.netlab.link.Sniffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab run day1-link-ip sniff -- --interface lo --count 10}: live packets through the learner's decoders. */
@Command(name = "sniff", mixinStandardHelpOptions = true,
        description = "Captures live packets (needs root or CAP_NET_RAW) and prints one line each with your "
                + "PacketSummary, like tcpdump -n. Ctrl-C stops it.")
public final class SniffCommand implements Callable<Integer> {
    /** Never keep more than this many packets in memory, whatever --count says. */
    static final int MAX_PACKETS = 100_000;

    @Option(names = {"-i", "--interface"}, description = "interface (default ${DEFAULT-VALUE})")
    String iface = "lo";

    @Option(names = {"-f", "--filter"}, description = "BPF filter, as in tcpdump (e.g. \"icmp or arp\")")
    String filter;

    @Option(names = {"-c", "--count"}, description = "stop after this many packets (0 = until Ctrl-C; default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--seconds", description = "stop after this many seconds (0 = no limit)")
    double seconds;

    @Option(names = "--capture", description = "also write the packets to this pcap file")
    Path capture;

    @Override
    public Integer call() throws Exception {
        int limit = count <= 0 ? MAX_PACKETS : Math.min(count, MAX_PACKETS);
        CountDownLatch stopped = new CountDownLatch(1);
        LiveCapture live = LiveCapture.start(iface, filter);
        Instant start = Instant.now();
        Thread printer = Thread.ofPlatform().name("sniff-printer").start(() -> {
            int shown = 0;
            long deadline = seconds > 0 ? System.nanoTime() + (long) (seconds * 1e9) : Long.MAX_VALUE;
            try {
                while (shown < limit && System.nanoTime() < deadline && stopped.getCount() > 0) {
                    List<CapturedPacket> all = live.packets();
                    for (int i = shown; i < all.size() && shown < limit; i++, shown++) {
                        System.out.println(Sniffer.line(all.get(i), start));
                    }
                    stopped.await(20, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread cleanup = new Thread(() -> finish(live, stopped, printer), "sniff-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        printer.join();
        finish(live, stopped, printer);
        Runtime.getRuntime().removeShutdownHook(cleanup);
        return 0;
    }

    private synchronized void finish(LiveCapture live, CountDownLatch stopped, Thread printer) {
        if (stopped.getCount() == 0) {
            return;
        }
        stopped.countDown();
        live.stop();
        try {
            printer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // With --count, the capture holds exactly the packets that were shown.
        List<CapturedPacket> kept = live.packets();
        int limit = count <= 0 ? MAX_PACKETS : Math.min(count, MAX_PACKETS);
        kept = kept.subList(0, Math.min(kept.size(), limit));
        System.out.println(kept.size() + " packets captured on " + iface);
        if (capture != null) {
            try {
                PcapWriter.write(capture, live.linkType(), kept);
                System.out.println("capture: " + capture + "   (tshark -r " + capture + ")");
            } catch (java.io.IOException e) {
                System.err.println("could not write " + capture + ": " + e.getMessage());
            }
        }
    }
}
