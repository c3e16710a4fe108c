package dev.netlab.http2.frame;

import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;

/**
 * DATA (type 0x0, RFC 9113 §6.1): octets of a message's content on one stream.
 *
 * <pre>
 * DATA Frame {
 *   Length (24),
 *   Type (8) = 0x00,
 *   Unused Flags (4),
 *   PADDED Flag (1),
 *   Unused Flags (2),
 *   END_STREAM Flag (1),
 *   Reserved (1),
 *   Stream Identifier (31),
 *   [Pad Length (8)],
 *   Data (..),
 *   Padding (..2040),
 * }
 * </pre>
 *
 * <p>The whole payload — pad length octet and padding included — counts against flow control
 * (RFC 9113 §6.1: "The entire DATA frame payload is included in flow control"); see
 * {@link #payloadLength()}.
 *
 * @param padLength octets of padding, or −1 when the frame has no PADDED flag
 */
public record DataFrame(int streamId, byte[] data, boolean endStream, int padLength) implements Frame {
    public DataFrame {
        if (padLength < -1 || padLength > 255) {
            throw new IllegalArgumentException("a pad length is one octet (or -1 for none): " + padLength);
        }
    }

    /** An unpadded DATA frame. */
    public DataFrame(int streamId, byte[] data, boolean endStream) {
        this(streamId, data, endStream, -1);
    }

    /**
     * Decodes the payload of a DATA frame; {@code payload} holds exactly {@code header.length()}
     * octets. Stream 0 is a connection error PROTOCOL_ERROR (§6.1). With PADDED, the first octet
     * is the Pad Length (a payload too short for it: FRAME_SIZE_ERROR, §4.2), and the padding
     * must leave at least the Pad Length octet itself: a pad length ≥ the payload length is a
     * connection error PROTOCOL_ERROR (§6.1). The data is what lies between.
     */
    public static DataFrame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    @Override
    public int typeCode() {
        return FrameType.DATA.wire();
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
        return "DATA stream=" + streamId + " " + data.length + " octets" + (endStream ? " END_STREAM" : "")
                + (padLength >= 0 ? " padding=" + padLength : "");
    }
}
