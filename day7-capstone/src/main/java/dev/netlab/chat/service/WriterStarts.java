package dev.netlab.chat.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the members' writers of a fan-out on a second platform thread, so that the sequencer —
 * the one thread every member of every room waits for — only queues each member's frame and goes
 * on to the next message.
 *
 * <p>Why: a JFR profile of the 10,000-client bench (2026-12-07) put 45% of the sequencer's samples
 * in starting writers (a virtual thread each: the thread, the JDK's root container, a submission
 * to the scheduler that may wake a carrier) against 23% in the offers themselves. Handing those
 * starts to a virtual thread instead (tried 2026-12-07 06:26) was no better: that thread waits in
 * the scheduler's queue behind the writers of the messages before. A platform thread is scheduled
 * by the kernel beside the sequencer, so the two work as a pipeline: the sequencer stores and
 * offers message n+1 while this thread starts the writers of message n. Since the writers run on
 * the {@link WriterPool}'s lanes, a start is an offer to a lane's queue that may wake the lane:
 * cheaper than a virtual thread, and still off the sequencer (the hand-over was kept: two interleaved
 * pairs on the lanes, 2026-12-07 15:23–15:32, p99 78.8 and 96.8 ms with it, 276 and 81.8 without).
 *
 * <p>Order is unchanged: every frame is in its member's outbox before the writer that sends it is
 * started, and a session's {@code writing} flag (set on the sequencer's thread, as before) still
 * allows one writer at a time. Only sessions whose kick happens on a thread inside
 * {@link #deferring} are handed over; every other kick (a reply on a reader's thread, a close)
 * starts its writer at once.
 */
final class WriterStarts {
    private static final Logger log = LoggerFactory.getLogger(WriterStarts.class);
    private static final ThreadLocal<List<ChatSession>> DEFERRED = new ThreadLocal<>();
    /** {@code -Dnetlab.chat.writerStarts=inline}: the sequencer starts each writer itself (the measurement's other arm). */
    private static final boolean ENABLED = !"inline".equals(System.getProperty("netlab.chat.writerStarts"));

    private final LinkedBlockingQueue<List<ChatSession>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    WriterStarts(String name) {
        thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /**
     * Runs {@code fanOut} on this thread with the writer starts it causes collected, then hands
     * them over in one step. Nested calls and a disabled hand-over run {@code fanOut} as is.
     */
    void deferring(Runnable fanOut) {
        if (!ENABLED || DEFERRED.get() != null) {
            fanOut.run();
            return;
        }
        List<ChatSession> starts = new ArrayList<>();
        DEFERRED.set(starts);
        try {
            fanOut.run();
        } finally {
            DEFERRED.remove();
            if (!starts.isEmpty()) {
                queue.add(starts);
            }
        }
    }

    /** True if {@code session}'s writer will be started by this thread (the caller is inside {@link #deferring}). */
    static boolean deferred(ChatSession session) {
        List<ChatSession> starts = DEFERRED.get();
        if (starts == null) {
            return false;
        }
        starts.add(session);
        return true;
    }

    private void run() {
        try {
            while (true) {
                startAll(queue.take());
            }
        } catch (InterruptedException e) {
            // closing: start what is still queued, so no frame waits for a writer that never comes
            List<ChatSession> starts;
            while ((starts = queue.poll()) != null) {
                startAll(starts);
            }
        }
    }

    private static void startAll(List<ChatSession> starts) {
        for (ChatSession s : starts) {
            try {
                s.startWriter();
            } catch (RuntimeException e) { // the scheduler refused (the JVM is ending): the others still get theirs
                log.warn("a writer did not start: {}", e.toString());
            }
        }
    }

    /**
     * Stops the thread once what is queued has been started. Called by the sequencer's thread as it
     * ends (the only thread that defers), so nothing is handed over after it.
     */
    void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
