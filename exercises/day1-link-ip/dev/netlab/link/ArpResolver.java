package dev.netlab.link;

import dev.netlab.kit.StubException;
import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Checkpoint 1.10: finds the MAC address that owns an IPv4 address on the link (RFC 826),
 * keeping answers in a cache whose entries expire after {@code ttl} (an entry learnt at t is
 * gone at t + ttl exactly).
 *
 * <p>On a miss, broadcast an ARP request built with your {@link ArpPacket#request} inside an
 * {@link EthernetFrame} to {@link MacAddress#BROADCAST} from {@code link.config().mac()},
 * then read frames from the link until the reply from the target arrives — the reply whose
 * sender IP is the target; a reply for another address is not it (learn from it, then keep
 * waiting) — ignoring everything else. No reply within {@code timeoutPerAttempt}: ask again, {@link #ATTEMPTS} requests in
 * all, then give up with an empty result. A fresh cache entry answers without sending
 * anything. Time comes from {@code clock} (the checkpoint moves it forward to expire entries).
 * See day1-link-ip/README.md#arp-resolver.
 */
public final class ArpResolver {
    /** Requests sent for one lookup before giving up (Linux: ucast/mcast_solicit = 3). */
    public static final int ATTEMPTS = 3;

    // You will need: the link, the clock, the ttl, a Map<Inet4Address, (MacAddress, expiry)>,
    // and a counter of requests sent.

    public ArpResolver(FrameLink link, InstantSource clock, Duration ttl) {
        // keep the arguments in fields
    }

    /** The MAC of {@code target}: from the cache while fresh, else asked for on the link (up to ATTEMPTS requests). */
    public Optional<MacAddress> resolve(Inet4Address target, Duration timeoutPerAttempt) throws IOException {
        throw StubException.notImplemented("1.10", "ARP resolver", "day1-link-ip/README.md#arp-resolver");
    }

    /** The cached MAC of {@code target} if its entry has not expired (drop it if it has). */
    public Optional<MacAddress> cached(Inet4Address target) {
        throw StubException.notImplemented("1.10", "ARP resolver", "day1-link-ip/README.md#arp-resolver");
    }

    /**
     * Learns from an ARP packet seen on the link: a reply addressed to us is cached; a packet
     * from a sender already cached refreshes its entry (RFC 826's merge rule).
     */
    public void learn(ArpPacket packet) {
        throw StubException.notImplemented("1.10", "ARP resolver", "day1-link-ip/README.md#arp-resolver");
    }

    /** How many requests this resolver has put on the wire. */
    public int requestsSent() {
        throw StubException.notImplemented("1.10", "ARP resolver", "day1-link-ip/README.md#arp-resolver");
    }
}
