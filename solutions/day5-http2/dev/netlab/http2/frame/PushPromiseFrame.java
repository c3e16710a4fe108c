package dev.netlab.http2.frame;

import dev.netlab.http2.Http2Exception;
import java.nio.ByteBuffer;

/**
 * PUSH_PROMISE (type 0x5, RFC 9113 §6.6): a server announces a stream it will push. Only
 * servers send it; "servers MUST treat the receipt of a PUSH_PROMISE frame as a connection
 * error (Section 5.4.1) of type PROTOCOL_ERROR" (§8.4) — the connection does that; the codec
 * reads it like any frame.
 *
 * <pre>
 * PUSH_PROMISE Frame {
 *   Length (24),
 *   Type (8) = 0x05,
 *   Unused Flags (4),
 *   PADDED Flag (1),
 *   END_HEADERS Flag (1),
 *   Unused Flags (2),
 *   Reserved (1),
 *   Stream Identifier (31),
 *   [Pad Length (8)],
 *   Reserved (1),
 *   Promised Stream ID (31),
 *   Field Block Fragment (..),
 *   Padding (..2040),
 * }
 * </pre>
 */
public record PushPromiseFrame(int streamId, int promisedStreamId, byte[] fragment, boolean endHeaders, int padLength)
        implements Frame {
    private static final int PROMISED_ID_LENGTH = 4;

    public PushPromiseFrame {
        if (padLength < -1 || padLength > 255) {
            throw new IllegalArgumentException("a pad length is one octet (or -1 for none): " + padLength);
        }
    }

    /**
     * Decodes the payload of a PUSH_PROMISE frame; {@code payload} holds exactly
     * {@code header.length()} octets: Pad Length (PADDED), R + Promised Stream ID (reserved bit
     * dropped), fragment, padding; stream 0 and padding are checked as for HEADERS.
     */
    public static PushPromiseFrame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        Padding.requireStream(header);
        int padLength = Padding.strip(header, payload, PROMISED_ID_LENGTH);
        int promised = payload.getInt() & 0x7fff_ffff;
        return new PushPromiseFrame(header.streamId(), promised, Padding.rest(payload), header.has(Flags.END_HEADERS), padLength);
    }

    @Override
    public int typeCode() {
        return FrameType.PUSH_PROMISE.wire();
    }

    @Override
    public int payloadLength() {
        return Padding.overhead(padLength) + PROMISED_ID_LENGTH + fragment.length;
    }

    @Override
    public void encode(ByteBuffer out) {
        int flags = (endHeaders ? Flags.END_HEADERS : 0) | Padding.flag(padLength);
        new FrameHeader(payloadLength(), typeCode(), flags, streamId).write(out);
        Padding.writeLength(out, padLength);
        out.putInt(promisedStreamId);
        out.put(fragment);
        Padding.writePadding(out, padLength);
    }
}
