package dev.netlab.transport.frame;

import java.nio.ByteBuffer;

/** Encodes length-prefixed frames; refuses payloads the peer would have to reject. */
public final class FrameEncoder {
    private final int maxFrameLength;

    public FrameEncoder(int maxFrameLength) {
        if (maxFrameLength < 0) {
            throw new IllegalArgumentException("maxFrameLength must not be negative");
        }
        this.maxFrameLength = maxFrameLength;
    }

    public byte[] encode(byte[] payload) throws FrameException {
        if (payload.length > maxFrameLength) {
            throw new FrameException(FrameError.FRAME_TOO_LONG,
                    "payload of " + payload.length + " octets exceeds the maximum " + maxFrameLength);
        }
        return ByteBuffer.allocate(FrameDecoder.HEADER_LENGTH + payload.length)
                .putInt(payload.length) // big-endian: ByteBuffer's default order
                .put(payload)
                .array();
    }
}
