package dev.netlab.http2.frame;

import java.nio.ByteBuffer;

/**
 * The 9-octet header in front of every HTTP/2 frame (RFC 9113 §4.1).
 *
 * <pre>
 * HTTP Frame {
 *   Length (24),
 *   Type (8),
 *   Flags (8),
 *   Reserved (1),
 *   Stream Identifier (31),
 *   Frame Payload (..),
 * }
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-----------------------------------------------+---------------+
 * |                 Length (24)                   |   Type (8)    |
 * +---------------+-+-------------+---------------+---------------+
 * |   Flags (8)   |R|         Stream Identifier (31)              |
 * +---------------+-+---------------------------------------------+
 * |                   Frame Payload (Length octets)             ...
 * </pre>
 *
 * @param length the payload length, 0 to 2^24−1 (the header's 9 octets are not included)
 * @param type the type octet, 0 to 255 (unknown types are kept: RFC 9113 §4.1)
 * @param flags the flags octet, 0 to 255
 * @param streamId the 31-bit stream identifier (the reserved bit is not part of it)
 */
public record FrameHeader(int length, int type, int flags, int streamId) {
    /** Octets of the header itself. */
    public static final int LENGTH = 9;
    /** The largest payload a 24-bit Length can announce. */
    public static final int MAX_LENGTH = (1 << 24) - 1;
    /** SETTINGS_MAX_FRAME_SIZE's initial value, 2^14 (RFC 9113 §6.5.2). */
    public static final int DEFAULT_MAX_FRAME_SIZE = 1 << 14;
    /** The highest SETTINGS_MAX_FRAME_SIZE allowed, 2^24−1 (RFC 9113 §6.5.2). */
    public static final int MAX_FRAME_SIZE_LIMIT = MAX_LENGTH;

    private static final int STREAM_ID_MASK = 0x7fff_ffff;
    private static final int RESERVED_BIT = 0x8000_0000;

    public FrameHeader {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("a frame length is 24 bits: " + length);
        }
        if (type < 0 || type > 0xff || flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("type and flags are one octet each: " + type + ", " + flags);
        }
        if (streamId < 0) {
            throw new IllegalArgumentException("a stream identifier is 31 bits: " + streamId);
        }
    }

    /**
     * Reads a header from {@code in}, which must hold at least {@link #LENGTH} octets; its
     * position moves past them. The reserved bit is dropped: RFC 9113 §4.1, "The semantics of
     * this bit are undefined, and the bit MUST remain unset (0x00) when sending and MUST be
     * ignored when receiving."
     */
    public static FrameHeader read(ByteBuffer in) {
        if (in.remaining() < LENGTH) {
            throw new IllegalArgumentException("a frame header is " + LENGTH + " octets, " + in.remaining() + " left");
        }
        int length = (in.get() & 0xff) << 16 | (in.get() & 0xff) << 8 | in.get() & 0xff;
        int type = in.get() & 0xff;
        int flags = in.get() & 0xff;
        int streamId = in.getInt() & STREAM_ID_MASK;
        return new FrameHeader(length, type, flags, streamId);
    }

    /** Writes the 9 octets to {@code out} (its position moves past them), reserved bit 0. */
    public void write(ByteBuffer out) {
        out.put((byte) (length >>> 16));
        out.put((byte) (length >>> 8));
        out.put((byte) length);
        out.put((byte) type);
        out.put((byte) flags);
        out.putInt(streamId & ~RESERVED_BIT);
    }

    /** The frame type, or {@code null} for a type RFC 9113 does not define. */
    public FrameType frameType() {
        return FrameType.of(type);
    }

    /** True when every bit of {@code flag} is set. */
    public boolean has(int flag) {
        return Flags.has(flags, flag);
    }

    @Override
    public String toString() {
        FrameType t = frameType();
        return (t == null ? "type 0x" + Integer.toHexString(type) : t.name()) + " length=" + length
                + " flags=0x" + Integer.toHexString(flags) + " stream=" + streamId;
    }
}
