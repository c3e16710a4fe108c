package dev.netlab.websocket.sse;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recent events of a stream, numbered 1, 2, 3, ... so a browser that reconnects with
 * {@code Last-Event-ID: 41} gets 42 onwards — nothing lost, nothing twice. Bounded: only the
 * last {@code capacity} events are kept.
 *
 * <pre>
 *   appended:  ... 38 39 40 41 42 43        since("41")   -> 42, 43
 *   kept:          [39 ......... 43]        since("2")    -> 39 .. 43 (older ones are gone)
 *                                           since(null)   -> nothing: a new client starts live
 *                                           since("x7")   -> 39 .. 43 (an id we never sent)
 * </pre>
 */
public final class EventLog {
    private final int capacity;
    private final Deque<ServerSentEvent> events = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private long lastId;

    public EventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds an event with the next id and wakes every waiting stream. */
    public ServerSentEvent append(String type, String data) {
        lock.lock();
        try {
            ServerSentEvent e = new ServerSentEvent(Long.toString(++lastId), type, data, null);
            events.addLast(e);
            if (events.size() > capacity) {
                events.removeFirst();
            }
            appended.signalAll();
            return e;
        } finally {
            lock.unlock();
        }
    }

    /** The id of the newest event, "0" before the first. */
    public String lastId() {
        lock.lock();
        try {
            return Long.toString(lastId);
        } finally {
            lock.unlock();
        }
    }

    /** The kept events after {@code lastEventId} (see the class comment for null and unknown ids). */
    public List<ServerSentEvent> since(String lastEventId) {
        lock.lock();
        try {
            return after(lastEventId);
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #since}, but waits up to {@code timeout} while there is nothing newer; empty if nothing came. */
    public List<ServerSentEvent> await(String lastEventId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                List<ServerSentEvent> found = after(lastEventId == null ? Long.toString(lastId) : lastEventId);
                long left = deadline - System.nanoTime();
                if (!found.isEmpty() || left <= 0) {
                    return found;
                }
                appended.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private List<ServerSentEvent> after(String lastEventId) {
        if (lastEventId == null) {
            return List.of();
        }
        long after = parse(lastEventId);
        List<ServerSentEvent> out = new ArrayList<>();
        for (ServerSentEvent e : events) {
            if (after < 0 || Long.parseLong(e.id()) > after) {
                out.add(e);
            }
        }
        return out;
    }

    /** A decimal id we could have sent, or -1 for anything else (then everything kept is replayed). */
    private long parse(String id) {
        if (id.isEmpty() || id.length() > 18) {
            return -1;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return -1;
            }
        }
        long v = Long.parseLong(id);
        return v > lastId ? -1 : v;
    }
}
