package dev.netlab.http2.frame;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import java.nio.ByteBuffer;

/**
 * PING (type 0x6, RFC 9113 §6.7): measures a round trip or checks that the connection is
 * alive. The receiver of a PING without ACK "MUST send a PING frame with the ACK flag set in
 * response, with an identical frame payload".
 *
 * <pre>
 * PING Frame {
 *   Length (24) = 0x08,
 *   Type (8) = 0x06,
 *   Unused Flags (7),
 *   ACK Flag (1),
 *   Reserved (1),
 *   Stream Identifier (31) = 0,
 *   Opaque Data (64),
 * }
 * </pre>
 */
public record PingFrame(boolean ack, long opaqueData) implements Frame {
    private static final int LENGTH = 8;

    /**
     * Decodes the payload of a PING frame; {@code payload} holds exactly {@code header.length()}
     * octets. A stream other than 0: connection error PROTOCOL_ERROR; a length other than 8:
     * connection error FRAME_SIZE_ERROR. Flags other than ACK are ignored.
     */
    public static PingFrame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        // §6.7: "If a PING frame is received with a Stream Identifier field value other than
        // 0x00, the recipient MUST respond with a connection error (Section 5.4.1) of type
        // PROTOCOL_ERROR."
        Padding.requireConnection(header);
        // "Receipt of a PING frame with a length field value other than 8 MUST be treated as a
        // connection error (Section 5.4.1) of type FRAME_SIZE_ERROR."
        if (header.length() != LENGTH) {
            throw Http2Exception.connectionError(ErrorCode.FRAME_SIZE_ERROR, "PING is 8 octets, not %d", header.length());
        }
        return new PingFrame(header.has(Flags.ACK), payload.getLong());
    }

    /** The answer to this PING: the same payload, with ACK. */
    public PingFrame acknowledge() {
        return new PingFrame(true, opaqueData);
    }

    @Override
    public int streamId() {
        return 0;
    }

    @Override
    public int typeCode() {
        return FrameType.PING.wire();
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    @Override
    public void encode(ByteBuffer out) {
        new FrameHeader(LENGTH, typeCode(), ack ? Flags.ACK : 0, 0).write(out);
        out.putLong(opaqueData);
    }
}
