package dev.netlab.http2.frame;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import java.nio.ByteBuffer;

/** The optional padding of DATA, HEADERS and PUSH_PROMISE frames (RFC 9113 §6.1, §6.2, §6.6). */
final class Padding {
    /** Written in place of a pad length when the frame has no PADDED flag. */
    static final int NONE = -1;

    private Padding() {}

    /**
     * Reads the Pad Length octet if the frame is PADDED, and removes the padding from the end
     * of {@code payload} (its limit moves in). Returns the pad length, or {@link #NONE}.
     *
     * @param fixed octets of fixed fields that follow the Pad Length (priority, promised id)
     */
    static int strip(FrameHeader header, ByteBuffer payload, int fixed) throws Http2Exception {
        if (!header.has(Flags.PADDED)) {
            if (payload.remaining() < fixed) {
                throw Http2Exception.connectionError(ErrorCode.FRAME_SIZE_ERROR,
                        "%s needs %d octets, has %d", header.frameType(), fixed, payload.remaining());
            }
            return NONE;
        }
        // RFC 9113 §4.2: "An endpoint MUST send an error code of FRAME_SIZE_ERROR if a frame ...
        // is too small to contain mandatory frame data."
        if (payload.remaining() < 1 + fixed) {
            throw Http2Exception.connectionError(ErrorCode.FRAME_SIZE_ERROR,
                    "a PADDED %s needs %d octets, has %d", header.frameType(), 1 + fixed, payload.remaining());
        }
        int padLength = payload.get() & 0xff;
        // RFC 9113 §6.1: "If the length of the padding is the length of the frame payload or
        // greater, the recipient MUST treat this as a connection error (Section 5.4.1) of type
        // PROTOCOL_ERROR." (§6.2 and §6.6 say the same of the field block fragment.)
        if (padLength > payload.remaining() - fixed) {
            throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR,
                    "Pad Length %d leaves no room in a %s of %d octets", padLength, header.frameType(), header.length());
        }
        payload.limit(payload.limit() - padLength);
        return padLength;
    }

    /** Octets the Pad Length field and the padding add to a payload. */
    static int overhead(int padLength) {
        return padLength == NONE ? 0 : 1 + padLength;
    }

    static int flag(int padLength) {
        return padLength == NONE ? 0 : Flags.PADDED;
    }

    static void writeLength(ByteBuffer out, int padLength) {
        if (padLength != NONE) {
            out.put((byte) padLength);
        }
    }

    /** Padding octets "MUST be set to zero when sending" (RFC 9113 §6.1). */
    static void writePadding(ByteBuffer out, int padLength) {
        for (int i = 0; i < padLength; i++) {
            out.put((byte) 0);
        }
    }

    /** RFC 9113 §6.1: "If a DATA frame is received whose Stream Identifier field is 0x00, the
     *  recipient MUST respond with a connection error of type PROTOCOL_ERROR" (and §6.2, §6.3, §6.4, §6.6, §6.10 alike). */
    static void requireStream(FrameHeader header) throws Http2Exception {
        if (header.streamId() == 0) {
            throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR, "%s on stream 0", header.frameType());
        }
    }

    /** RFC 9113 §6.5, §6.7, §6.8: frames about the connection "MUST" have stream 0. */
    static void requireConnection(FrameHeader header) throws Http2Exception {
        if (header.streamId() != 0) {
            throw Http2Exception.connectionError(ErrorCode.PROTOCOL_ERROR,
                    "%s on stream %d: it belongs to stream 0", header.frameType(), header.streamId());
        }
    }

    static byte[] rest(ByteBuffer payload) {
        byte[] b = new byte[payload.remaining()];
        payload.get(b);
        return b;
    }
}
