package dev.netlab.websocket.sse;

import dev.netlab.kit.StubException;

/**
 * Writes events in the {@code text/event-stream} format (HTML Living Standard §9.2.5, "Parsing
 * an event stream"): UTF-8, one {@code field: value} line per field, a blank line to dispatch.
 *
 * <pre>
 *   id: 42                 the browser keeps it and sends Last-Event-ID: 42 when it reconnects
 *   event: chat            addEventListener('chat', ...) instead of onmessage
 *   retry: 3000            reconnect after 3 s (integer milliseconds)
 *   data: first line       one data line per line of the data, joined by LF on the other side
 *   data: second line
 *                          a blank line dispatches the event
 *   : heartbeat            a comment, ignored by the browser, keeps proxies and NATs from timing out
 * </pre>
 */
public final class EventStreamEncoder {

    /**
     * One event, ending with the blank line. The data is split at CRLF, CR and LF (each line a
     * {@code data:} line; null data writes none, so the event is not dispatched). An id or an event type with CR or LF would end its line early and
     * inject fields; an id with NUL would be ignored by the browser (§9.2.6: "If the field value
     * does not contain U+0000 NULL, then set the last event ID buffer"): IllegalArgumentException.
     */
    public static String encode(ServerSentEvent event) {
        throw StubException.notImplemented("6.14", "Server-Sent Events: the event-stream format", "day6-websocket/README.md#server-sent-events");
    }

    /** Only a reconnection time: {@code retry: N} and a blank line, which sets the delay and dispatches nothing. */
    public static String retry(java.time.Duration delay) {
        throw StubException.notImplemented("6.14", "Server-Sent Events: the event-stream format", "day6-websocket/README.md#server-sent-events");
    }

    /** A comment line (and its LF): ignored by browsers, it keeps an idle stream alive. CR/LF inside are not allowed. */
    public static String comment(String text) {
        throw StubException.notImplemented("6.14", "Server-Sent Events: the event-stream format", "day6-websocket/README.md#server-sent-events");
    }

    /** The event as the UTF-8 octets to write. */
    public static byte[] bytes(ServerSentEvent event) {
        throw StubException.notImplemented("6.14", "Server-Sent Events: the event-stream format", "day6-websocket/README.md#server-sent-events");
    }
}
