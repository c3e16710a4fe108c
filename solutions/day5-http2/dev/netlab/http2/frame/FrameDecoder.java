package dev.netlab.http2.frame;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import java.nio.ByteBuffer;

/**
 * Turns octets into {@link Frame}s: the header first, its length checked against the
 * SETTINGS_MAX_FRAME_SIZE this endpoint advertised before a payload octet is read (STYLE.md:
 * a limit at the first byte that reveals it), then the payload by its type.
 */
public final class FrameDecoder {
    private int maxFrameSize;

    /** A decoder that accepts payloads up to {@code maxFrameSize} octets (2^14 to 2^24−1). */
    public FrameDecoder(int maxFrameSize) {
        maxFrameSize(maxFrameSize);
    }

    /** A decoder with SETTINGS_MAX_FRAME_SIZE's initial value, 2^14. */
    public FrameDecoder() {
        this(FrameHeader.DEFAULT_MAX_FRAME_SIZE);
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** Changes the limit (once the peer acknowledged a SETTINGS_MAX_FRAME_SIZE we sent). */
    public void maxFrameSize(int size) {
        if (size < FrameHeader.DEFAULT_MAX_FRAME_SIZE || size > FrameHeader.MAX_FRAME_SIZE_LIMIT) {
            throw new IllegalArgumentException("SETTINGS_MAX_FRAME_SIZE is 2^14 to 2^24-1: " + size);
        }
        this.maxFrameSize = size;
    }

    /**
     * Checks a frame header before its payload is read. RFC 9113 §4.2: "An endpoint MUST send
     * an error code of FRAME_SIZE_ERROR if a frame exceeds the size defined in
     * SETTINGS_MAX_FRAME_SIZE". A frame that alters the state of the connection (a field block,
     * SETTINGS, stream 0) makes that a connection error; this decoder makes every oversized
     * frame one, so that the payload it will not read never has to be skipped.
     */
    public void checkLength(FrameHeader header) throws Http2Exception {
        if (header.length() > maxFrameSize) {
            throw Http2Exception.connectionError(ErrorCode.FRAME_SIZE_ERROR,
                    "%s is larger than SETTINGS_MAX_FRAME_SIZE %d", header, maxFrameSize);
        }
    }

    /**
     * Decodes one frame's payload by its type; {@code payload} holds exactly
     * {@code header.length()} octets (its position moves to the end). Unknown types become
     * {@link UnknownFrame}s (RFC 9113 §4.1: ignored, not an error).
     */
    public Frame decode(FrameHeader header, ByteBuffer payload) throws Http2Exception {
        checkLength(header);
        if (payload.remaining() != header.length()) {
            throw new IllegalArgumentException("the payload has " + payload.remaining() + " octets, the header says " + header.length());
        }
        FrameType type = header.frameType();
        if (type == null) {
            return new UnknownFrame(header.type(), header.flags(), header.streamId(), Padding.rest(payload));
        }
        return switch (type) {
            case DATA -> DataFrame.decode(header, payload);
            case HEADERS -> HeadersFrame.decode(header, payload);
            case PRIORITY -> PriorityFrame.decode(header, payload);
            case RST_STREAM -> RstStreamFrame.decode(header, payload);
            case SETTINGS -> SettingsFrame.decode(header, payload);
            case PUSH_PROMISE -> PushPromiseFrame.decode(header, payload);
            case PING -> PingFrame.decode(header, payload);
            case GOAWAY -> GoAwayFrame.decode(header, payload);
            case WINDOW_UPDATE -> WindowUpdateFrame.decode(header, payload);
            case CONTINUATION -> ContinuationFrame.decode(header, payload);
        };
    }

    /**
     * Decodes the next whole frame from {@code in}, or returns {@code null} (position
     * unchanged) when {@code in} does not hold all of it yet. On success the position moves
     * past the frame. The length is checked as soon as the 9 header octets are there.
     */
    public Frame decode(ByteBuffer in) throws Http2Exception {
        if (in.remaining() < FrameHeader.LENGTH) {
            return null;
        }
        int start = in.position();
        FrameHeader header = FrameHeader.read(in);
        checkLength(header);
        if (in.remaining() < header.length()) {
            in.position(start);
            return null;
        }
        ByteBuffer payload = in.slice(in.position(), header.length());
        in.position(in.position() + header.length());
        return decode(header, payload);
    }
}
