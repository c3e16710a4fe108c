package dev.netlab.link;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * traceroute with ICMP echo probes ({@code traceroute -I}): a probe with TTL 1 dies at the
 * first router, which answers "time exceeded in transit" (RFC 792; RFC 791 §3.2: a datagram
 * whose TTL reaches zero MUST be destroyed); TTL 2 gets one hop further, and so on until the
 * target itself answers with an echo reply.
 */
public final class Tracer {
    /** One line of the trace: who answered the probe with this TTL (empty: nobody, a "*"), and when. */
    public record Hop(int ttl, Optional<Inet4Address> from, Optional<Duration> rtt, boolean reached) {}

    private final Pinger pinger;

    public Tracer(Pinger pinger) {
        this.pinger = pinger;
    }

    /**
     * Probes with TTL 1, 2, ... up to {@code maxHops}, one probe per TTL (sequence number =
     * TTL), each waiting {@code timeout}; stops at the echo reply of the target or at a
     * destination-unreachable answer.
     */
    public List<Hop> trace(Inet4Address target, int maxHops, Duration timeout) throws IOException {
        List<Hop> hops = new ArrayList<>();
        for (int ttl = 1; ttl <= maxHops; ttl++) {
            Optional<Pinger.Answer> answer = pinger.probe(target, ttl, ttl, 32, timeout);
            if (answer.isEmpty()) {
                hops.add(new Hop(ttl, Optional.empty(), Optional.empty(), false));
                continue;
            }
            Pinger.Answer a = answer.get();
            boolean reached = a.kind() == Pinger.Kind.ECHO_REPLY;
            hops.add(new Hop(ttl, Optional.of(a.from()), Optional.of(a.rtt()), reached));
            if (reached || a.kind() == Pinger.Kind.UNREACHABLE) {
                break;
            }
        }
        return hops;
    }
}
