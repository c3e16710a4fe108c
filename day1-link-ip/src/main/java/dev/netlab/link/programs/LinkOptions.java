package dev.netlab.link.programs;

import dev.netlab.link.Day1Network;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options ping, arp and traceroute share: where to send frames, and whether to record them. */
final class LinkOptions {
    @Option(names = "--interface", description = "use this real interface instead of a lab network")
    String iface;

    @Option(names = "--gateway", description = "with --interface: the default gateway's IPv4 address")
    String gateway;

    @Option(names = "--capture", description = "write the lab side's traffic to this pcap file")
    Path capture;

    /** A lab network (with a router if {@code routed}) or the real interface; removed/closed on exit and on SIGINT/SIGTERM. */
    LabLink open(boolean routed) throws Exception {
        LabLink link = iface == null
                ? LabLink.lab(routed, capture, System.out)
                : LabLink.real(iface, Optional.ofNullable(gateway).map(Day1Network::ipv4), capture);
        return link.closeOnShutdown();
    }
}
