package dev.netlab.link.programs;

import dev.netlab.link.ArpResolver;
import dev.netlab.link.Day1Network;
import dev.netlab.link.Pinger;
import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lab run day1-link-ip ping [-- TARGET]}: ping with the learner's hand-built echo requests. */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = "Pings with hand-built Ethernet/IPv4/ICMP frames (your Pinger). Without --interface it builds a "
                + "private lab network (needs root) and pings the peer, or the far host behind a router with --routed.")
public final class PingCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", description = "target IPv4 address (default: the lab's peer)")
    String target;

    @Option(names = {"-c", "--count"}, description = "echo requests to send (default ${DEFAULT-VALUE})")
    int count = 4;

    @Option(names = {"-s", "--size"}, description = "data bytes per request (default ${DEFAULT-VALUE})")
    int size = 56;

    @Option(names = {"-i", "--interval"}, description = "seconds between requests (default ${DEFAULT-VALUE})")
    double interval = 0.5;

    @Option(names = {"-W", "--timeout"}, description = "seconds to wait for each reply (default ${DEFAULT-VALUE})")
    double timeout = 1;

    @Option(names = "--routed", description = "lab network with a router; the default target is then the far host")
    boolean routed;

    @Mixin
    LinkOptions link;

    @Override
    public Integer call() throws Exception {
        try (LabLink lab = link.open(routed)) {
            Inet4Address to = Day1Network.ipv4(target != null ? target
                    : routed ? Day1Network.FAR_ADDRESS : Day1Network.PEER_ADDRESS);
            var config = lab.link().config();
            System.out.printf("PING %s from %s %s: %d data bytes%n", to.getHostAddress(),
                    config.address().getHostAddress(), config.interfaceName(), size);
            int id = (int) (ProcessHandle.current().pid() & 0xFFFF);
            Pinger pinger = new Pinger(lab.link(), new ArpResolver(lab.link(), Clock.systemUTC(), Duration.ofSeconds(60)), id);
            List<Double> rtts = new java.util.concurrent.CopyOnWriteArrayList<>();
            int[] sent = {0};
            // Like ping: Ctrl-C (or SIGTERM) still prints the statistics.
            Thread stats = new Thread(() -> statistics(to, sent[0], rtts), "ping-statistics");
            Runtime.getRuntime().addShutdownHook(stats);
            for (int seq = 1; seq <= count; seq++) {
                sent[0] = seq;
                Optional<Pinger.Answer> a = pinger.probe(to, seq, Pinger.DEFAULT_TTL, size, seconds(timeout));
                if (a.isEmpty()) {
                    System.out.printf("no answer for icmp_seq=%d%n", seq);
                } else if (a.get().kind() == Pinger.Kind.ECHO_REPLY) {
                    double ms = a.get().rtt().toNanos() / 1e6;
                    rtts.add(ms);
                    System.out.printf(Locale.ROOT, "%d bytes from %s: icmp_seq=%d ttl=%d time=%.3f ms%n",
                            a.get().bytes(), a.get().from().getHostAddress(), seq, a.get().ttl(), ms);
                } else {
                    System.out.printf("From %s icmp_seq=%d %s%n", a.get().from().getHostAddress(), seq,
                            a.get().kind() == Pinger.Kind.TIME_EXCEEDED ? "Time to live exceeded" : "Destination unreachable");
                }
                if (seq < count) {
                    Thread.sleep(seconds(interval));
                }
            }
            Runtime.getRuntime().removeShutdownHook(stats);
            statistics(to, count, rtts);
            return rtts.isEmpty() ? 1 : 0;
        }
    }

    private static void statistics(Inet4Address to, int sent, List<Double> rtts) {
        System.out.printf("%n--- %s ping statistics ---%n", to.getHostAddress());
        int lost = sent - rtts.size();
        System.out.printf("%d packets transmitted, %d received, %d%% packet loss%n", sent, rtts.size(),
                sent == 0 ? 0 : 100 * lost / sent);
        if (!rtts.isEmpty()) {
            double min = rtts.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = rtts.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double avg = rtts.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            System.out.printf(Locale.ROOT, "rtt min/avg/max = %.3f/%.3f/%.3f ms%n", min, avg, max);
        }
        System.out.flush();
    }

    static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
