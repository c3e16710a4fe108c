package dev.netlab.transport.frame;

import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;

/**
 * Decodes length-prefixed frames (see {@code package-info}) from bytes that arrive in pieces
 * of any size: TCP delivers a byte stream, so one {@code read} may hold half a length field,
 * or three frames and a bit.
 *
 * <p>Your job: a resumable decoder with a {@code private enum State { LENGTH, PAYLOAD }}.
 * {@link #decode(ByteBuffer)} consumes bytes from {@code in} (moving its position) and returns
 * the payload of the first complete frame, leaving any bytes after it in {@code in}; or
 * returns {@code null} when it needs more bytes, having consumed them all and kept the
 * partial frame. Call it again with the same buffer until it returns null.
 * <ul>
 *   <li>The length is 4 octets, big-endian, <b>unsigned</b>: {@code 0xFFFFFFFF} is 4 GiB − 1,
 *       not −1. A length of 0 is a valid, empty frame.
 *   <li>Enforce the limit at the first byte that reveals it: as soon as the 4th length octet
 *       arrives and the length exceeds {@code maxFrameLength}, throw {@link FrameException}
 *       with {@link FrameError#FRAME_TOO_LONG} — never allocate or wait for that payload.
 *   <li>After an error the decoder is broken: every later {@code decode} throws the same code.
 *   <li>{@link #finish()} is for the end of the stream: it throws {@link FrameError#TRUNCATED}
 *       if part of a frame is pending.
 * </ul>
 */
public final class FrameDecoder {
    /** Octets of the length field. */
    public static final int HEADER_LENGTH = 4;

    public FrameDecoder(int maxFrameLength) {
        if (maxFrameLength < 0) {
            throw new IllegalArgumentException("maxFrameLength must not be negative");
        }
    }

    /** The next complete frame's payload, or null if more bytes are needed (all of {@code in} consumed). */
    public byte[] decode(ByteBuffer in) throws FrameException {
        throw StubException.notImplemented("2.06", "length-prefixed framing", "day2-tcp-udp/README.md#framing");
    }

    /** At the end of the stream: throws {@link FrameError#TRUNCATED} if a frame was begun and not finished. */
    public void finish() throws FrameException {
        throw StubException.notImplemented("2.06", "length-prefixed framing", "day2-tcp-udp/README.md#framing");
    }

    /** True while part of a frame (header or payload) has been consumed and not yet returned. */
    public boolean inFrame() {
        throw StubException.notImplemented("2.06", "length-prefixed framing", "day2-tcp-udp/README.md#framing");
    }
}
