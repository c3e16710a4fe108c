package dev.netlab.link;

import java.io.IOException;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Optional;

/**
 * ping, by hand: builds Ethernet / IPv4 / ICMP echo request frames itself, sends them on a
 * {@link FrameLink}, and matches what comes back (RFC 792).
 *
 * <p>A probe goes to the MAC of the next hop (the target on the link, else the gateway —
 * found with the {@link ArpResolver}). The answer that counts is addressed to us and is
 * either an echo reply carrying our identifier and sequence number, or an ICMP error
 * (time exceeded, destination unreachable) whose quoted datagram is our probe.
 */
public final class Pinger {
    /** What answered a probe. */
    public enum Kind { ECHO_REPLY, TIME_EXCEEDED, UNREACHABLE }

    /**
     * One answer: who sent it, for which sequence number, the TTL it arrived with, the
     * size of the ICMP message, and the round-trip time; {@code code} is the ICMP code.
     */
    public record Answer(Kind kind, Inet4Address from, int sequence, int ttl, int bytes, Duration rtt, int code) {}

    /** Default TTL of a probe, as Linux uses (net.ipv4.ip_default_ttl). */
    public static final int DEFAULT_TTL = 64;

    private final FrameLink link;
    private final ArpResolver arp;
    private final int identifier;
    private int ipIdentification;

    /** @param identifier the ICMP identifier of every probe (ping uses its process id) */
    public Pinger(FrameLink link, ArpResolver arp, int identifier) {
        this.link = link;
        this.arp = arp;
        this.identifier = identifier & 0xFFFF;
        this.ipIdentification = identifier & 0xFFFF;
    }

    /** One echo request; the echo reply that matches it, or empty on timeout (or if no MAC could be found). */
    public Optional<Answer> ping(Inet4Address target, int sequence, int payloadSize, Duration timeout) throws IOException {
        return probe(target, sequence, DEFAULT_TTL, payloadSize, timeout).filter(a -> a.kind() == Kind.ECHO_REPLY);
    }

    /**
     * One echo request with the given TTL; the first matching answer — echo reply, time
     * exceeded or destination unreachable — or empty on timeout.
     */
    public synchronized Optional<Answer> probe(Inet4Address target, int sequence, int ttl, int payloadSize, Duration timeout)
            throws IOException {
        LinkConfig me = link.config();
        Optional<MacAddress> nextHop = arp.resolve(me.nextHop(target), Duration.ofMillis(500));
        if (nextHop.isEmpty()) {
            return Optional.empty();
        }
        int seq = sequence & 0xFFFF;
        byte[] data = new byte[payloadSize];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (0x10 + i); // like ping's pattern: recognisable in a capture
        }
        byte[] icmp = new IcmpMessage.EchoRequest(identifier, seq, data).encode();
        Ipv4Header header = Ipv4Header.of(me.address(), target, IpProtocol.ICMP, ttl, nextIpId(), icmp.length);
        byte[] frame = EthernetFrame.of(nextHop.get(), me.mac(), EtherType.IPV4.value(),
                new Ipv4Packet(header, icmp).encode()).encode();

        long sent = System.nanoTime();
        link.send(frame);
        long deadline = sent + timeout.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Optional<byte[]> in = link.receive(Duration.ofNanos(left));
            if (in.isEmpty()) {
                break;
            }
            long arrived = System.nanoTime();
            Optional<Answer> answer = match(in.get(), me, target, seq, Duration.ofNanos(arrived - sent));
            if (answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    private Optional<Answer> match(byte[] frame, LinkConfig me, Inet4Address target, int seq, Duration rtt) {
        try {
            EthernetFrame eth = EthernetFrame.decode(frame);
            if (eth.etherType() == EtherType.ARP.value()) {
                byte[] p = eth.payload();
                arp.learn(ArpPacket.decode(p, 0, p.length));
                return Optional.empty();
            }
            if (eth.etherType() != EtherType.IPV4.value()) {
                return Optional.empty();
            }
            byte[] p = eth.payload();
            Ipv4Packet ip = Ipv4Packet.decode(p, 0, p.length);
            Ipv4Header h = ip.header();
            if (h.protocol() != IpProtocol.ICMP || !h.destination().equals(me.address()) || h.isFragment()) {
                return Optional.empty();
            }
            byte[] icmpBytes = ip.payload();
            IcmpMessage m = IcmpMessage.decode(icmpBytes, 0, icmpBytes.length);
            return switch (m) {
                case IcmpMessage.EchoReply r when r.identifier() == identifier && r.sequence() == seq
                        && h.source().equals(target) ->
                        Optional.of(new Answer(Kind.ECHO_REPLY, h.source(), seq, h.ttl(), icmpBytes.length, rtt, 0));
                case IcmpMessage.TimeExceeded t when quotesOurProbe(t.quotedHeader(), t.quotedPayload(), target, seq) ->
                        Optional.of(new Answer(Kind.TIME_EXCEEDED, h.source(), seq, h.ttl(), icmpBytes.length, rtt, t.code()));
                case IcmpMessage.DestinationUnreachable u when quotesOurProbe(u.quotedHeader(), u.quotedPayload(), target, seq) ->
                        Optional.of(new Answer(Kind.UNREACHABLE, h.source(), seq, h.ttl(), icmpBytes.length, rtt, u.code()));
                default -> Optional.empty();
            };
        } catch (PacketException e) {
            return Optional.empty(); // not a frame we can read is not an answer to us
        }
    }

    /** RFC 792: an error quotes the original IP header and the first 64 bits of its data — our echo's id and sequence. */
    private boolean quotesOurProbe(Ipv4Header quoted, byte[] quotedData, Inet4Address target, int seq) {
        if (quoted.protocol() != IpProtocol.ICMP || !quoted.destination().equals(target) || quotedData.length < 8) {
            return false;
        }
        return Octets.u8(quotedData, 0) == IcmpMessage.ECHO_REQUEST
                && Octets.u16(quotedData, 4) == identifier
                && Octets.u16(quotedData, 6) == seq;
    }

    private int nextIpId() {
        ipIdentification = (ipIdentification + 1) & 0xFFFF;
        return ipIdentification;
    }
}
