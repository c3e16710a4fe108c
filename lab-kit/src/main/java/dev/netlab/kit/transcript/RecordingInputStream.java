package dev.netlab.kit.transcript;

import dev.netlab.kit.transcript.Transcript.Direction;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads from a stream and records every byte read into a transcript in one direction; the
 * end of the stream records that the sending side closed. Use it around any stream code
 * already owns, e.g. {@code new RecordingInputStream(Channels.newInputStream(ch), t, SERVER_TO_CLIENT)}.
 */
public final class RecordingInputStream extends InputStream {
    private final InputStream in;
    private final Transcript transcript;
    private final Direction direction;

    public RecordingInputStream(InputStream in, Transcript transcript, Direction direction) {
        this.in = in;
        this.transcript = transcript;
        this.direction = direction;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            transcript.closed(direction);
        } else {
            transcript.record(direction, new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            transcript.closed(direction);
        } else {
            transcript.record(direction, b, off, n);
        }
        return n;
    }

    /** Skipped bytes are read (and so recorded): a transcript has no gaps. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8_192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
