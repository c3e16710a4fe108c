package dev.netlab.kit.ladder;

import dev.netlab.kit.pcap.PcapWriter;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.IpPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;

/**
 * Arrows without tshark: reads a classic pcap file (Ethernet or raw IP) and decodes it with
 * pcap4j — TCP flags with relative sequence numbers, HTTP/1.x start lines at the start of a
 * segment, UDP, ICMP and ARP. TLS, HTTP/2 and WebSocket need tshark.
 */
final class PcapFallback {
    private PcapFallback() {}

    static List<Arrow> read(Path pcap) throws IOException {
        List<Arrow> out = new ArrayList<>();
        Map<String, Long> isn = new HashMap<>();
        try (InputStream raw = Files.newInputStream(pcap); DataInputStream in = new DataInputStream(raw)) {
            byte[] header = in.readNBytes(24);
            if (header.length < 24) {
                throw new IOException(pcap + " is not a pcap file (too short)");
            }
            ByteBuffer h = ByteBuffer.wrap(header);
            int magic = h.getInt(0);
            ByteOrder order;
            boolean nanos;
            switch (magic) {
                case 0xa1b2c3d4 -> { order = ByteOrder.BIG_ENDIAN; nanos = false; }
                case 0xd4c3b2a1 -> { order = ByteOrder.LITTLE_ENDIAN; nanos = false; }
                case 0xa1b23c4d -> { order = ByteOrder.BIG_ENDIAN; nanos = true; }
                case 0x4d3cb2a1 -> { order = ByteOrder.LITTLE_ENDIAN; nanos = true; }
                default -> throw new IOException(pcap + " is not a classic pcap file (pcapng needs tshark)");
            }
            h.order(order);
            int linkType = h.getInt(20);
            double first = -1;
            for (int frame = 1; ; frame++) {
                byte[] rec = in.readNBytes(16);
                if (rec.length < 16) {
                    break;
                }
                ByteBuffer r = ByteBuffer.wrap(rec).order(order);
                double time = Integer.toUnsignedLong(r.getInt(0)) + Integer.toUnsignedLong(r.getInt(4)) / (nanos ? 1e9 : 1e6);
                int caplen = r.getInt(8);
                byte[] data = in.readNBytes(caplen);
                if (data.length < caplen) {
                    throw new EOFException(pcap + " ends inside packet " + frame);
                }
                if (first < 0) {
                    first = time;
                }
                Arrow a = arrow(frame, time - first, data, linkType, isn);
                if (a != null) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    private static Arrow arrow(int frame, double time, byte[] data, int linkType, Map<String, Long> isn) {
        Packet p;
        try {
            p = linkType == PcapWriter.LINKTYPE_RAW
                    ? ((data[0] >> 4) == 6 ? IpV6Packet.newPacket(data, 0, data.length) : IpV4Packet.newPacket(data, 0, data.length))
                    : EthernetPacket.newPacket(data, 0, data.length);
        } catch (IllegalRawDataException e) {
            return new Arrow(frame, time, "?", "?", "undecodable packet", false);
        }
        ArpPacket arp = p.get(ArpPacket.class);
        if (arp != null) {
            var ah = arp.getHeader();
            String label = ah.getOperation().value() == 1 ? "ARP who-has " + ah.getDstProtocolAddr().getHostAddress()
                    : "ARP " + ah.getSrcProtocolAddr().getHostAddress() + " is-at " + ah.getSrcHardwareAddr();
            return new Arrow(frame, time, ah.getSrcHardwareAddr().toString(), ah.getDstHardwareAddr().toString(), label, false);
        }
        IpPacket ip = p.get(IpPacket.class);
        if (ip == null) {
            return new Arrow(frame, time, "?", "?", "non-IP frame", false);
        }
        String src = ip.getHeader().getSrcAddr().getHostAddress();
        String dst = ip.getHeader().getDstAddr().getHostAddress();
        TcpPacket tcp = p.get(TcpPacket.class);
        if (tcp != null) {
            var th = tcp.getHeader();
            String from = src + ":" + th.getSrcPort().valueAsInt();
            String to = dst + ":" + th.getDstPort().valueAsInt();
            int flags = (th.getFin() ? TcpFlags.FIN : 0) | (th.getSyn() ? TcpFlags.SYN : 0) | (th.getRst() ? TcpFlags.RST : 0)
                    | (th.getPsh() ? TcpFlags.PSH : 0) | (th.getAck() ? TcpFlags.ACK : 0) | (th.getUrg() ? TcpFlags.URG : 0);
            long seqAbs = th.getSequenceNumberAsLong();
            // relative numbers as tshark shows them: the SYN is 0, the first data octet 1
            long base = isn.computeIfAbsent(from + ">" + to, k -> th.getSyn() ? seqAbs : seqAbs - 1);
            Long peer = isn.get(to + ">" + from);
            long ackAbs = th.getAcknowledgmentNumberAsLong();
            if (peer == null && th.getAck()) {
                isn.put(to + ">" + from, ackAbs - 1);
                peer = ackAbs - 1;
            }
            byte[] payload = tcp.getPayload() == null ? new byte[0] : tcp.getPayload().getRawData();
            String segment = TcpFlags.segment(flags, (seqAbs - base) & 0xffffffffL,
                    peer == null ? 0 : (ackAbs - peer) & 0xffffffffL, payload.length);
            String http = http1StartLine(payload);
            if (http != null) {
                return new Arrow(frame, time, from, to, http + "  [" + segment + "]", false);
            }
            return new Arrow(frame, time, from, to, segment, flags == TcpFlags.ACK && payload.length == 0);
        }
        UdpPacket udp = p.get(UdpPacket.class);
        if (udp != null) {
            var uh = udp.getHeader();
            int len = udp.getPayload() == null ? 0 : udp.getPayload().length();
            return new Arrow(frame, time, src + ":" + uh.getSrcPort().valueAsInt(), dst + ":" + uh.getDstPort().valueAsInt(),
                    "UDP len=" + len, false);
        }
        IcmpV4CommonPacket icmp = p.get(IcmpV4CommonPacket.class);
        if (icmp != null) {
            int type = Byte.toUnsignedInt(icmp.getHeader().getType().value());
            String label = switch (type) {
                case 8 -> "ICMP echo request";
                case 0 -> "ICMP echo reply";
                case 3 -> "ICMP destination unreachable";
                case 11 -> "ICMP time exceeded";
                default -> "ICMP type=" + type;
            };
            return new Arrow(frame, time, src, dst, label, false);
        }
        return new Arrow(frame, time, src, dst, "IP protocol " + ip.getHeader().getProtocol().valueAsString(), false);
    }

    /** {@code GET / HTTP/1.1} or {@code HTTP/1.1 200 OK} when a segment starts with one. */
    static String http1StartLine(byte[] payload) {
        int end = 0;
        while (end < payload.length && end < 8192 && payload[end] != '\r' && payload[end] != '\n') {
            end++;
        }
        if (end == 0 || end >= payload.length) {
            return null;
        }
        String line = new String(payload, 0, end, StandardCharsets.ISO_8859_1);
        if (line.matches("HTTP/\\d\\.\\d \\d{3}( .*)?") || line.matches("[A-Z]+ \\S+ HTTP/\\d\\.\\d")) {
            return line.length() > 80 ? line.substring(0, 77) + "..." : line;
        }
        return null;
    }
}
