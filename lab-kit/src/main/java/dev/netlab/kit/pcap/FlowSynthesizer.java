package dev.netlab.kit.pcap;

import dev.netlab.kit.transcript.Transcript;
import dev.netlab.kit.transcript.Transcript.Chunk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.UdpPort;

/**
 * Turns recorded transcripts into the packets a capture of them would have shown, so a
 * failing checkpoint leaves a pcap that Wireshark opens without any privileges.
 *
 * <ul>
 *   <li>Every packet is Ethernet II + IPv4 + TCP or UDP, built with pcap4j's builders
 *       (lengths and checksums computed). Client MAC {@code 02:00:00:00:00:01}, server
 *       {@code 02:00:00:00:00:02} (locally administered).
 *   <li>Addresses and ports come from the transcript's client and server. An address that
 *       is not IPv4 (IPv6, unresolved) is shown as {@code 127.0.0.1}; a missing client or
 *       client port 0 gets port {@value #FIRST_EPHEMERAL_PORT} + the transcript's index.
 *   <li>TCP: handshake, data segments with consistent sequence and acknowledgement
 *       numbers, FINs for closed directions — see {@link TcpFlow}.
 *   <li>UDP: one datagram per chunk, at the chunk's time. A chunk longer than
 *       {@value #MAX_UDP_PAYLOAD} bytes (more than one IPv4 datagram holds) is cut to it.
 *   <li>Time stamps follow the chunks' times, strictly increasing within the file;
 *       several transcripts are merged in time order.
 * </ul>
 */
public final class FlowSynthesizer {
    private FlowSynthesizer() {}

    /** The first port of the dynamic range (RFC 6335 §6), for clients without a port. */
    static final int FIRST_EPHEMERAL_PORT = 49_152;
    /** 65,535 (IPv4 total length) − 20 (IPv4 header) − 8 (UDP header). */
    static final int MAX_UDP_PAYLOAD = 65_507;

    /** The packets of all {@code transcripts}, merged in time order. */
    public static List<CapturedPacket> synthesize(List<Transcript> transcripts) {
        List<CapturedPacket> all = new ArrayList<>();
        for (int i = 0; i < transcripts.size(); i++) {
            Transcript t = transcripts.get(i);
            Endpoint client = Endpoint.of(Endpoint.CLIENT_MAC, t.client(), FIRST_EPHEMERAL_PORT + i);
            Endpoint server = Endpoint.of(Endpoint.SERVER_MAC, t.server(), FIRST_EPHEMERAL_PORT + i);
            all.addAll(switch (t.transport()) {
                case TCP -> TcpFlow.packets(t, client, server);
                case UDP -> udpPackets(t, client, server);
            });
        }
        // Each flow is already strictly increasing; a stable sort interleaves flows without
        // reordering any of them, and the timeline separates equal times across flows.
        all.sort(Comparator.comparing(CapturedPacket::time));
        Timeline timeline = new Timeline();
        return all.stream().map(p -> new CapturedPacket(timeline.at(p.time()), p.data())).toList();
    }

    /** Writes the packets of {@code transcripts} to {@code file} (Ethernet link type); returns {@code file}. */
    public static Path write(Path file, List<Transcript> transcripts) throws IOException {
        PcapWriter.write(file, PcapWriter.LINKTYPE_ETHERNET, synthesize(transcripts));
        return file;
    }

    /*
     * UDP header (RFC 768), built by pcap4j's UdpPacket.Builder:
     *
     *  0      7 8     15 16    23 24    31
     * +--------+--------+--------+--------+
     * |     Source      |   Destination   |
     * |      Port       |      Port       |
     * +--------+--------+--------+--------+
     * |                 |                 |
     * |     Length      |    Checksum     |
     * +--------+--------+--------+--------+
     * |          data octets ...
     * +---------------- ...
     */
    private static List<CapturedPacket> udpPackets(Transcript t, Endpoint client, Endpoint server) {
        FrameBuilder frames = new FrameBuilder();
        Timeline timeline = new Timeline();
        List<CapturedPacket> packets = new ArrayList<>();
        for (Chunk chunk : t.chunks()) {
            boolean fromClient = chunk.direction() == Transcript.Direction.CLIENT_TO_SERVER;
            Endpoint from = fromClient ? client : server;
            Endpoint to = fromClient ? server : client;
            byte[] payload = chunk.bytes();
            if (payload.length > MAX_UDP_PAYLOAD) {
                payload = Arrays.copyOf(payload, MAX_UDP_PAYLOAD);
            }
            UdpPacket.Builder udp = new UdpPacket.Builder()
                    .srcPort(UdpPort.getInstance((short) from.port()))
                    .dstPort(UdpPort.getInstance((short) to.port()))
                    .srcAddr(from.ip()) // the pseudo-header of the checksum (RFC 768)
                    .dstAddr(to.ip())
                    .correctLengthAtBuild(true)
                    .correctChecksumAtBuild(true);
            if (payload.length > 0) {
                udp.payloadBuilder(new UnknownPacket.Builder().rawData(payload));
            }
            packets.add(new CapturedPacket(timeline.at(chunk.time()),
                    frames.frame(from, to, fromClient, IpNumber.UDP, udp)));
        }
        return packets;
    }
}
