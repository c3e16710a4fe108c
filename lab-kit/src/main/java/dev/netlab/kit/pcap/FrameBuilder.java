package dev.netlab.kit.pcap;

import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc791Tos;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;

/**
 * Wraps a transport segment (a TCP or UDP builder) in IPv4 and Ethernet II, with pcap4j's
 * builders computing lengths and the IPv4 header checksum (RFC 791 §3.1, RFC 1071).
 * One instance per flow: it numbers the IPv4 Identification field per sender.
 */
final class FrameBuilder {
    /** Linux's default TTL ({@code net.ipv4.ip_default_ttl}). */
    private static final byte TTL = 64;

    private short clientIdentification = 1;
    private short serverIdentification = 1;

    /** The whole Ethernet frame, from {@code from} to {@code to}, around {@code segment}. */
    byte[] frame(Endpoint from, Endpoint to, boolean fromClient, IpNumber protocol, Packet.Builder segment) {
        short identification = fromClient ? clientIdentification++ : serverIdentification++;
        IpV4Packet.Builder ip = new IpV4Packet.Builder()
                .version(IpVersion.IPV4)
                .tos(IpV4Rfc791Tos.newInstance((byte) 0))
                .identification(identification)
                .dontFragmentFlag(true) // what Linux sets when path MTU discovery is on
                .ttl(TTL)
                .protocol(protocol)
                .srcAddr(from.ip())
                .dstAddr(to.ip())
                .payloadBuilder(segment)
                .correctChecksumAtBuild(true)
                .correctLengthAtBuild(true);
        EthernetPacket.Builder ethernet = new EthernetPacket.Builder()
                .srcAddr(from.mac())
                .dstAddr(to.mac())
                .type(EtherType.IPV4)
                .payloadBuilder(ip)
                // as a capture on the sending host shows it: no padding to 60 bytes, no FCS
                .pad(new byte[0])
                .paddingAtBuild(false);
        return ethernet.build().getRawData();
    }
}
