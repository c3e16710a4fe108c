package dev.netlab.link.programs;

import dev.netlab.link.ArpResolver;
import dev.netlab.link.Day1Network;
import dev.netlab.link.Pinger;
import dev.netlab.link.Tracer;
import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lab run day1-link-ip traceroute}: the learner's Tracer across a router namespace. */
@Command(name = "traceroute", mixinStandardHelpOptions = true,
        description = "traceroute with ICMP echo probes (your Tracer). Without --interface it builds a private lab "
                + "network with a router (needs root) and traces the far host behind it.")
public final class TracerouteCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", description = "target (default: the lab's far host)")
    String target;

    @Option(names = {"-m", "--max-hops"}, description = "largest TTL (default ${DEFAULT-VALUE})")
    int maxHops = 8;

    @Option(names = {"-W", "--timeout"}, description = "seconds to wait for each probe (default ${DEFAULT-VALUE})")
    double timeout = 1;

    @Mixin
    LinkOptions link;

    @Override
    public Integer call() throws Exception {
        try (LabLink lab = link.open(true)) {
            Inet4Address to = Day1Network.ipv4(target != null ? target : Day1Network.FAR_ADDRESS);
            System.out.printf("traceroute to %s, %d hops max, ICMP echo probes%n", to.getHostAddress(), maxHops);
            Pinger pinger = new Pinger(lab.link(), new ArpResolver(lab.link(), Clock.systemUTC(), Duration.ofSeconds(60)),
                    (int) (ProcessHandle.current().pid() & 0xFFFF));
            List<Tracer.Hop> hops = new Tracer(pinger).trace(to, maxHops, PingCommand.seconds(timeout));
            for (Tracer.Hop h : hops) {
                if (h.from().isEmpty()) {
                    System.out.printf("%2d  *%n", h.ttl());
                } else {
                    System.out.printf(java.util.Locale.ROOT, "%2d  %s  %.3f ms%n", h.ttl(), h.from().get().getHostAddress(),
                            h.rtt().orElse(Duration.ZERO).toNanos() / 1e6);
                }
            }
            return !hops.isEmpty() && hops.get(hops.size() - 1).reached() ? 0 : 1;
        }
    }
}
