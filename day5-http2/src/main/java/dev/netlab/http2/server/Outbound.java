package dev.netlab.http2.server;

import dev.netlab.http2.frame.Frame;
import dev.netlab.http2.frame.FrameHeader;
import dev.netlab.http2.frame.FrameType;
import dev.netlab.http2.frame.Flags;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sending half of a connection: frames are encoded into a buffer by whoever produces them
 * (the reading thread's SETTINGS ACKs and PING ACKs, the handlers' HEADERS and DATA), and one
 * writer thread per connection sends what has gathered with one write and one flush. While
 * it is in the middle of a write, others keep appending: a hundred small responses become a
 * few system calls, not two hundred.
 *
 * <p>Enqueueing never blocks, so the reading thread can always answer. Who produces a lot
 * (DATA) waits with {@link #awaitBelow} until the peer has read enough; a peer that reads
 * nothing while making us answer (a PING flood) shows up in {@link #queued()}.
 */
public final class Outbound implements AutoCloseable {
    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition hasData = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final Thread writer;
    private byte[] pending = new byte[64 * 1024];
    private int size;
    private byte[] sending = new byte[64 * 1024];
    private boolean writing;
    private boolean closing;
    private IOException failure;

    public Outbound(OutputStream out, String name) {
        this.out = out;
        this.writer = Thread.ofVirtual().name(name).start(this::run);
    }

    /** Queues one frame. */
    public void frame(Frame frame) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            append(frame);
            hasData.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Queues frames that must go out back to back (HEADERS and its CONTINUATIONs). */
    public void frames(List<Frame> frames) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            for (Frame f : frames) {
                append(f);
            }
            hasData.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Queues a DATA frame straight from {@code b} (no padding). */
    public void data(int streamId, byte[] b, int offset, int length, boolean endStream) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            ensure(FrameHeader.LENGTH + length);
            ByteBuffer bb = ByteBuffer.wrap(pending, size, FrameHeader.LENGTH);
            new FrameHeader(length, FrameType.DATA.wire(), endStream ? Flags.END_STREAM : 0, streamId).write(bb);
            System.arraycopy(b, offset, pending, size + FrameHeader.LENGTH, length);
            size += FrameHeader.LENGTH + length;
            hasData.signal();
        } finally {
            lock.unlock();
        }
    }

    private void append(Frame frame) {
        int n = FrameHeader.LENGTH + frame.payloadLength();
        ensure(n);
        frame.encode(ByteBuffer.wrap(pending, size, n));
        size += n;
    }

    private void ensure(int n) {
        if (size + n > pending.length) {
            byte[] bigger = new byte[Math.max(pending.length * 2, size + n)];
            System.arraycopy(pending, 0, bigger, 0, size);
            pending = bigger;
        }
    }

    private void ensureOpen() throws IOException {
        if (failure != null) {
            throw new IOException("the connection's output failed", failure);
        }
        if (closing) {
            throw new IOException("the connection's output is closed");
        }
    }

    /** Octets queued and not yet handed to the socket. */
    public int queued() {
        lock.lock();
        try {
            return size + (writing ? 1 : 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at most {@code octets} are queued. Returns false when {@code timeout} passed
     * first (the peer stopped reading).
     */
    public boolean awaitBelow(int octets, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (size > octets) {
                ensureOpen();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                drained.awaitNanos(left);
            }
            ensureOpen();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            int n;
            lock.lock();
            try {
                while (size == 0 && !closing) {
                    hasData.awaitUninterruptibly();
                }
                if (size == 0) {
                    return;
                }
                byte[] swap = sending;
                sending = pending;
                pending = swap.length >= 64 * 1024 ? swap : new byte[64 * 1024];
                n = size;
                size = 0;
                writing = true;
                drained.signalAll();
            } finally {
                lock.unlock();
            }
            try {
                out.write(sending, 0, n);
                out.flush();
            } catch (IOException e) {
                lock.lock();
                try {
                    failure = e;
                    size = 0;
                    drained.signalAll();
                } finally {
                    lock.unlock();
                }
                return;
            } finally {
                lock.lock();
                try {
                    writing = false;
                    drained.signalAll();
                } finally {
                    lock.unlock();
                }
            }
            if (sending.length > 1 << 20) {
                sending = new byte[64 * 1024]; // a burst grew it: give the memory back
            }
        }
    }

    /**
     * Sends what is queued, then closes the output stream; waits at most {@code grace} for the
     * peer to take it.
     */
    public void close(Duration grace) {
        lock.lock();
        try {
            closing = true;
            hasData.signal();
        } finally {
            lock.unlock();
        }
        try {
            if (!writer.join(grace)) {
                writer.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(1));
    }

    /** True once the writer failed (the peer went away). */
    public boolean failed() {
        lock.lock();
        try {
            return failure != null;
        } finally {
            lock.unlock();
        }
    }
}
