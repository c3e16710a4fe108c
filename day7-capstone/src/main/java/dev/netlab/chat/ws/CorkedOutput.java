package dev.netlab.chat.ws;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A WebSocket connection's output with a cork, like Linux's {@code TCP_CORK}: while the
 * session's writer has more frames queued for this member, the frames it sends are held here,
 * and the last one of the run takes them all to the transport at once: one write, one TLS
 * record (RFC 8446 §5.1: a record carries up to 2^14 octets of any number of messages), one
 * syscall, instead of one of each per frame.
 *
 * <pre>
 *   send(f1, more) ─► held         send(f2, more) ─► held        send(f3, last) ─► f1 f2 f3 ─► TLS
 * </pre>
 *
 * <p>Why it pays: a member is sent one frame at a time while the server keeps up, and a run
 * of frames only when it fell behind (after a pause of the collector, or a burst of
 * messages) — exactly when the CPU is short. Coalescing then makes each delivery cheaper, so
 * the backlog drains faster: the batching grows with the load and costs nothing without it.
 *
 * <p>The cork holds bytes only during a send whose caller promised another one ({@link
 * #corked(boolean)} is on for that call, and for that thread, alone): anything written by
 * another thread or after it (a Ping from the ticker, a Close) is never held and takes what is
 * held along, in order, so no frame waits on a send that will not come. The
 * buffer exists only while something is held (1 KiB, doubled as needed): ten thousand idle
 * members hold none.
 * Not thread-safe by itself: the WebSocket engine writes a frame at a time under its send lock.
 */
final class CorkedOutput extends OutputStream {
    /** At most one TLS record's worth of plaintext is held (RFC 8446 §5.1: 2^14 octets). */
    static final int MAX_HELD = 1 << 14;

    private final OutputStream out;
    private byte[] held;
    private int count;
    /** The thread whose current send is held; writes of any other thread (a Ping, a Close) are never held. */
    private volatile Thread corker;

    CorkedOutput(OutputStream out) {
        this.out = out;
    }

    /** Whether the calling thread's next send is held (it sends another right after it). */
    void corked(boolean on) {
        corker = on ? Thread.currentThread() : null;
    }

    private boolean corked() {
        return corker == Thread.currentThread();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        boolean corked = corked();
        if (!corked && count == 0) {
            out.write(b, off, len); // the usual case: nothing held, nothing to copy
            return;
        }
        if (count + len > MAX_HELD) {
            release();
            if (len >= MAX_HELD || !corked) {
                out.write(b, off, len);
                return;
            }
        }
        if (held == null || count + len > held.length) { // grown as needed: most runs are a few frames of ~200 octets
            byte[] bigger = new byte[Math.min(MAX_HELD, Math.max(1024, Integer.highestOneBit(count + len) << 1))];
            if (count > 0) {
                System.arraycopy(held, 0, bigger, 0, count);
            }
            held = bigger;
        }
        System.arraycopy(b, off, held, count, len);
        count += len;
    }

    @Override
    public void flush() throws IOException {
        if (corked()) {
            return; // the send that follows flushes
        }
        release();
        out.flush();
    }

    /** Writes what is held (not flushed) and drops the buffer. */
    private void release() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            byte[] b = held;
            held = null;
            out.write(b, 0, n);
        }
    }

    @Override
    public void close() throws IOException {
        corker = null;
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
