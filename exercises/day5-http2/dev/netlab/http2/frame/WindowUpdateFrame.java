package dev.netlab.http2.frame;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;

/**
 * WINDOW_UPDATE (type 0x8, RFC 9113 §6.9): the receiver gives the sender more flow-control
 * credit, on one stream or (stream 0) on the whole connection.
 *
 * <pre>
 * WINDOW_UPDATE Frame {
 *   Length (24) = 0x04,
 *   Type (8) = 0x08,
 *   Unused Flags (8),
 *   Reserved (1),
 *   Stream Identifier (31),
 *   Reserved (1),
 *   Window Size Increment (31),
 * }
 * </pre>
 */
public record WindowUpdateFrame(int streamId, int increment) implements Frame {
    /**
     * Decodes the payload of a WINDOW_UPDATE frame; {@code payload} holds exactly
     * {@code header.length()} octets. A length other than 4: connection error FRAME_SIZE_ERROR.
     * The reserved bit is dropped; an increment of 0 is a stream error PROTOCOL_ERROR on a
     * stream, a connection error PROTOCOL_ERROR on stream 0.
     */
    public static WindowUpdateFrame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    @Override
    public int typeCode() {
        return FrameType.WINDOW_UPDATE.wire();
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
