package dev.netlab.http2.frame;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;

/**
 * RST_STREAM (type 0x3, RFC 9113 §6.4): ends one stream at once, with an error code.
 *
 * <pre>
 * RST_STREAM Frame {
 *   Length (24) = 0x04,
 *   Type (8) = 0x03,
 *   Unused Flags (8),
 *   Reserved (1),
 *   Stream Identifier (31),
 *   Error Code (32),
 * }
 * </pre>
 *
 * @param errorCode the raw 32-bit code (unknown codes are kept: RFC 9113 §7); see {@link #code()}
 */
public record RstStreamFrame(int streamId, int errorCode) implements Frame {
    public RstStreamFrame(int streamId, ErrorCode code) {
        this(streamId, code.wire());
    }

    /**
     * Decodes the payload of a RST_STREAM frame; {@code payload} holds exactly {@code header.length()}
     * octets. Stream 0: connection error PROTOCOL_ERROR; a length other than 4: connection error
     * FRAME_SIZE_ERROR. Any error code value is kept, known or not.
     */
    public static RstStreamFrame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    /** The error code; unknown values read as INTERNAL_ERROR (RFC 9113 §7). */
    public ErrorCode code() {
        return ErrorCode.of(Integer.toUnsignedLong(errorCode));
    }

    @Override
    public int typeCode() {
        return FrameType.RST_STREAM.wire();
    }

    @Override
    public int payloadLength() {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    @Override
    public void encode(ByteBuffer out) {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    @Override
    public String toString() {
        return "RST_STREAM stream=" + streamId + " " + (ErrorCode.isKnown(Integer.toUnsignedLong(errorCode))
                ? code().name() : "0x" + Integer.toHexString(errorCode));
    }
}
