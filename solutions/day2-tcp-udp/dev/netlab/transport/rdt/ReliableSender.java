package dev.netlab.transport.rdt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;

/**
 * Sliding window, cumulative + selective ACKs, a timer per segment, RFC 6298 RTO with backoff,
 * and fast retransmit: a segment is lost once {@link #REORDERING_THRESHOLD} datagrams sent
 * after it have been acknowledged (RFC 5681 §3.2's three duplicate ACKs, counted in
 * transmissions as RFC 8985's RACK does, so a lost retransmission is detected the same way).
 */
public final class ReliableSender {
    /** Later transmissions acknowledged before an unacknowledged one counts as lost (RFC 5681's DupThresh). */
    static final int REORDERING_THRESHOLD = 3;

    private final DatagramChannel channel;
    private final RdtConfig config;
    private final RttEstimator rtt;
    private long retransmissions;

    public ReliableSender(DatagramChannel channel, RdtConfig config) {
        this.channel = channel;
        this.config = config;
        this.rtt = new RttEstimator(config.initialRto(), config.minRto(), config.maxRto());
    }

    public void send(byte[] data) throws IOException {
        int fin = (data.length + config.segmentPayload() - 1) / config.segmentPayload(); // one past the last data segment
        int count = fin + 1;
        boolean[] acked = new boolean[count];
        boolean[] resent = new boolean[count];  // Karn: no RTT sample from these
        int[] tries = new int[count];
        long[] sentAt = new long[count];        // System.nanoTime() of the last transmission
        long[] deadline = new long[count];      // its retransmission timer
        long[] txNumber = new long[count];      // the order of the last transmission among all
        long transmissions = 0;
        long highestAckedTx = -1;               // the latest transmission known to have arrived
        int base = 0;                           // the oldest segment not yet acknowledged
        int next = 0;                           // the next segment never sent

        boolean blocking = channel.isBlocking();
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer in = ByteBuffer.allocate(64);
            while (base < count) {
                // 1. Fill the window.
                while (next < count && next < base + config.window()) {
                    transmit(segment(data, next, fin));
                    txNumber[next] = transmissions++;
                    sentAt[next] = System.nanoTime();
                    deadline[next] = sentAt[next] + rtt.rto().toNanos();
                    next++;
                }
                // 2. Wait for ACKs, at most until the nearest timer.
                long now = System.nanoTime();
                long nearest = now + rtt.rto().toNanos();
                for (int s = base; s < next; s++) {
                    if (!acked[s]) {
                        nearest = Math.min(nearest, deadline[s]);
                    }
                }
                selector.select(Math.max(1, (nearest - now + 999_999) / 1_000_000));
                selector.selectedKeys().clear();
                // 3. Take every ACK waiting; duplicates and late ones change nothing.
                while (true) {
                    in.clear();
                    if (channel.receive(in) == null) {
                        break;
                    }
                    in.flip();
                    RdtSegment ack = RdtSegment.decode(in);
                    if (ack == null || ack.type() != RdtSegment.Type.ACK) {
                        continue;
                    }
                    int selective = ack.sack();
                    if (selective >= base && selective < next && !acked[selective]) {
                        if (!resent[selective]) {
                            rtt.sample(Duration.ofNanos(System.nanoTime() - sentAt[selective]));
                        }
                        acked[selective] = true;
                        highestAckedTx = Math.max(highestAckedTx, txNumber[selective]);
                    }
                    for (int s = base; s < Math.min(ack.seq(), next); s++) {
                        if (!acked[s]) {
                            acked[s] = true; // cumulative: everything below has arrived
                            highestAckedTx = Math.max(highestAckedTx, txNumber[s]);
                        }
                    }
                }
                while (base < count && acked[base]) {
                    base++; // slide the window
                }
                // 4. Retransmit what is lost: overtaken by 3 later transmissions (fast), or timed out.
                now = System.nanoTime();
                for (int s = base; s < next; s++) {
                    if (acked[s]) {
                        continue;
                    }
                    boolean overtaken = txNumber[s] + REORDERING_THRESHOLD <= highestAckedTx;
                    boolean timedOut = deadline[s] - now <= 0;
                    if (!overtaken && !timedOut) {
                        continue;
                    }
                    if (timedOut && s == base) {
                        rtt.backoff(); // RFC 6298 §5.5: the oldest segment's timer expired
                    }
                    if (++tries[s] > config.maxRetransmissions()) {
                        throw new IOException("gave up: segment " + s + " was retransmitted "
                                + config.maxRetransmissions() + " times without an acknowledgement");
                    }
                    transmit(segment(data, s, fin));
                    txNumber[s] = transmissions++;
                    resent[s] = true;
                    retransmissions++;
                    sentAt[s] = now;
                    deadline[s] = now + rtt.rto().toNanos();
                }
            }
        } finally {
            if (channel.isOpen()) {
                channel.configureBlocking(blocking);
            }
        }
    }

    private RdtSegment segment(byte[] data, int seq, int fin) {
        if (seq == fin) {
            return RdtSegment.fin(seq);
        }
        int from = seq * config.segmentPayload();
        return RdtSegment.data(seq, Arrays.copyOfRange(data, from, Math.min(data.length, from + config.segmentPayload())));
    }

    private void transmit(RdtSegment segment) throws IOException {
        try {
            channel.write(segment.encode());
        } catch (java.net.PortUnreachableException e) {
            // an ICMP error for an earlier datagram (the receiver not bound yet): a loss like any other
        }
    }

    public long retransmissions() {
        return retransmissions;
    }

    public RttEstimator rtt() {
        return rtt;
    }
}
