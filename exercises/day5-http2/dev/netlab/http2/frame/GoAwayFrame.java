package dev.netlab.http2.frame;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * GOAWAY (type 0x7, RFC 9113 §6.8): the sender will start no more streams beyond
 * {@code lastStreamId}; with NO_ERROR a graceful shutdown, otherwise a connection error.
 *
 * <pre>
 * GOAWAY Frame {
 *   Length (24),
 *   Type (8) = 0x07,
 *   Unused Flags (8),
 *   Reserved (1),
 *   Stream Identifier (31) = 0,
 *   Reserved (1),
 *   Last-Stream-ID (31),
 *   Error Code (32),
 *   Additional Debug Data (..),
 * }
 * </pre>
 *
 * @param errorCode the raw 32-bit code (unknown codes are kept: RFC 9113 §7)
 * @param debugData opaque diagnostics, never relied upon
 */
public record GoAwayFrame(int lastStreamId, int errorCode, byte[] debugData) implements Frame {
    public GoAwayFrame(int lastStreamId, ErrorCode code, String debug) {
        this(lastStreamId, code.wire(), debug.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes the payload of a GOAWAY frame; {@code payload} holds exactly {@code header.length()}
     * octets. A stream other than 0: connection error PROTOCOL_ERROR; fewer than 8 octets:
     * FRAME_SIZE_ERROR. The reserved bit of Last-Stream-ID is dropped; the rest is debug data.
     */
    public static GoAwayFrame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    /** The error code; unknown values read as INTERNAL_ERROR (RFC 9113 §7). */
    public ErrorCode code() {
        return ErrorCode.of(Integer.toUnsignedLong(errorCode));
    }

    @Override
    public int streamId() {
        return 0;
    }

    @Override
    public int typeCode() {
        return FrameType.GOAWAY.wire();
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
        return "GOAWAY last=" + lastStreamId + " " + code() + (debugData.length > 0
                ? " \"" + new String(debugData, StandardCharsets.UTF_8) + "\"" : "");
    }
}
