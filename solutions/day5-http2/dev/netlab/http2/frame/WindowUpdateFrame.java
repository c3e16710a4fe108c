package dev.netlab.http2.frame;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
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
    private static final int LENGTH = 4;

    /**
     * Decodes the payload of a WINDOW_UPDATE frame; {@code payload} holds exactly
     * {@code header.length()} octets. A length other than 4: connection error FRAME_SIZE_ERROR.
     * The reserved bit is dropped; an increment of 0 is a stream error PROTOCOL_ERROR on a
     * stream, a connection error PROTOCOL_ERROR on stream 0.
     */
    public static WindowUpdateFrame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        // §6.9: "A WINDOW_UPDATE frame with a length other than 4 octets MUST be treated as a
        // connection error (Section 5.4.1) of type FRAME_SIZE_ERROR."
        if (header.length() != LENGTH) {
            throw Http2Exception.connectionError(ErrorCode.FRAME_SIZE_ERROR, "WINDOW_UPDATE is 4 octets, not %d", header.length());
        }
        int increment = payload.getInt() & 0x7fff_ffff;
        // "A receiver MUST treat the receipt of a WINDOW_UPDATE frame with a flow-control window
        // increment of 0 as a stream error (Section 5.4.2) of type PROTOCOL_ERROR; errors on the
        // connection flow-control window MUST be treated as a connection error (Section 5.4.1)."
        if (increment == 0) {
            if (header.streamId() == 0) {
                throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE with increment 0 on the connection");
            }
            throw Http2Exception.streamError(header.streamId(), ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE with increment 0");
        }
        return new WindowUpdateFrame(header.streamId(), increment);
    }

    @Override
    public int typeCode() {
        return FrameType.WINDOW_UPDATE.wire();
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    @Override
    public void encode(ByteBuffer out) {
        new FrameHeader(LENGTH, typeCode(), 0, streamId).write(out);
        out.putInt(increment);
    }
}
