package dev.netlab.link;

import dev.netlab.kit.StubException;
import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoint 1.12: traceroute with ICMP echo probes ({@code traceroute -I}). Send a probe
 * with TTL 1 ({@link Pinger#probe}, sequence number = TTL): the first router destroys it and
 * answers "time exceeded in transit" (RFC 791 §3.2, RFC 792). Then TTL 2, 3, ... until the
 * target itself answers with an echo reply (mark that hop {@code reached} and stop), a
 * destination-unreachable answer arrives (stop), or {@code maxHops} is used up. A probe
 * nobody answers is a hop with empty {@code from}/{@code rtt} (traceroute prints "*").
 * See day1-link-ip/README.md#traceroute.
 */
public final class Tracer {
    /** One line of the trace: who answered the probe with this TTL (empty: nobody), and when. */
    public record Hop(int ttl, Optional<Inet4Address> from, Optional<Duration> rtt, boolean reached) {}

    public Tracer(Pinger pinger) {
        // keep the pinger in a field
    }

    /** Probes with TTL 1..maxHops, one per TTL, each waiting {@code timeout}; the hops in order. */
    public List<Hop> trace(Inet4Address target, int maxHops, Duration timeout) throws IOException {
        throw StubException.notImplemented("1.12", "traceroute across a router", "day1-link-ip/README.md#traceroute");
    }
}
