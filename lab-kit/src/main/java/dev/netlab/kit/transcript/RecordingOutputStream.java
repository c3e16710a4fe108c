package dev.netlab.kit.transcript;

import dev.netlab.kit.transcript.Transcript.Direction;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes to a stream and records every byte written (once the write returned) into a
 * transcript in one direction. Closing it closes the stream; it records no close, since
 * only the owner of the socket knows whether that sent a FIN.
 */
public final class RecordingOutputStream extends OutputStream {
    private final OutputStream out;
    private final Transcript transcript;
    private final Direction direction;

    public RecordingOutputStream(OutputStream out, Transcript transcript, Direction direction) {
        this.out = out;
        this.transcript = transcript;
        this.direction = direction;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        transcript.record(direction, new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        transcript.record(direction, b, off, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
