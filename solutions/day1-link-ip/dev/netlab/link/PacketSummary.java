package dev.netlab.link;

import java.net.Inet6Address;
import java.util.Optional;

/**
 * One line per frame, in the spirit of {@code tcpdump -n}: what a sniffer prints. Built
 * only from the day's own decoders; never throws — a frame that does not decode is shown as
 * {@code [malformed ...: reason]} after whatever did decode.
 *
 * <pre>
 * ARP, Request who-has 10.91.1.2 tell 10.91.1.1, length 28
 * ARP, Reply 10.91.1.2 is-at 02:00:00:00:00:02, length 28
 * IP 10.91.1.1 > 10.91.1.2: ICMP echo request, id 7, seq 1, length 64
 * IP 10.91.1.254 > 10.91.1.1: ICMP time exceeded in-transit, length 92
 * IP 10.91.1.2 > 10.91.1.1: ICMP 10.91.1.2 port unreachable, length 36
 * IP 127.0.0.1.40000 > 127.0.0.1.8080: TCP, length 5
 * IP 10.0.0.1.5353 > 10.0.0.2.53: UDP, length 12
 * IP 10.0.0.1 > 10.0.0.2: ICMP (frag 4660:1480@0+)
 * IP 10.0.0.1 > 10.0.0.2: (frag 4660:520@1480)
 * IP6 fe80::1 > ff02::1: ICMPv6, length 8
 * 802.1Q vlan 100, p 3, IP 10.0.0.1 > 10.0.0.2: UDP, length 0
 * ethertype 0x88b5, length 46
 * IP [malformed IPv4: bad checksum: ... (at byte 10)]
 * </pre>
 */
public final class PacketSummary {
    private PacketSummary() {}

    /** The summary of one Ethernet frame. */
    public static String summarize(byte[] frame) {
        EthernetFrame eth;
        try {
            eth = EthernetFrame.decode(frame);
        } catch (PacketException e) {
            return "[malformed Ethernet: " + e.getMessage() + "]";
        }
        StringBuilder sb = new StringBuilder();
        eth.vlan().ifPresent(tag -> sb.append("802.1Q vlan ").append(tag.vlanId())
                .append(", p ").append(tag.priority()).append(", "));
        byte[] payload = eth.payload();
        int type = eth.etherType();
        if (type == EtherType.ARP.value()) {
            sb.append(arp(payload));
        } else if (type == EtherType.IPV4.value()) {
            sb.append(ipv4(payload));
        } else if (type == EtherType.IPV6.value()) {
            sb.append(ipv6(payload));
        } else {
            sb.append("ethertype ").append(EtherType.describe(type)).append(", length ").append(payload.length);
        }
        return sb.toString();
    }

    private static String arp(byte[] p) {
        try {
            ArpPacket arp = ArpPacket.decode(p, 0, p.length);
            if (arp.isRequest()) {
                return "ARP, Request who-has " + arp.targetIp().getHostAddress() + " tell "
                        + arp.senderIp().getHostAddress() + ", length " + ArpPacket.LENGTH;
            }
            return "ARP, Reply " + arp.senderIp().getHostAddress() + " is-at " + arp.senderMac()
                    + ", length " + ArpPacket.LENGTH;
        } catch (PacketException e) {
            return "ARP [malformed ARP: " + e.getMessage() + "]";
        }
    }

    private static String ipv4(byte[] p) {
        Ipv4Packet packet;
        try {
            packet = Ipv4Packet.decode(p, 0, p.length);
        } catch (PacketException e) {
            return "IP [malformed IPv4: " + e.getMessage() + "]";
        }
        Ipv4Header h = packet.header();
        String src = h.source().getHostAddress();
        String dst = h.destination().getHostAddress();
        byte[] payload = packet.payload();
        // RFC 791 §3.2: only the first fragment (offset 0) carries the upper-layer header.
        if (h.fragmentOffset() > 0) {
            return "IP " + src + " > " + dst + ": " + fragment(h, payload.length);
        }
        if (h.moreFragments()) {
            // The first fragment: its upper-layer header is here, but not the whole message.
            return "IP " + src + " > " + dst + ": " + IpProtocol.name(h.protocol()) + " " + fragment(h, payload.length);
        }
        return transport(h.protocol(), src, dst, payload);
    }

    /** tcpdump's {@code (frag id:size@offset+)}; the {@code +} says more fragments follow. */
    private static String fragment(Ipv4Header h, int size) {
        return "(frag " + h.identification() + ":" + size + "@" + h.fragmentOffsetBytes() + (h.moreFragments() ? "+" : "") + ")";
    }

    private static String ipv6(byte[] p) {
        Ipv6Packet packet;
        try {
            packet = Ipv6Packet.decode(p, 0, p.length);
        } catch (PacketException e) {
            return "IP6 [malformed IPv6: " + e.getMessage() + "]";
        }
        String src = compress(packet.header().source());
        String dst = compress(packet.header().destination());
        StringBuilder ext = new StringBuilder();
        for (ExtensionHeader x : packet.extensions()) {
            ext.append(IpProtocol.name(x.type())).append(", ");
        }
        String line = transport(packet.upperLayerProtocol(), src, dst, packet.upperLayerPayload(), "IP6 ");
        return ext.isEmpty() ? line : line.replaceFirst(": ", ": " + ext);
    }

    private static String transport(int protocol, String src, String dst, byte[] payload) {
        return transport(protocol, src, dst, payload, "IP ");
    }

    private static String transport(int protocol, String src, String dst, byte[] payload, String family) {
        switch (protocol) {
            case IpProtocol.TCP, IpProtocol.UDP -> {
                if (payload.length < 4 || (protocol == IpProtocol.TCP && payload.length < 20)
                        || (protocol == IpProtocol.UDP && payload.length < 8)) {
                    return family + src + " > " + dst + ": " + IpProtocol.name(protocol) + " [truncated]";
                }
                int sport = Octets.u16(payload, 0);
                int dport = Octets.u16(payload, 2);
                // TCP data offset: 4 bits, in 32-bit words (RFC 9293 §3.1); UDP header: 8 bytes (RFC 768).
                int headerLength = protocol == IpProtocol.TCP ? (Octets.u8(payload, 12) >>> 4) * 4 : 8;
                int data = Math.max(0, payload.length - headerLength);
                return family + src + "." + sport + " > " + dst + "." + dport + ": " + IpProtocol.name(protocol)
                        + ", length " + data;
            }
            case IpProtocol.ICMP -> {
                return family + src + " > " + dst + ": " + icmp(payload);
            }
            default -> {
                return family + src + " > " + dst + ": " + IpProtocol.name(protocol) + ", length " + payload.length;
            }
        }
    }

    private static String icmp(byte[] p) {
        IcmpMessage m;
        try {
            m = IcmpMessage.decode(p, 0, p.length);
        } catch (PacketException e) {
            return "ICMP [malformed ICMP: " + e.getMessage() + "]";
        }
        String what = switch (m) {
            case IcmpMessage.EchoRequest r -> "echo request, id " + r.identifier() + ", seq " + r.sequence();
            case IcmpMessage.EchoReply r -> "echo reply, id " + r.identifier() + ", seq " + r.sequence();
            case IcmpMessage.TimeExceeded t -> t.code() == IcmpMessage.TTL_EXCEEDED_IN_TRANSIT
                    ? "time exceeded in-transit" : "ip reassembly time exceeded";
            case IcmpMessage.DestinationUnreachable u -> unreachable(u);
            case IcmpMessage.Other o -> "type " + o.type() + ", code " + o.code();
        };
        return "ICMP " + what + ", length " + p.length;
    }

    private static String unreachable(IcmpMessage.DestinationUnreachable u) {
        String kind = switch (u.code()) {
            case IcmpMessage.NET_UNREACHABLE -> "net";
            case IcmpMessage.HOST_UNREACHABLE -> "host";
            case IcmpMessage.PROTOCOL_UNREACHABLE -> "protocol";
            case IcmpMessage.PORT_UNREACHABLE -> "port";
            case IcmpMessage.FRAGMENTATION_NEEDED -> "fragmentation-needed";
            default -> "code " + u.code();
        };
        String about = Optional.ofNullable(quotedDestination(u)).map(a -> a + " ").orElse("");
        return about + kind + " unreachable";
    }

    private static String quotedDestination(IcmpMessage.DestinationUnreachable u) {
        try {
            return u.quotedHeader().destination().getHostAddress();
        } catch (PacketException e) {
            return null;
        }
    }

    /** An IPv6 address in its RFC 5952 text form: lower case, the longest run of zero groups as {@code ::}. */
    static String compress(Inet6Address a) {
        byte[] b = a.getAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = Octets.u16(b, 2 * i);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            // RFC 5952 §4.2.2: "::" MUST NOT shorten just one 16-bit 0 field.
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
