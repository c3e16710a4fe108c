package dev.netlab.http2.frame;

import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;

/**
 * HEADERS (type 0x1, RFC 9113 §6.2): opens a stream and carries the first fragment of a field
 * block (HPACK-encoded); the rest follows in CONTINUATION frames unless END_HEADERS is set.
 *
 * <pre>
 * HEADERS Frame {
 *   Length (24),
 *   Type (8) = 0x01,
 *   Unused Flags (2),
 *   PRIORITY Flag (1),
 *   Unused Flag (1),
 *   PADDED Flag (1),
 *   END_HEADERS Flag (1),
 *   Unused Flag (1),
 *   END_STREAM Flag (1),
 *   Reserved (1),
 *   Stream Identifier (31),
 *   [Pad Length (8)],
 *   [Exclusive (1)],
 *   [Stream Dependency (31)],
 *   [Weight (8)],
 *   Field Block Fragment (..),
 *   Padding (..2040),
 * }
 * </pre>
 *
 * <p>A stream that depends on itself is a stream error (RFC 9113 §5.3.1), but that is for the
 * connection to say <em>after</em> it has decoded the field block: HPACK's state is shared
 * by the whole connection, so the block must be decoded even when the stream is refused.
 *
 * @param priority the priority fields, or {@code null} without the PRIORITY flag
 * @param padLength octets of padding, or −1 without the PADDED flag
 */
public record HeadersFrame(int streamId, byte[] fragment, boolean endStream, boolean endHeaders,
                           Priority priority, int padLength) implements Frame {
    public HeadersFrame {
        if (padLength < -1 || padLength > 255) {
            throw new IllegalArgumentException("a pad length is one octet (or -1 for none): " + padLength);
        }
    }

    /** An unpadded HEADERS frame without priority fields. */
    public HeadersFrame(int streamId, byte[] fragment, boolean endStream, boolean endHeaders) {
        this(streamId, fragment, endStream, endHeaders, null, -1);
    }

    /**
     * Decodes the payload of a HEADERS frame; {@code payload} holds exactly {@code header.length()}
     * octets. Stream 0 is a connection error PROTOCOL_ERROR (§6.2). The fields come in this
     * order: Pad Length (PADDED), then E + Stream Dependency and Weight (PRIORITY; the wire
     * carries weight − 1), then the fragment, then the padding. A payload too short for the
     * fixed fields is FRAME_SIZE_ERROR (§4.2); padding that leaves no room for the fixed
     * fields is a connection error PROTOCOL_ERROR. A stream that depends on itself is
     * <em>not</em> rejected here (see above).
     */
    public static HeadersFrame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    @Override
    public int typeCode() {
        return FrameType.HEADERS.wire();
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
        return "HEADERS stream=" + streamId + " " + fragment.length + " octets" + (endStream ? " END_STREAM" : "")
                + (endHeaders ? " END_HEADERS" : "") + (priority != null ? " " + priority : "")
                + (padLength >= 0 ? " padding=" + padLength : "");
    }
}
