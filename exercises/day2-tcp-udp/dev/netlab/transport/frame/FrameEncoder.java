package dev.netlab.transport.frame;

import dev.netlab.kit.StubException;

/**
 * Encodes length-prefixed frames (see {@code package-info}).
 *
 * <p>Your job: {@link #encode(byte[])} returns the 4-octet big-endian length of the payload
 * followed by the payload. A payload over {@code maxFrameLength} is refused with
 * {@link FrameError#FRAME_TOO_LONG}: never send what your peer must reject.
 */
public final class FrameEncoder {
    public FrameEncoder(int maxFrameLength) {
        if (maxFrameLength < 0) {
            throw new IllegalArgumentException("maxFrameLength must not be negative");
        }
    }

    /** Header plus payload, ready to write. */
    public byte[] encode(byte[] payload) throws FrameException {
        throw StubException.notImplemented("2.06", "length-prefixed framing", "day2-tcp-udp/README.md#framing");
    }
}
