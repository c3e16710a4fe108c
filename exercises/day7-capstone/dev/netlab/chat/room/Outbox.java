package dev.netlab.chat.room;

import dev.netlab.kit.StubException;

/**
 * One connection's queue of frames to send, bounded twice (frames and characters), between
 * the sequencer that fans messages out (it must never wait for a slow reader: one stuck phone
 * would stall the whole room) and the connection's writer thread, which sends them as fast as
 * the peer reads. Both threads use it at once: make it thread-safe (a {@code ReentrantLock}
 * with a {@code Condition}, or {@code synchronized} with wait/notify).
 *
 * <p>The slow-consumer policy: an offer that would make the queue hold more than
 * {@code maxFrames} frames or more than {@code maxChars} characters ({@link Outbound#chars()})
 * <b>overflows</b> the outbox: that frame is refused, everything queued is thrown away, every
 * later offer is refused, and {@code take} returns null at once (the session then closes the
 * connection with 1013 {@code slow_consumer}; the person's page reconnects and resumes from its
 * last id, so nothing is lost for them). Reaching a bound exactly is fine.
 *
 * <pre>
 *   OPEN ──close()──► CLOSING (take() drains what is queued, then null) ──► finished
 *     └──offer() past a bound──► OVERFLOWED (queue emptied, take() null at once)
 * </pre>
 *
 * Frames come out in the order they went in. {@code offer} never blocks; {@code take} waits
 * at most its timeout and returns null on timeout (and when finished: {@link #finished()}
 * tells the two apart) and wakes up at once when a frame arrives, on {@code close()} and on an
 * overflow.
 */
public final class Outbox {
    public Outbox(int maxFrames, long maxChars) {
        // a queue (ArrayDeque), the characters queued, the state, a lock and a condition
    }

    /** Queues {@code frame}; false if closed or overflowed — this offer may be the one that overflows it. Never blocks. */
    public boolean offer(Outbound frame) {
        throw StubException.notImplemented("7.04", "Fan-out with backpressure: bounded outboxes, slow consumers dropped", "day7-capstone/README.md#fan-out-and-slow-consumers");
    }

    /** The next frame, waiting at most {@code timeoutMillis}; null on timeout, after an overflow, and once a closed outbox is drained. */
    public Outbound take(long timeoutMillis) throws InterruptedException {
        throw StubException.notImplemented("7.04", "Fan-out with backpressure: bounded outboxes, slow consumers dropped", "day7-capstone/README.md#fan-out-and-slow-consumers");
    }

    /** Refuses new frames; what is queued is still taken, then {@link #take} returns null. */
    public void close() {
        throw StubException.notImplemented("7.04", "Fan-out with backpressure: bounded outboxes, slow consumers dropped", "day7-capstone/README.md#fan-out-and-slow-consumers");
    }

    /** Whether an offer crossed a bound (the slow-consumer policy applies). */
    public boolean overflowed() {
        throw StubException.notImplemented("7.04", "Fan-out with backpressure: bounded outboxes, slow consumers dropped", "day7-capstone/README.md#fan-out-and-slow-consumers");
    }

    /** Whether {@link #take} will return nothing more: overflowed, or closed and drained. */
    public boolean finished() {
        throw StubException.notImplemented("7.04", "Fan-out with backpressure: bounded outboxes, slow consumers dropped", "day7-capstone/README.md#fan-out-and-slow-consumers");
    }

    /** Frames queued now. */
    public int size() {
        throw StubException.notImplemented("7.04", "Fan-out with backpressure: bounded outboxes, slow consumers dropped", "day7-capstone/README.md#fan-out-and-slow-consumers");
    }

    /** Characters queued now. */
    public long chars() {
        throw StubException.notImplemented("7.04", "Fan-out with backpressure: bounded outboxes, slow consumers dropped", "day7-capstone/README.md#fan-out-and-slow-consumers");
    }
}
