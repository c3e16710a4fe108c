package dev.netlab.link;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the MAC address that owns an IPv4 address on the link (RFC 826), keeping answers in
 * a cache whose entries expire after a fixed time.
 *
 * <p>A miss broadcasts an ARP request ("who-has TARGET tell ME") and waits for the reply;
 * unrelated frames arriving meanwhile are ignored, but any ARP packet from a neighbour
 * updates an entry that is already cached (RFC 826's "merge" rule). An unanswered request
 * is repeated ({@link #ATTEMPTS} tries in all), then the lookup gives up.
 */
public final class ArpResolver {
    /** Requests sent for one lookup before giving up (Linux: ucast/mcast_solicit = 3). */
    public static final int ATTEMPTS = 3;

    private record Entry(MacAddress mac, Instant expires) {}

    private final FrameLink link;
    private final InstantSource clock;
    private final Duration ttl;
    private final Map<Inet4Address, Entry> cache = new HashMap<>();
    private int requestsSent;

    /**
     * @param link where frames go and come from; its config gives our MAC and IP
     * @param clock decides when entries expire (tests pass a clock they control)
     * @param ttl how long an answer stays valid
     */
    public ArpResolver(FrameLink link, InstantSource clock, Duration ttl) {
        this.link = link;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * The MAC of {@code target}: from the cache while fresh, else asked for on the link with
     * up to {@link #ATTEMPTS} requests, each waiting {@code timeoutPerAttempt}.
     */
    public synchronized Optional<MacAddress> resolve(Inet4Address target, Duration timeoutPerAttempt) throws IOException {
        Optional<MacAddress> hit = cached(target);
        if (hit.isPresent()) {
            return hit;
        }
        LinkConfig me = link.config();
        byte[] request = EthernetFrame.of(MacAddress.BROADCAST, me.mac(), EtherType.ARP.value(),
                ArpPacket.request(me.mac(), me.address(), target).encode()).encode();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            link.send(request);
            requestsSent++;
            long deadline = System.nanoTime() + timeoutPerAttempt.toNanos();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                Optional<byte[]> frame = link.receive(Duration.ofNanos(left));
                if (frame.isEmpty()) {
                    break;
                }
                Optional<ArpPacket> arp = arpIn(frame.get());
                if (arp.isEmpty()) {
                    continue;
                }
                learn(arp.get());
                ArpPacket p = arp.get();
                if (p.isReply() && p.senderIp().equals(target)) {
                    return Optional.of(p.senderMac());
                }
            }
        }
        return Optional.empty();
    }

    /** The cached MAC of {@code target} if its entry has not expired (expired entries are dropped). */
    public synchronized Optional<MacAddress> cached(Inet4Address target) {
        Entry e = cache.get(target);
        if (e == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(e.expires())) {
            cache.remove(target);
            return Optional.empty();
        }
        return Optional.of(e.mac());
    }

    /**
     * Takes what an ARP packet teaches: a reply addressed to us is cached; any packet from a
     * sender already in the cache refreshes that entry (RFC 826, "merge_flag").
     */
    public synchronized void learn(ArpPacket packet) {
        LinkConfig me = link.config();
        boolean known = cache.containsKey(packet.senderIp());
        boolean forUs = packet.targetIp().equals(me.address());
        if (known || (forUs && packet.isReply())) {
            cache.put(packet.senderIp(), new Entry(packet.senderMac(), clock.instant().plus(ttl)));
        }
    }

    /** How many requests this resolver has put on the wire. */
    public synchronized int requestsSent() {
        return requestsSent;
    }

    private static Optional<ArpPacket> arpIn(byte[] frame) {
        try {
            EthernetFrame eth = EthernetFrame.decode(frame);
            if (eth.etherType() != EtherType.ARP.value()) {
                return Optional.empty();
            }
            byte[] p = eth.payload();
            return Optional.of(ArpPacket.decode(p, 0, p.length));
        } catch (PacketException e) {
            return Optional.empty(); // a malformed frame from the link is not ours to answer
        }
    }
}
