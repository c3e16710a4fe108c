package dev.netlab.transport.rdt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Acknowledges every DATA segment, buffers early ones, delivers in order, lingers after the FIN. */
public final class ReliableReceiver {
    private final DatagramChannel channel;
    private final RdtConfig config;
    private long duplicates;

    public ReliableReceiver(DatagramChannel channel, RdtConfig config) {
        this.channel = channel;
        this.config = config;
    }

    public byte[] receive(Duration timeout) throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        Map<Integer, RdtSegment> early = new HashMap<>(); // at most window entries
        int expected = 0;
        boolean complete = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        long quietUntil = 0;
        boolean blocking = channel.isBlocking();
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer in = ByteBuffer.allocate(RdtSegment.DATA_HEADER + config.segmentPayload() + 64);
            while (true) {
                long now = System.nanoTime();
                if (complete && now - quietUntil >= 0) {
                    return stream.toByteArray(); // lingered long enough without a datagram
                }
                if (!complete && now - deadline >= 0) {
                    throw new SocketTimeoutException("the stream was not complete within " + timeout
                            + " (" + stream.size() + " octets in order, next segment expected " + expected + ")");
                }
                long until = complete ? quietUntil : deadline;
                selector.select(Math.max(1, (until - now) / 1_000_000));
                selector.selectedKeys().clear();
                SocketAddress from;
                while (true) {
                    in.clear();
                    if ((from = channel.receive(in)) == null) {
                        break;
                    }
                    in.flip();
                    RdtSegment s = RdtSegment.decode(in);
                    if (s == null || s.type() != RdtSegment.Type.DATA) {
                        continue;
                    }
                    if (s.seq() < expected || early.containsKey(s.seq())) {
                        duplicates++;
                    } else if (s.seq() < expected + config.window()) {
                        early.put(s.seq(), s);
                        RdtSegment nextInOrder;
                        while ((nextInOrder = early.remove(expected)) != null) {
                            if (nextInOrder.fin()) {
                                complete = true;
                            } else {
                                stream.writeBytes(nextInOrder.payload());
                            }
                            expected++;
                        }
                    } // beyond the window: dropped, and not acknowledged selectively below
                    int selective = s.seq() < expected + config.window() ? s.seq() : -1;
                    channel.send(RdtSegment.ack(expected, selective).encode(), from);
                    if (complete) {
                        quietUntil = System.nanoTime() + config.linger().toNanos();
                    }
                }
            }
        } finally {
            if (channel.isOpen()) {
                channel.configureBlocking(blocking);
            }
        }
    }

    public long duplicates() {
        return duplicates;
    }
}
