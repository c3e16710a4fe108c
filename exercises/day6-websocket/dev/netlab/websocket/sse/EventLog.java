package dev.netlab.websocket.sse;

import dev.netlab.kit.StubException;
import java.time.Duration;
import java.util.List;

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

    public EventLog(int capacity) {
        // keep the capacity; a deque of events, the last id, a lock and a condition for await
    }

    /** Adds an event with the next id and wakes every waiting stream. */
    public ServerSentEvent append(String type, String data) {
        throw StubException.notImplemented("6.15", "Server-Sent Events: ids and Last-Event-ID resume", "day6-websocket/README.md#server-sent-events");
    }

    /** The id of the newest event, "0" before the first. */
    public String lastId() {
        throw StubException.notImplemented("6.15", "Server-Sent Events: ids and Last-Event-ID resume", "day6-websocket/README.md#server-sent-events");
    }

    /** The kept events after {@code lastEventId} (see the class comment for null and unknown ids). */
    public List<ServerSentEvent> since(String lastEventId) {
        throw StubException.notImplemented("6.15", "Server-Sent Events: ids and Last-Event-ID resume", "day6-websocket/README.md#server-sent-events");
    }

    /** Like {@link #since}, but waits up to {@code timeout} while there is nothing newer; empty if nothing came. */
    public List<ServerSentEvent> await(String lastEventId, Duration timeout) throws InterruptedException {
        throw StubException.notImplemented("6.15", "Server-Sent Events: ids and Last-Event-ID resume", "day6-websocket/README.md#server-sent-events");
    }
}
