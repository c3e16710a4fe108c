package dev.netlab.websocket;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A small buffered byte source over any {@link InputStream} (a socket, a TLS socket, an
 * HTTP/2 stream), the one thing the WebSocket code reads from.
 *
 * <p>Contract: {@link #readUnsignedByte()} and {@link #readFully} block until the octets are
 * there and throw {@link EOFException} when the stream ends first; {@link #read} returns what
 * is buffered or, when nothing is, blocks for one read of the stream ({@code -1} at its end).
 * {@link #available()} counts only buffered octets. Nothing here interprets the octets.
 * {@link #of(byte[])} builds one from memory for tests; {@link #chopped(byte[], int)} delivers
 * at most {@code n} octets per underlying read, as a slow network would.
 */
public final class WireInput {
    /** The default buffer: small, because 10,000 idle connections each keep one. */
    public static final int DEFAULT_BUFFER = 4096;

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;

    public WireInput(InputStream in) {
        this(in, DEFAULT_BUFFER);
    }

    public WireInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** A source over octets in memory. */
    public static WireInput of(byte[] bytes) {
        return new WireInput(new java.io.ByteArrayInputStream(bytes));
    }

    /** A source over octets in memory that hands out at most {@code chop} octets per read. */
    public static WireInput chopped(byte[] bytes, int chop) {
        return new WireInput(new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, chop), bytes.length - at);
                System.arraycopy(bytes, at, b, off, n);
                at += n;
                return n;
            }
        });
    }

    /** One octet, 0–255; EOFException at the end of the stream. */
    public int readUnsignedByte() throws IOException {
        if (pos == limit && !fill()) {
            throw new EOFException("the stream ended inside a frame");
        }
        return buf[pos++] & 0xFF;
    }

    /** Exactly {@code len} octets into {@code dst}; EOFException if the stream ends first. */
    public void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            int n = read(dst, off, len);
            if (n < 0) {
                throw new EOFException("the stream ended inside a frame");
            }
            off += n;
            len -= n;
        }
    }

    /**
     * Up to {@code len} octets: what is buffered, or else the result of one read of the stream
     * (so a caller sees data as soon as it arrives). -1 at the end of the stream.
     */
    public int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit) {
            if (len >= buf.length) {
                return in.read(dst, off, len); // large reads bypass the buffer
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, dst, off, n);
        pos += n;
        return n;
    }

    /** Octets already buffered (readable without blocking). */
    public int available() {
        return limit - pos;
    }

    /** Whether the stream has ended with nothing buffered; blocks until one of the two is known. */
    public boolean atEnd() throws IOException {
        return pos == limit && !fill();
    }

    /** The octets buffered but not read yet (what followed an HTTP head, for instance), as a copy. */
    public byte[] buffered() {
        return Arrays.copyOfRange(buf, pos, limit);
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
