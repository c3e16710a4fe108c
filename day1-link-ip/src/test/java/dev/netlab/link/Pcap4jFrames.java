package dev.netlab.link;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.Dot1qVlanTagPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4EchoPacket;
import org.pcap4j.packet.IcmpV4EchoReplyPacket;
import org.pcap4j.packet.IcmpV4TimeExceededPacket;
import org.pcap4j.packet.IcmpV4DestinationUnreachablePacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc1349Tos;
import org.pcap4j.packet.IpV6ExtHopByHopOptionsPacket;
import org.pcap4j.packet.IpV6ExtOptionsPacket;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.IpV6Pad1Option;
import org.pcap4j.packet.IpV6SimpleFlowLabel;
import org.pcap4j.packet.IpV6SimpleTrafficClass;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.SimpleBuilder;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.ArpHardwareType;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IcmpV4Code;
import org.pcap4j.packet.namednumber.IcmpV4Type;
import org.pcap4j.packet.namednumber.IcmpV6Code;
import org.pcap4j.packet.namednumber.IcmpV6Type;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.packet.namednumber.TcpPort;
import org.pcap4j.packet.namednumber.UdpPort;
import org.pcap4j.util.MacAddress;

/** Frames built with pcap4j's builders: the independent side of the day's summary and live checks. */
final class Pcap4jFrames {
    private Pcap4jFrames() {}

    static final MacAddress A = MacAddress.getByName("02:00:00:00:00:01");
    static final MacAddress B = MacAddress.getByName("02:00:00:00:00:02");

    static Inet4Address v4(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    static Inet6Address v6(String s) {
        try {
            return (Inet6Address) InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    static byte[] ethernet(EtherType type, Packet.Builder payload) {
        return ethernet(B, A, type, payload);
    }

    static byte[] ethernet(MacAddress dst, MacAddress src, EtherType type, Packet.Builder payload) {
        return new EthernetPacket.Builder().dstAddr(dst).srcAddr(src).type(type).payloadBuilder(payload)
                .paddingAtBuild(true).build().getRawData();
    }

    static byte[] vlan(int vid, int priority, EtherType inner, Packet.Builder payload) {
        Dot1qVlanTagPacket.Builder tag = new Dot1qVlanTagPacket.Builder().priority((byte) priority).cfi(false)
                .vid((short) vid).type(inner).payloadBuilder(payload);
        return new EthernetPacket.Builder().dstAddr(B).srcAddr(A).type(EtherType.DOT1Q_VLAN_TAGGED_FRAMES)
                .payloadBuilder(tag).paddingAtBuild(true).build().getRawData();
    }

    static ArpPacket.Builder arp(ArpOperation op, MacAddress senderMac, String senderIp, MacAddress targetMac, String targetIp) {
        return new ArpPacket.Builder().hardwareType(ArpHardwareType.ETHERNET).protocolType(EtherType.IPV4)
                .hardwareAddrLength((byte) 6).protocolAddrLength((byte) 4).operation(op)
                .srcHardwareAddr(senderMac).srcProtocolAddr(v4(senderIp))
                .dstHardwareAddr(targetMac).dstProtocolAddr(v4(targetIp));
    }

    static IpV4Packet.Builder ipv4(String src, String dst, IpNumber protocol, Packet.Builder payload) {
        return new IpV4Packet.Builder().version(IpVersion.IPV4).tos(IpV4Rfc1349Tos.newInstance((byte) 0))
                .identification((short) 4660).ttl((byte) 64).protocol(protocol)
                .srcAddr(v4(src)).dstAddr(v4(dst)).payloadBuilder(payload)
                .correctChecksumAtBuild(true).correctLengthAtBuild(true);
    }

    static IcmpV4CommonPacket.Builder echo(boolean reply, int id, int seq, int dataLength) {
        UnknownPacket.Builder data = new UnknownPacket.Builder().rawData(new byte[dataLength]);
        Packet.Builder body = reply
                ? new IcmpV4EchoReplyPacket.Builder().identifier((short) id).sequenceNumber((short) seq).payloadBuilder(data)
                : new IcmpV4EchoPacket.Builder().identifier((short) id).sequenceNumber((short) seq).payloadBuilder(data);
        return new IcmpV4CommonPacket.Builder().type(reply ? IcmpV4Type.ECHO_REPLY : IcmpV4Type.ECHO)
                .code(IcmpV4Code.NO_CODE).payloadBuilder(body).correctChecksumAtBuild(true);
    }

    /** An ICMP error quoting {@code original} (an IPv4 packet): its header and first 8 data bytes. */
    static IcmpV4CommonPacket.Builder error(IcmpV4Type type, IcmpV4Code code, IpV4Packet original) {
        byte[] raw = original.getRawData();
        int quoteLength = Math.min(raw.length, original.getHeader().length() + 8);
        Packet quoted = UnknownPacket.newPacket(raw, 0, quoteLength);
        Packet.Builder body = type.equals(IcmpV4Type.TIME_EXCEEDED)
                ? new IcmpV4TimeExceededPacket.Builder().payload(quoted)
                : new IcmpV4DestinationUnreachablePacket.Builder().payload(quoted);
        return new IcmpV4CommonPacket.Builder().type(type).code(code).payloadBuilder(body).correctChecksumAtBuild(true);
    }

    static UdpPacket.Builder udp(String src, String dst, int sport, int dport, int dataLength) {
        return new UdpPacket.Builder().srcPort(UdpPort.getInstance((short) sport)).dstPort(UdpPort.getInstance((short) dport))
                .srcAddr(v4(src)).dstAddr(v4(dst)).correctChecksumAtBuild(true).correctLengthAtBuild(true)
                .payloadBuilder(new UnknownPacket.Builder().rawData(new byte[dataLength]));
    }

    static TcpPacket.Builder tcp(String src, String dst, int sport, int dport, byte[] data) {
        TcpPacket.Builder b = new TcpPacket.Builder().srcPort(TcpPort.getInstance((short) sport))
                .dstPort(TcpPort.getInstance((short) dport)).sequenceNumber(1000).acknowledgmentNumber(2000)
                .dataOffset((byte) 5).ack(true).psh(true).window((short) 65535)
                .srcAddr(v4(src)).dstAddr(v4(dst)).correctChecksumAtBuild(true).correctLengthAtBuild(true);
        if (data.length > 0) {
            b.payloadBuilder(new UnknownPacket.Builder().rawData(data));
        }
        return b;
    }

    static IpV6Packet.Builder ipv6Icmp(String src, String dst, boolean hopByHop) {
        IcmpV6CommonPacket.Builder icmp = new IcmpV6CommonPacket.Builder().type(IcmpV6Type.ECHO_REQUEST)
                .code(IcmpV6Code.NO_CODE).srcAddr(v6(src)).dstAddr(v6(dst)).correctChecksumAtBuild(true)
                .payloadBuilder(new UnknownPacket.Builder().rawData(new byte[4]));
        Packet.Builder upper = icmp;
        IpNumber next = IpNumber.ICMPV6;
        if (hopByHop) {
            upper = new IpV6ExtHopByHopOptionsPacket.Builder().nextHeader(IpNumber.ICMPV6).hdrExtLen((byte) 0)
                    .options(List.<IpV6ExtOptionsPacket.IpV6Option>of(IpV6Pad1Option.getInstance(), IpV6Pad1Option.getInstance(),
                            IpV6Pad1Option.getInstance(), IpV6Pad1Option.getInstance(), IpV6Pad1Option.getInstance(),
                            IpV6Pad1Option.getInstance()))
                    .correctLengthAtBuild(true).payloadBuilder(icmp);
            next = IpNumber.IPV6_HOPOPT;
        }
        return new IpV6Packet.Builder().version(IpVersion.IPV6).trafficClass(IpV6SimpleTrafficClass.newInstance((byte) 0))
                .flowLabel(IpV6SimpleFlowLabel.newInstance(0)).nextHeader(next).hopLimit((byte) 255)
                .srcAddr(v6(src)).dstAddr(v6(dst)).payloadBuilder(upper).correctLengthAtBuild(true);
    }

    /** A builder around bytes that are already built. */
    static Packet.Builder raw(byte[] bytes) {
        return new SimpleBuilder(UnknownPacket.newPacket(bytes, 0, bytes.length));
    }
}
