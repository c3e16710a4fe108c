package dev.netlab.kit.pcap;

import dev.netlab.kit.transcript.Transcript;
import dev.netlab.kit.transcript.Transcript.Chunk;
import dev.netlab.kit.transcript.Transcript.Direction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.pcap4j.packet.TcpMaximumSegmentSizeOption;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.TcpPort;

/**
 * The packets of one TCP transcript, as a capture on the client would show them:
 *
 * <ol>
 *   <li>the three-way handshake (RFC 9293 §3.5) SYN, SYN-ACK, ACK, 300, 200 and 100 µs
 *       before the first chunk, with an MSS option of {@value #MSS};
 *   <li>each chunk as data segments of at most {@value #MSS} bytes, PSH on its last one,
 *       acknowledged by the other side after every second segment and after the last one
 *       (like a delayed ACK, RFC 9293 §3.8.6.3);
 *   <li>for each direction the transcript marks closed: FIN+ACK from that side and the
 *       ACK of the other side, placed at the time of the close, but never before the last
 *       chunk that side sent. A direction not marked closed gets no FIN: the capture shows
 *       the connection still open, as it was when the transcript was taken.
 * </ol>
 *
 * <p>Initial sequence numbers look random but are derived from the transcript's name and
 * ports, so the same transcript always gives the same file.
 *
 * <pre>
 * TCP header (RFC 9293 §3.1), built by pcap4j's TcpPacket.Builder:
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |          Source Port          |       Destination Port        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                        Sequence Number                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                    Acknowledgment Number                      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  Data |       |C|E|U|A|P|R|S|F|                               |
 *    | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 *    |       |       |R|E|G|K|H|T|N|N|                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |           Checksum            |         Urgent Pointer        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                           [Options]                           |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class TcpFlow {
    /** Maximum segment size: an Ethernet MTU of 1500 minus 20 bytes IPv4 and 20 bytes TCP. */
    static final int MSS = 1460;
    /** The largest window without the window scale option (RFC 7323). */
    private static final short WINDOW = (short) 0xffff;
    private static final int SEGMENTS_PER_ACK = 2;
    private static final Duration HANDSHAKE_STEP = Duration.ofNanos(100_000);
    private static final Duration ACK_DELAY = Duration.ofNanos(50_000);

    private final Endpoint client;
    private final Endpoint server;
    private final FrameBuilder frames = new FrameBuilder();
    private final Timeline timeline = new Timeline();
    private final List<CapturedPacket> packets = new ArrayList<>();
    /** Next sequence number to send, per direction (index = Direction.ordinal()). */
    private final int[] next = new int[2];

    private TcpFlow(Endpoint client, Endpoint server) {
        this.client = client;
        this.server = server;
    }

    static List<CapturedPacket> packets(Transcript t, Endpoint client, Endpoint server) {
        TcpFlow flow = new TcpFlow(client, server);
        flow.run(t);
        return flow.packets;
    }

    private void run(Transcript t) {
        SplittableRandom isn = new SplittableRandom(
                ((long) t.name().hashCode() << 32) ^ ((long) client.port() << 16) ^ server.port());
        List<Chunk> chunks = t.chunks();
        Instant start = chunks.isEmpty() ? firstClose(t).orElse(Instant.EPOCH) : chunks.get(0).time();
        handshake(isn.nextInt(), isn.nextInt(), start);

        int[] finBefore = new int[2];
        for (Direction d : Direction.values()) {
            finBefore[d.ordinal()] = t.isClosed(d) ? finIndex(chunks, d, t.closedAt(d).orElse(null)) : -1;
        }
        for (int i = 0; i <= chunks.size(); i++) {
            for (Direction d : Direction.values()) {
                if (finBefore[d.ordinal()] == i) {
                    Instant when = t.closedAt(d).orElse(i > 0 ? chunks.get(i - 1).time() : start);
                    fin(d, when);
                }
            }
            if (i < chunks.size()) {
                data(chunks.get(i));
            }
        }
    }

    /** The chunk index a FIN goes before: after that side's last chunk, and after every chunk older than the close. */
    private static int finIndex(List<Chunk> chunks, Direction d, Instant closedAt) {
        int afterOwn = 0;
        int afterClose = chunks.size();
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).direction() == d) {
                afterOwn = i + 1;
            }
        }
        if (closedAt != null) {
            for (int i = 0; i < chunks.size(); i++) {
                if (chunks.get(i).time().isAfter(closedAt)) {
                    afterClose = i;
                    break;
                }
            }
        }
        return Math.max(afterOwn, afterClose);
    }

    private static Optional<Instant> firstClose(Transcript t) {
        return Arrays.stream(Direction.values())
                .flatMap(d -> t.closedAt(d).stream())
                .min(Instant::compareTo);
    }

    private void handshake(int clientIsn, int serverIsn, Instant firstChunk) {
        Direction c2s = Direction.CLIENT_TO_SERVER;
        Direction s2c = Direction.SERVER_TO_CLIENT;
        // RFC 9293 §3.4: "the SYN ... is considered to occur before the first actual data octet"
        segment(c2s, clientIsn, 0, Flags.SYN, true, new byte[0], firstChunk.minus(HANDSHAKE_STEP.multipliedBy(3)));
        segment(s2c, serverIsn, clientIsn + 1, Flags.SYN_ACK, true, new byte[0],
                firstChunk.minus(HANDSHAKE_STEP.multipliedBy(2)));
        next[c2s.ordinal()] = clientIsn + 1;
        next[s2c.ordinal()] = serverIsn + 1;
        acknowledge(s2c, firstChunk.minus(HANDSHAKE_STEP));
    }

    private void data(Chunk chunk) {
        Direction d = chunk.direction();
        byte[] bytes = chunk.bytes();
        int segments = 0;
        for (int from = 0; from < bytes.length; from += MSS) {
            int to = Math.min(bytes.length, from + MSS);
            boolean last = to == bytes.length;
            segment(d, next[d.ordinal()], next[other(d).ordinal()], last ? Flags.PSH_ACK : Flags.ACK, false,
                    Arrays.copyOfRange(bytes, from, to), chunk.time());
            next[d.ordinal()] += to - from;
            segments++;
            if (last || segments % SEGMENTS_PER_ACK == 0) {
                acknowledge(d, chunk.time().plus(ACK_DELAY));
            }
        }
    }

    /** FIN+ACK from the side sending in {@code d}, then the other side's ACK; a FIN takes one sequence number. */
    private void fin(Direction d, Instant when) {
        segment(d, next[d.ordinal()], next[other(d).ordinal()], Flags.FIN_ACK, false, new byte[0], when);
        next[d.ordinal()] += 1;
        acknowledge(d, when.plus(ACK_DELAY));
    }

    /** The receiver of direction {@code d} acknowledges everything sent so far in {@code d}. */
    private void acknowledge(Direction d, Instant when) {
        Direction back = other(d);
        segment(back, next[back.ordinal()], next[d.ordinal()], Flags.ACK, false, new byte[0], when);
    }

    private void segment(Direction d, int seq, int ack, Flags flags, boolean mssOption, byte[] payload, Instant when) {
        boolean fromClient = d == Direction.CLIENT_TO_SERVER;
        Endpoint from = fromClient ? client : server;
        Endpoint to = fromClient ? server : client;
        TcpPacket.Builder tcp = new TcpPacket.Builder()
                .srcPort(TcpPort.getInstance((short) from.port()))
                .dstPort(TcpPort.getInstance((short) to.port()))
                .sequenceNumber(seq)
                .acknowledgmentNumber(ack)
                .syn(flags.syn)
                .ack(flags.ack)
                .psh(flags.psh)
                .fin(flags.fin)
                .window(WINDOW)
                .srcAddr(from.ip()) // the pseudo-header of the checksum (RFC 9293 §3.1)
                .dstAddr(to.ip())
                .paddingAtBuild(true)
                .correctLengthAtBuild(true)
                .correctChecksumAtBuild(true);
        if (mssOption) {
            tcp.options(List.of(new TcpMaximumSegmentSizeOption.Builder()
                    .maxSegSize((short) MSS)
                    .correctLengthAtBuild(true)
                    .build()));
        }
        if (payload.length > 0) {
            tcp.payloadBuilder(new UnknownPacket.Builder().rawData(payload));
        }
        packets.add(new CapturedPacket(timeline.at(when), frames.frame(from, to, fromClient, IpNumber.TCP, tcp)));
    }

    private static Direction other(Direction d) {
        return d == Direction.CLIENT_TO_SERVER ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
    }

    /** The control bits this flow uses (RFC 9293 §3.1). */
    private enum Flags {
        SYN(true, false, false, false),
        SYN_ACK(true, true, false, false),
        ACK(false, true, false, false),
        PSH_ACK(false, true, true, false),
        FIN_ACK(false, true, false, true);

        final boolean syn;
        final boolean ack;
        final boolean psh;
        final boolean fin;

        Flags(boolean syn, boolean ack, boolean psh, boolean fin) {
            this.syn = syn;
            this.ack = ack;
            this.psh = psh;
            this.fin = fin;
        }
    }
}
