package dev.netlab.http1.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connection's output on the {@link LoopServer} (given): the {@code ResponseWriter} writes
 * into it, and the event loop sends what it holds with non-blocking writes
 * ({@link #send()}), so responses to pipelined requests leave together. While a virtual
 * thread writes a file or streamed body ({@link #blocking(boolean) blocking}), it behaves like
 * a buffered socket stream: {@code flush()} writes through and a full buffer is drained.
 */
final class LoopOutput extends OutputStream {
    static final int SIZE = 16 * 1024;

    private final SocketChannel channel;
    private final ByteBuffer small = ByteBuffer.allocateDirect(SIZE);
    /** In write mode: octets from 0 to position wait to be sent. Grows past SIZE for a large response. */
    private ByteBuffer buffer = small;
    private volatile boolean blocking;

    LoopOutput(SocketChannel channel) {
        this.channel = channel;
    }

    /** True while a virtual thread owns the (then blocking) channel. */
    void blocking(boolean on) {
        blocking = on;
    }

    /** Octets waiting to be sent. */
    int pending() {
        return buffer.position();
    }

    @Override
    public void write(int b) throws IOException {
        room(1);
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            room(Math.min(len, SIZE));
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /** Writes through only while blocking; on the loop, {@link #send()} does it once per batch. */
    @Override
    public void flush() throws IOException {
        if (blocking) {
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } finally {
                buffer.clear();
                buffer = small;
                small.clear();
            }
        }
    }

    /**
     * One non-blocking write of what waits; true when nothing is left. The kernel takes what
     * fits in the socket's send buffer, the rest waits for {@code OP_WRITE}.
     */
    boolean send() throws IOException {
        if (buffer.position() == 0) {
            return true;
        }
        buffer.flip();
        try {
            channel.write(buffer);
            return !buffer.hasRemaining();
        } finally {
            buffer.compact();
            if (buffer.position() == 0 && buffer != small) {
                buffer = small; // a large response went out: give its memory back
                small.clear();
            }
        }
    }

    /** Room for {@code n} more octets: drained when blocking, else a larger buffer. */
    private void room(int n) throws IOException {
        if (buffer.remaining() >= n) {
            return;
        }
        if (blocking) {
            flush();
            return;
        }
        ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(2 * buffer.capacity(), buffer.position() + n));
        larger.put(buffer.flip());
        buffer = larger;
    }
}
