package dev.netlab.transport.rdt;

import java.nio.ByteBuffer;

/**
 * One datagram of the lab's reliable-delivery protocol over UDP. Sequence numbers count
 * segments (not octets, unlike TCP), start at 0 and do not wrap (2^31 segments is far beyond
 * a lab transfer).
 *
 * <pre>
 * DATA:  0        1        2                          6
 *       +--------+--------+--------+--------+--------+--------+-------- ...
 *       | type=0 | flags  |            sequence number          | payload
 *       +--------+--------+--------+--------+--------+--------+-------- ...
 *       flags: 0b0000_0001 FIN (the last segment; its payload is empty)
 *
 * ACK:   0        1        2                          6                          10
 *       +--------+--------+-----------------------------------+-----------------------------------+
 *       | type=1 |   0    | cumulative ack: next seq expected |  selective ack: seq just received |
 *       +--------+--------+-----------------------------------+-----------------------------------+
 * </pre>
 *
 * @param type DATA or ACK
 * @param fin DATA only: the end of the stream
 * @param seq DATA: the segment's number; ACK: the cumulative acknowledgement (every segment
 *     below it has arrived)
 * @param sack ACK only: the number of the segment that caused this ACK (it arrived, perhaps out of
 *     order, perhaps again), or -1 when that segment lay beyond the receiver's window and was
 *     dropped: the sender must not count it as received
 * @param payload DATA only
 */
public record RdtSegment(Type type, boolean fin, int seq, int sack, byte[] payload) {
    public enum Type { DATA, ACK }

    public static final int DATA_HEADER = 6;
    public static final int ACK_LENGTH = 10;
    private static final int FLAG_FIN = 0b0000_0001;

    public static RdtSegment data(int seq, byte[] payload) {
        return new RdtSegment(Type.DATA, false, seq, 0, payload);
    }

    public static RdtSegment fin(int seq) {
        return new RdtSegment(Type.DATA, true, seq, 0, new byte[0]);
    }

    public static RdtSegment ack(int cumulative, int selective) {
        return new RdtSegment(Type.ACK, false, cumulative, selective, new byte[0]);
    }

    public ByteBuffer encode() {
        return switch (type) {
            case DATA -> ByteBuffer.allocate(DATA_HEADER + payload.length)
                    .put((byte) 0).put((byte) (fin ? FLAG_FIN : 0)).putInt(seq).put(payload).flip();
            case ACK -> ByteBuffer.allocate(ACK_LENGTH).put((byte) 1).put((byte) 0).putInt(seq).putInt(sack).flip();
        };
    }

    /** Decodes one datagram; null if it is not a segment of this protocol (short, unknown type). */
    public static RdtSegment decode(ByteBuffer d) {
        if (d.remaining() < DATA_HEADER) {
            return null;
        }
        int type = d.get() & 0xFF;
        int flags = d.get() & 0xFF;
        int seq = d.getInt();
        if (type == 0) {
            byte[] payload = new byte[d.remaining()];
            d.get(payload);
            return new RdtSegment(Type.DATA, (flags & FLAG_FIN) != 0, seq, 0, payload);
        }
        if (type == 1 && d.remaining() == 4) {
            return new RdtSegment(Type.ACK, false, seq, d.getInt(), new byte[0]);
        }
        return null;
    }
}
