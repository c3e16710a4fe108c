package dev.netlab.transport.frame;

import java.nio.ByteBuffer;

/**
 * Decodes length-prefixed frames from bytes that arrive in pieces of any size. Resumable:
 * {@link #decode(ByteBuffer)} returns null when it needs more and keeps the partial frame.
 */
public final class FrameDecoder {
    public static final int HEADER_LENGTH = 4;

    private enum State { LENGTH, PAYLOAD, FAILED }

    private final int maxFrameLength;
    private State state = State.LENGTH;
    private long length;        // the length field, accumulated one octet at a time
    private int lengthOctets;   // octets of the length field seen so far
    private byte[] payload;
    private int filled;         // payload octets copied so far
    private FrameException failure;

    public FrameDecoder(int maxFrameLength) {
        if (maxFrameLength < 0) {
            throw new IllegalArgumentException("maxFrameLength must not be negative");
        }
        this.maxFrameLength = maxFrameLength;
    }

    public byte[] decode(ByteBuffer in) throws FrameException {
        while (true) {
            switch (state) {
                case FAILED -> throw failure;
                case LENGTH -> {
                    if (lengthOctets == 0 && in.remaining() >= HEADER_LENGTH) {
                        length = Integer.toUnsignedLong(in.getInt()); // fast path: the whole field at once
                        lengthOctets = HEADER_LENGTH;
                    } else {
                        while (lengthOctets < HEADER_LENGTH && in.hasRemaining()) {
                            length = (length << 8) | (in.get() & 0xFF);
                            lengthOctets++;
                        }
                        if (lengthOctets < HEADER_LENGTH) {
                            return null;
                        }
                    }
                    // The limit is enforced here, at the last octet of the length: before any payload.
                    if (length > maxFrameLength) {
                        state = State.FAILED;
                        failure = new FrameException(FrameError.FRAME_TOO_LONG,
                                "declared length " + length + " exceeds the maximum " + maxFrameLength);
                        throw failure;
                    }
                    payload = new byte[(int) length];
                    filled = 0;
                    state = State.PAYLOAD;
                }
                case PAYLOAD -> {
                    int n = Math.min(in.remaining(), payload.length - filled);
                    in.get(payload, filled, n);
                    filled += n;
                    if (filled < payload.length) {
                        return null;
                    }
                    byte[] frame = payload;
                    payload = null;
                    length = 0;
                    lengthOctets = 0;
                    state = State.LENGTH;
                    return frame;
                }
            }
        }
    }

    public void finish() throws FrameException {
        if (state == State.FAILED) {
            throw failure;
        }
        if (inFrame()) {
            failure = new FrameException(FrameError.TRUNCATED, state == State.PAYLOAD
                    ? "the stream ended " + filled + " of " + payload.length + " payload octets into a frame"
                    : "the stream ended inside a length field (" + lengthOctets + " of 4 octets)");
            state = State.FAILED;
            throw failure;
        }
    }

    public boolean inFrame() {
        return state == State.PAYLOAD || (state == State.LENGTH && lengthOctets > 0);
    }
}
