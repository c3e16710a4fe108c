package dev.netlab.websocket.sse;

import java.time.Duration;

/**
 * One event of a {@code text/event-stream} (HTML Living Standard §9.2, "Server-sent events").
 *
 * @param id the event id, or null (the browser sends the last one back as {@code Last-Event-ID} when it reconnects)
 * @param event the event type, or null for the default type {@code message}
 * @param data the data, may span lines
 * @param retry the reconnection time to ask of the browser, or null
 */
public record ServerSentEvent(String id, String event, String data, Duration retry) {
    public static ServerSentEvent data(String data) {
        return new ServerSentEvent(null, null, data, null);
    }
}
