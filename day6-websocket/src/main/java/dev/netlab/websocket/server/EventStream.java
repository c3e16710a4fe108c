package dev.netlab.websocket.server;

import dev.netlab.websocket.handshake.RequestHead;
import dev.netlab.websocket.sse.EventLog;
import dev.netlab.websocket.sse.EventStreamEncoder;
import dev.netlab.websocket.sse.ServerSentEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Serves one {@code text/event-stream} response: the head, a {@code retry}, the events after the
 * client's {@code Last-Event-ID}, then new events as they come, and a comment after every
 * {@code heartbeat} of silence. The response has no length: it ends when the server stops or the
 * client goes (HTTP/1.1 delimited by the close, RFC 9112 §6.3).
 */
final class EventStream {
    private static final byte[] HEAD = ("HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/event-stream; charset=utf-8\r\n"
            + "Cache-Control: no-store\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

    private final EventLog log;
    private final Duration heartbeat;
    private final Duration retry;

    EventStream(EventLog log, Duration heartbeat, Duration retry) {
        this.log = log;
        this.heartbeat = heartbeat;
        this.retry = retry;
    }

    void serve(RequestHead head, OutputStream out, BooleanSupplier stopping) throws IOException, InterruptedException {
        String last = head.first("Last-Event-ID").orElse(null);
        // render everything first: a stub fails here, before the 200 head is sent
        String start = EventStreamEncoder.retry(retry);
        List<ServerSentEvent> replay = log.since(last);
        StringBuilder first = new StringBuilder(start);
        for (ServerSentEvent e : replay) {
            first.append(EventStreamEncoder.encode(e));
        }
        out.write(HEAD);
        out.write(first.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String cursor = replay.isEmpty() ? log.lastId() : replay.get(replay.size() - 1).id();
        while (!stopping.getAsBoolean()) {
            List<ServerSentEvent> events = log.await(cursor, heartbeat);
            if (stopping.getAsBoolean()) {
                return;
            }
            StringBuilder chunk = new StringBuilder();
            if (events.isEmpty()) {
                chunk.append(EventStreamEncoder.comment("heartbeat"));
            }
            for (ServerSentEvent e : events) {
                chunk.append(EventStreamEncoder.encode(e));
                cursor = e.id();
            }
            out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Wakes waiting streams so they see the server stopping. */
    void wake() {
        log.append(null, null);
    }
}
