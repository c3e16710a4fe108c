package dev.netlab.http2.frame;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import java.nio.ByteBuffer;

/**
 * PRIORITY (type 0x2, RFC 9113 §6.3): deprecated priority signals. A server parses and
 * validates it, and ignores it otherwise; it may arrive on a stream in any state, even idle
 * or closed ones.
 *
 * <pre>
 * PRIORITY Frame {
 *   Length (24) = 0x05,
 *   Type (8) = 0x02,
 *   Unused Flags (8),
 *   Reserved (1),
 *   Stream Identifier (31),
 *   Exclusive (1),
 *   Stream Dependency (31),
 *   Weight (8),
 * }
 * </pre>
 */
public record PriorityFrame(int streamId, Priority priority) implements Frame {
    private static final int EXCLUSIVE_BIT = 0x8000_0000;

    /**
     * Decodes the payload of a PRIORITY frame; {@code payload} holds exactly {@code header.length()}
     * octets. Stream 0: connection error PROTOCOL_ERROR; a length other than 5: a <em>stream</em>
     * error FRAME_SIZE_ERROR; a stream that depends on itself: a stream error PROTOCOL_ERROR
     * (§5.3.1). The wire carries weight − 1.
     */
    public static PriorityFrame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        // RFC 9113 §6.3: "If a PRIORITY frame is received with a stream identifier of 0x00, the
        // recipient MUST respond with a connection error (Section 5.4.1) of type PROTOCOL_ERROR."
        Padding.requireStream(header);
        // "A PRIORITY frame with a length other than 5 octets MUST be treated as a stream error
        // (Section 5.4.2) of type FRAME_SIZE_ERROR."
        if (header.length() != Priority.LENGTH) {
            throw Http2Exception.streamError(header.streamId(), ErrorCode.FRAME_SIZE_ERROR,
                    "PRIORITY is 5 octets, not %d", header.length());
        }
        Priority priority = readFields(payload);
        // RFC 9113 §5.3.1: "A stream cannot depend on itself. An endpoint MUST treat this as a
        // stream error (Section 5.4.2) of type PROTOCOL_ERROR."
        if (priority.dependency() == header.streamId()) {
            throw Http2Exception.streamError(header.streamId(), ErrorCode.PROTOCOL_ERROR,
                    "stream %d depends on itself", header.streamId());
        }
        return new PriorityFrame(header.streamId(), priority);
    }

    /** Reads E + Stream Dependency (4 octets) and Weight (1 octet, weight − 1). */
    static Priority readFields(ByteBuffer in) {
        int word = in.getInt();
        int weight = (in.get() & 0xff) + 1;
        return new Priority((word & EXCLUSIVE_BIT) != 0, word & ~EXCLUSIVE_BIT, weight);
    }

    static void writeFields(ByteBuffer out, Priority priority) {
        out.putInt(priority.dependency() | (priority.exclusive() ? EXCLUSIVE_BIT : 0));
        out.put((byte) (priority.weight() - 1));
    }

    @Override
    public int typeCode() {
        return FrameType.PRIORITY.wire();
    }

    @Override
    public int payloadLength() {
        return Priority.LENGTH;
    }

    @Override
    public void encode(ByteBuffer out) {
        new FrameHeader(Priority.LENGTH, typeCode(), 0, streamId).write(out);
        writeFields(out, priority);
    }
}
