package dev.netlab.link;

import dev.netlab.kit.pcap.CapturedPacket;
import java.time.Duration;
import java.time.Instant;

/** The sniffer's output line: seconds since the capture started, then {@link PacketSummary}. */
public final class Sniffer {
    private Sniffer() {}

    /** {@code "   0.001234 IP 10.91.1.1 > 10.91.1.2: ICMP echo request, id 7, seq 1, length 64"}. */
    public static String line(CapturedPacket packet, Instant start) {
        Duration since = Duration.between(start, packet.time());
        double seconds = since.toNanos() / 1e9;
        return String.format(java.util.Locale.ROOT, "%11.6f %s", seconds, PacketSummary.summarize(packet.data()));
    }
}
