package dev.netlab.http2.frame;

import dev.netlab.http2.Http2Exception;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads frames from a blocking byte stream with a {@link FrameDecoder}: one buffer, filled
 * by as much as each read brings, so a burst of small frames costs one read, not two per
 * frame. A frame longer than the decoder's limit fails at its header, before its payload is
 * read.
 */
public final class FrameReader {
    private static final int MIN_BUFFER = 16 * 1024;

    private final InputStream in;
    private final FrameDecoder decoder;
    private ByteBuffer buffer;

    public FrameReader(InputStream in, FrameDecoder decoder) {
        this.in = in;
        this.decoder = decoder;
        this.buffer = ByteBuffer.allocate(MIN_BUFFER + FrameHeader.LENGTH).flip();
    }

    public FrameDecoder decoder() {
        return decoder;
    }

    /**
     * The next frame, or {@code null} when the stream ends cleanly between two frames.
     *
     * @throws EOFException when the stream ends inside a frame
     * @throws Http2Exception when the frame is malformed or too long
     */
    public Frame read() throws IOException, Http2Exception {
        while (true) {
            Frame frame = decoder.decode(buffer);
            if (frame != null) {
                return frame;
            }
            if (!fill()) {
                if (buffer.hasRemaining()) {
                    throw new EOFException("the stream ended inside a frame (" + buffer.remaining() + " octets of it)");
                }
                return null;
            }
        }
    }

    /** Octets read from the stream but not yet decoded. */
    public int buffered() {
        return buffer.remaining();
    }

    /** True when a whole frame header is buffered or the stream has octets to read without blocking. */
    public boolean hasMore() throws IOException {
        return buffer.remaining() >= FrameHeader.LENGTH || in.available() > 0;
    }

    /** Reads once more into the buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        int needed = FrameHeader.LENGTH + decoder.maxFrameSize();
        if (buffer.capacity() < needed && buffer.remaining() >= FrameHeader.LENGTH) {
            // a frame header is buffered: grow only as far as this frame needs
            int length = (buffer.get(buffer.position()) & 0xff) << 16 | (buffer.get(buffer.position() + 1) & 0xff) << 8
                    | buffer.get(buffer.position() + 2) & 0xff;
            if (FrameHeader.LENGTH + length > buffer.capacity()) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(FrameHeader.LENGTH + length, buffer.capacity() * 2));
                bigger.put(buffer).flip();
                buffer = bigger;
            }
        }
        buffer.compact();
        try {
            int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            if (n < 0) {
                return false;
            }
            buffer.position(buffer.position() + n);
            return true;
        } finally {
            buffer.flip();
        }
    }
}
