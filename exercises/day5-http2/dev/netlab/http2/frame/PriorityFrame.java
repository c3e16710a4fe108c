package dev.netlab.http2.frame;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
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
    /**
     * Decodes the payload of a PRIORITY frame; {@code payload} holds exactly {@code header.length()}
     * octets. Stream 0: connection error PROTOCOL_ERROR; a length other than 5: a <em>stream</em>
     * error FRAME_SIZE_ERROR; a stream that depends on itself: a stream error PROTOCOL_ERROR
     * (§5.3.1). The wire carries weight − 1.
     */
    public static PriorityFrame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    @Override
    public int typeCode() {
        return FrameType.PRIORITY.wire();
    }

    @Override
    public int payloadLength() {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    @Override
    public void encode(ByteBuffer out) {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }
}
