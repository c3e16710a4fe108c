package dev.netlab.chat.room;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection's queue of frames to send, bounded twice (frames and characters), between
 * the thread that fans messages out (it must never wait for a slow reader: one stuck phone
 * would stall the whole room) and the connection's writer, which sends them as fast as the
 * peer reads.
 *
 * <p>The slow-consumer policy: an offer that would cross a bound <b>overflows</b> the
 * outbox: it refuses that frame and everything after, throws away what it held, and the
 * connection is closed with 1013 ({@code slow_consumer}). Nothing is lost for the person:
 * their page reconnects and resumes from the last id it saw, and the history fills the gap.
 * Dropping single frames instead would leave silent holes; blocking the fan-out would let
 * one reader slow everyone.
 *
 * <pre>
 *   OPEN ──close()──► CLOSING (take() drains what is queued, then null) ──► CLOSED
 *     └──offer() past a bound──► OVERFLOWED (queue emptied, take() null at once)
 * </pre>
 */
public final class Outbox {
    private enum State { OPEN, CLOSING, OVERFLOWED }

    private final int maxFrames;
    private final long maxChars;
    private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long chars;
    private State state = State.OPEN;

    public Outbox(int maxFrames, long maxChars) {
        this.maxFrames = maxFrames;
        this.maxChars = maxChars;
    }

    /** Queues {@code frame}; false if closed or overflowed — this offer may be the one that overflows it. Never blocks. */
    public boolean offer(Outbound frame) {
        lock.lock();
        try {
            if (state != State.OPEN) {
                return false;
            }
            if (queue.size() + 1 > maxFrames || chars + frame.chars() > maxChars) {
                state = State.OVERFLOWED;
                queue.clear();
                chars = 0;
                notEmpty.signalAll();
                return false;
            }
            queue.addLast(frame);
            chars += frame.chars();
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next frame, waiting at most {@code timeoutMillis}; null on timeout, after an
     * overflow, and once a closed outbox is drained ({@link #finished()} tells these apart).
     */
    public Outbound take(long timeoutMillis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (state != State.OPEN || nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            Outbound frame = queue.pollFirst();
            chars -= frame.chars();
            return frame;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new frames; what is queued is still taken, then {@link #take} returns null. */
    public void close() {
        lock.lock();
        try {
            if (state == State.OPEN) {
                state = State.CLOSING;
            }
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether an offer crossed a bound (the slow-consumer policy applies). */
    public boolean overflowed() {
        lock.lock();
        try {
            return state == State.OVERFLOWED;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #take} will return nothing more: overflowed, or closed and drained. */
    public boolean finished() {
        lock.lock();
        try {
            return state == State.OVERFLOWED || state == State.CLOSING && queue.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Frames queued now. */
    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Characters queued now. */
    public long chars() {
        lock.lock();
        try {
            return chars;
        } finally {
            lock.unlock();
        }
    }
}
