package dev.netlab.link.programs;

import dev.netlab.link.ArpResolver;
import dev.netlab.link.Day1Network;
import dev.netlab.link.MacAddress;
import java.net.Inet4Address;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lab run day1-link-ip arp [-- ADDRESS...]}: resolve addresses with the learner's ArpResolver. */
@Command(name = "arp", mixinStandardHelpOptions = true,
        description = "Resolves IPv4 addresses to MAC addresses with your ArpResolver. Without --interface it builds a "
                + "private lab network (needs root) and asks for the peer and for an address nobody owns.")
public final class ArpCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", description = "IPv4 addresses on the link (default: the lab's peer and an unused address)")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-W", "--timeout"}, description = "seconds to wait for each reply (default ${DEFAULT-VALUE})")
    double timeout = 0.5;

    @Mixin
    LinkOptions link;

    @Override
    public Integer call() throws Exception {
        try (LabLink lab = link.open(false)) {
            List<String> ask = targets.isEmpty() ? List.of(Day1Network.PEER_ADDRESS, Day1Network.PEER_ADDRESS,
                    Day1Network.NOBODY_ADDRESS) : targets;
            ArpResolver arp = new ArpResolver(lab.link(), Clock.systemUTC(), Duration.ofSeconds(60));
            int failures = 0;
            for (String t : ask) {
                Inet4Address ip = Day1Network.ipv4(t);
                int before = arp.requestsSent();
                long start = System.nanoTime();
                Optional<MacAddress> mac = arp.resolve(ip, PingCommand.seconds(timeout));
                double ms = (System.nanoTime() - start) / 1e6;
                int sent = arp.requestsSent() - before;
                if (mac.isPresent()) {
                    System.out.printf(java.util.Locale.ROOT, "%-15s is-at %s   (%s, %.3f ms)%n", t, mac.get(),
                            sent == 0 ? "from the cache" : sent + " request" + (sent > 1 ? "s" : ""), ms);
                } else {
                    failures++;
                    System.out.printf("%-15s (incomplete)   no reply to %d requests%n", t, sent);
                }
            }
            return targets.isEmpty() || failures == 0 ? 0 : 1;
        }
    }
}
