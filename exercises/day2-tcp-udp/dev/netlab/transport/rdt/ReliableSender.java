package dev.netlab.transport.rdt;

import dev.netlab.kit.StubException;
import java.io.IOException;
import java.nio.channels.DatagramChannel;

/**
 * The sending half of the lab's reliable-delivery protocol ({@link RdtSegment}): a sliding
 * window with selective retransmission and RFC 6298 timers.
 *
 * <p>Your job: {@link #send(byte[])} cuts the data into DATA segments of
 * {@code config.segmentPayload()} octets numbered 0, 1, 2, ..., followed by one FIN segment,
 * and returns once every one of them is acknowledged.
 * <ul>
 *   <li>at most {@code config.window()} segments in flight (sent, not yet acknowledged);
 *   <li>an ACK acknowledges every segment below its cumulative number, and the one named in
 *       its selective field; the window slides past acknowledged segments;
 *   <li>each segment in flight has its own timer: when it expires, retransmit that segment
 *       only; when the <em>oldest</em> segment's timer expires, also back the RTO off
 *       ({@link RttEstimator#backoff()}, RFC 6298 §5.5). A segment retransmitted more than
 *       {@code config.maxRetransmissions()} times means the peer is gone: throw an
 *       {@link IOException};
 *   <li>fast retransmit: number every transmission (retransmissions too); a segment whose
 *       last transmission was overtaken by 3 later transmissions that have been acknowledged
 *       is lost (RFC 5681 §3.2's three duplicate ACKs; RFC 8985 RACK counts like this):
 *       retransmit it now, without waiting for its timer;
 *   <li>RTT samples only from segments sent once (Karn), taken when the first ACK naming
 *       them arrives;
 *   <li>duplicated, reordered and late ACKs are harmless;
 *   <li>never block forever: wait for ACKs with a {@link java.nio.channels.Selector} (or a
 *       socket timeout) until the nearest timer.
 * </ul>
 * The channel is connected to the receiver (or to a proxy in front of it).
 */
public final class ReliableSender {
    public ReliableSender(DatagramChannel channel, RdtConfig config) {
    }

    /** Sends the whole stream and its FIN; returns when all are acknowledged. */
    public void send(byte[] data) throws IOException {
        throw StubException.notImplemented("2.12", "reliable delivery over lossy UDP", "day2-tcp-udp/README.md#reliable-delivery-over-udp");
    }

    /** Segments retransmitted so far. */
    public long retransmissions() {
        throw StubException.notImplemented("2.12", "reliable delivery over lossy UDP", "day2-tcp-udp/README.md#reliable-delivery-over-udp");
    }

    /** The RTT estimator, for reports. */
    public RttEstimator rtt() {
        throw StubException.notImplemented("2.12", "reliable delivery over lossy UDP", "day2-tcp-udp/README.md#reliable-delivery-over-udp");
    }
}
