package dev.netlab.http2.frame;

import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;

/**
 * CONTINUATION (type 0x9, RFC 9113 §6.10): the next fragment of a field block begun by
 * HEADERS or PUSH_PROMISE. The frames of one block must follow each other with nothing in
 * between, on the same stream, until END_HEADERS — that is checked by the connection, which
 * sees the sequence; the codec checks one frame.
 *
 * <pre>
 * CONTINUATION Frame {
 *   Length (24),
 *   Type (8) = 0x09,
 *   Unused Flags (5),
 *   END_HEADERS Flag (1),
 *   Unused Flags (2),
 *   Reserved (1),
 *   Stream Identifier (31),
 *   Field Block Fragment (..),
 * }
 * </pre>
 */
public record ContinuationFrame(int streamId, byte[] fragment, boolean endHeaders) implements Frame {
    /**
     * Decodes the payload of a CONTINUATION frame; {@code payload} holds exactly
     * {@code header.length()} octets. Stream 0: connection error PROTOCOL_ERROR.
     */
    public static ContinuationFrame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    @Override
    public int typeCode() {
        return FrameType.CONTINUATION.wire();
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
        return "CONTINUATION stream=" + streamId + " " + fragment.length + " octets" + (endHeaders ? " END_HEADERS" : "");
    }
}
