package dev.netlab.websocket.sse;

import java.nio.charset.StandardCharsets;

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
    private EventStreamEncoder() {}

    /**
     * One event, ending with the blank line. The data is split at CRLF, CR and LF (each line a
     * {@code data:} line; null data writes none, so the event is not dispatched). An id or an event type with CR or LF would end its line early and
     * inject fields; an id with NUL would be ignored by the browser (§9.2.6: "If the field value
     * does not contain U+0000 NULL, then set the last event ID buffer"): IllegalArgumentException.
     */
    public static String encode(ServerSentEvent event) {
        StringBuilder out = new StringBuilder();
        if (event.id() != null) {
            if (event.id().indexOf('\n') >= 0 || event.id().indexOf('\r') >= 0 || event.id().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an event id may not contain CR, LF or NUL");
            }
            out.append("id: ").append(event.id()).append('\n');
        }
        if (event.event() != null) {
            if (event.event().indexOf('\n') >= 0 || event.event().indexOf('\r') >= 0) {
                throw new IllegalArgumentException("an event type may not contain CR or LF");
            }
            out.append("event: ").append(event.event()).append('\n');
        }
        if (event.retry() != null) {
            if (event.retry().isNegative()) {
                throw new IllegalArgumentException("retry must not be negative");
            }
            out.append("retry: ").append(event.retry().toMillis()).append('\n');
        }
        if (event.data() != null) {
            for (String line : event.data().split("\r\n|\r|\n", -1)) {
                out.append("data: ").append(line).append('\n');
            }
        }
        return out.append('\n').toString();
    }

    /** Only a reconnection time: {@code retry: N} and a blank line, which sets the delay and dispatches nothing. */
    public static String retry(java.time.Duration delay) {
        return encode(new ServerSentEvent(null, null, null, delay));
    }

    /** A comment line (and its LF): ignored by browsers, it keeps an idle stream alive. CR/LF inside are not allowed. */
    public static String comment(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a comment is one line");
        }
        return ": " + text + "\n";
    }

    /** The event as the UTF-8 octets to write. */
    public static byte[] bytes(ServerSentEvent event) {
        return encode(event).getBytes(StandardCharsets.UTF_8);
    }
}
