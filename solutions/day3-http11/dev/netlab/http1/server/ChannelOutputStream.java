package dev.netlab.http1.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A buffered output stream that writes to a socket channel from a direct buffer of its own:
 * what {@code new BufferedOutputStream(channel.socket().getOutputStream())} does, minus one
 * copy. (The socket's stream hands the JDK a heap array, which the JDK copies into a
 * temporary direct buffer before the {@code write} system call; here the octets are put into
 * direct memory once.) Nothing leaves before {@link #flush()} unless the buffer fills.
 */
final class ChannelOutputStream extends OutputStream {
    private final SocketChannel channel;
    private final ByteBuffer buffer;

    ChannelOutputStream(SocketChannel channel, int size) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(size);
    }

    @Override
    public void write(int b) throws IOException {
        if (!buffer.hasRemaining()) {
            drain();
        }
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
    }

    /** Writes everything buffered: a blocking channel write may send less than asked, so loop. */
    private void drain() throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } finally {
            buffer.clear();
        }
    }
}
