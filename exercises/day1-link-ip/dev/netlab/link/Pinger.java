package dev.netlab.link;

import dev.netlab.kit.StubException;
import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Optional;

/**
 * Checkpoint 1.11 (and the engine of 1.12): ping, by hand. Build each probe yourself —
 * an {@link IcmpMessage.EchoRequest} (our identifier, the sequence number, {@code payloadSize}
 * data bytes) inside an IPv4 packet ({@link Ipv4Header#of}, protocol ICMP, the given TTL, a
 * new IP identification each time) inside an Ethernet frame to the MAC of the next hop
 * ({@code link.config().nextHop(target)}, resolved with the {@link ArpResolver}) — send it on
 * the link, and read frames until the answer arrives or the timeout passes.
 *
 * <p>The answer that counts is IPv4 + ICMP, addressed to us, and either an echo reply from
 * the target with OUR identifier and sequence number, or a time exceeded / destination
 * unreachable whose quoted datagram (RFC 792: the IP header + first 8 bytes) is our probe:
 * quoted protocol ICMP, quoted destination = target, quoted ICMP type 8 with our id and
 * sequence. Ignore everything else (another ping's replies, a reply to an earlier sequence
 * number). The timeout counts from the send: frames that are not the answer do not restart it.
 * The RTT runs from the send to the arrival.
 * See day1-link-ip/README.md#ping.
 */
public final class Pinger {
    /** What answered a probe. */
    public enum Kind { ECHO_REPLY, TIME_EXCEEDED, UNREACHABLE }

    /**
     * One answer: who sent it, for which sequence number, the TTL its IP header arrived
     * with, the size of the ICMP message in bytes, the round-trip time, and the ICMP code.
     */
    public record Answer(Kind kind, Inet4Address from, int sequence, int ttl, int bytes, Duration rtt, int code) {}

    /** Default TTL of a probe, as Linux uses (net.ipv4.ip_default_ttl). */
    public static final int DEFAULT_TTL = 64;

    /** @param identifier the ICMP identifier of every probe (ping uses its process id) */
    public Pinger(FrameLink link, ArpResolver arp, int identifier) {
        // keep the arguments in fields; you will also want an IP identification counter
    }

    /** One echo request with TTL 64; the matching echo reply, or empty on timeout (or when ARP finds no MAC). */
    public Optional<Answer> ping(Inet4Address target, int sequence, int payloadSize, Duration timeout) throws IOException {
        throw StubException.notImplemented("1.11", "ping with hand-built echo requests", "day1-link-ip/README.md#ping");
    }

    /** One echo request with the given TTL; the first matching answer of any {@link Kind}, or empty on timeout. */
    public Optional<Answer> probe(Inet4Address target, int sequence, int ttl, int payloadSize, Duration timeout)
            throws IOException {
        throw StubException.notImplemented("1.11", "ping with hand-built echo requests", "day1-link-ip/README.md#ping");
    }
}
