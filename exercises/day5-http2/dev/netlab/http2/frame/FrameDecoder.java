package dev.netlab.http2.frame;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;

/**
 * Turns octets into {@link Frame}s: the header first, its length checked against the
 * SETTINGS_MAX_FRAME_SIZE this endpoint advertised before a payload octet is read (STYLE.md:
 * a limit at the first byte that reveals it), then the payload by its type.
 */
public final class FrameDecoder {
    // Fields the reference uses (a suggestion):
    //   private int maxFrameSize;

    /** A decoder that accepts payloads up to {@code maxFrameSize} octets (2^14 to 2^24−1). */
    public FrameDecoder(int maxFrameSize) {
        // keep what the methods need in fields (see the hint at the top of the class)
    }

    /** A decoder with SETTINGS_MAX_FRAME_SIZE's initial value, 2^14. */
    public FrameDecoder() {
        this(FrameHeader.DEFAULT_MAX_FRAME_SIZE);
    }

    public int maxFrameSize() {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    /** Changes the limit (once the peer acknowledged a SETTINGS_MAX_FRAME_SIZE we sent). */
    public void maxFrameSize(int size) {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    /**
     * Checks a frame header before its payload is read. RFC 9113 §4.2: "An endpoint MUST send
     * an error code of FRAME_SIZE_ERROR if a frame exceeds the size defined in
     * SETTINGS_MAX_FRAME_SIZE". A frame that alters the state of the connection (a field block,
     * SETTINGS, stream 0) makes that a connection error; this decoder makes every oversized
     * frame one, so that the payload it will not read never has to be skipped.
     */
    public void checkLength(FrameHeader header) throws Http2Exception {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    /**
     * Decodes one frame's payload by its type; {@code payload} holds exactly
     * {@code header.length()} octets (its position moves to the end). Unknown types become
     * {@link UnknownFrame}s (RFC 9113 §4.1: ignored, not an error).
     */
    public Frame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }

    /**
     * Decodes the next whole frame from {@code in}, or returns {@code null} (position
     * unchanged) when {@code in} does not hold all of it yet. On success the position moves
     * past the frame. The length is checked as soon as the 9 header octets are there.
     */
    public Frame decode(ByteBuffer in) throws Http2Exception {
        throw StubException.notImplemented("5.02", "Frames: every type of RFC 9113 §6, padding, fixed lengths, stream-id rules", "day5-http2/README.md#frames");
    }
}
