package dev.netlab.transport.rdt;

import dev.netlab.kit.StubException;
import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

/**
 * The receiving half of the lab's reliable-delivery protocol ({@link RdtSegment}).
 *
 * <p>Your job: {@link #receive(Duration)} reads DATA segments from the (bound, unconnected)
 * channel and answers every one, duplicates included, with an ACK sent back to the address it
 * came from: cumulative = the next segment number expected in order, selective = the segment
 * just received.
 * <ul>
 *   <li>a segment below the expected number is a duplicate: count it, acknowledge it, drop it;
 *   <li>a segment ahead of the expected number (inside the window) is kept until the gap is
 *       filled; beyond the window it is dropped;
 *   <li>deliver in order: append payloads to the stream as the expected number advances;
 *   <li>the stream is complete when the FIN segment is next in order. Then <b>linger</b>: keep
 *       acknowledging whatever still arrives until {@code config.linger()} passes with no
 *       datagram (our last ACKs may have been lost, and a sender in backoff resends only
 *       every RTO; TCP's TIME-WAIT exists for the same reason), and return the stream;
 *   <li>no complete stream within {@code timeout}: throw {@link java.net.SocketTimeoutException}.
 * </ul>
 */
public final class ReliableReceiver {
    public ReliableReceiver(DatagramChannel channel, RdtConfig config) {
    }

    /** The whole stream, once its FIN arrived in order (and the linger passed). */
    public byte[] receive(Duration timeout) throws IOException {
        throw StubException.notImplemented("2.12", "reliable delivery over lossy UDP", "day2-tcp-udp/README.md#reliable-delivery-over-udp");
    }

    /** Duplicate DATA segments received so far. */
    public long duplicates() {
        throw StubException.notImplemented("2.12", "reliable delivery over lossy UDP", "day2-tcp-udp/README.md#reliable-delivery-over-udp");
    }
}
