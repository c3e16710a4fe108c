package dev.netlab.websocket.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.RawClient;
import dev.netlab.websocket.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ids and resume. Mistakes it catches: ids that restart or repeat, Last-Event-ID compared as
 * text ("10" &lt; "9"), the event at Last-Event-ID itself sent again, an unbounded history, an
 * unknown id that replays nothing or throws, a stream that blocks without a heartbeat, a waiter
 * not woken by a new event; digits checked one off ('0' or '9' taken for "not a digit", so
 * Last-Event-ID 10 or 9 replays everything), a capacity of 1 refused, a lock not released by
 * {@code lastId} or {@code since} (the next append from another thread waits forever).
 */
@Checkpoint(id = "6.15", title = "Server-Sent Events: ids and Last-Event-ID resume",
        edit = "dev/netlab/websocket/sse/EventLog.java",
        hint = "number events 1, 2, 3 ...; keep the last N; since(id) returns those with a larger number, all kept ones for an id you never sent, none for null",
        readme = "#server-sent-events")
class EventLogTest {
    private static List<String> data(List<ServerSentEvent> events) {
        return events.stream().map(ServerSentEvent::data).toList();
    }

    @Test
    @DisplayName("ids count up from 1; since(id) is everything after it, numerically; null is nothing (a new client starts live)")
    void since() {
        EventLog log = new EventLog(100);
        assertThat(log.lastId()).isEqualTo("0");
        for (int i = 1; i <= 12; i++) {
            ServerSentEvent e = log.append("chat", "e" + i);
            assertThat(e.id()).isEqualTo(Integer.toString(i));
            assertThat(e.event()).isEqualTo("chat");
        }
        assertThat(data(log.since("9"))).containsExactly("e10", "e11", "e12");
        assertThat(data(log.since("12"))).isEmpty();
        assertThat(data(log.since("0"))).hasSize(12);
        assertThat(log.since(null)).isEmpty();
        assertThat(log.lastId()).isEqualTo("12");
    }

    @Test
    @DisplayName("only the last N events are kept; an id older than them, or one never sent, replays what is kept")
    void bounded() {
        EventLog log = new EventLog(5);
        for (int i = 1; i <= 20; i++) {
            log.append(null, "e" + i);
        }
        assertThat(data(log.since("2"))).containsExactly("e16", "e17", "e18", "e19", "e20");
        assertThat(data(log.since("18"))).containsExactly("e19", "e20");
        assertThat(data(log.since("x7"))).hasSize(5);
        assertThat(data(log.since("99"))).as("an id from the future: never sent").hasSize(5);
        assertThat(data(log.since("-1"))).hasSize(5);
    }

    @Test
    @DisplayName("await returns at once when events are waiting, wakes on append, and returns empty after the timeout")
    void await() throws Exception {
        EventLog log = new EventLog(10);
        log.append(null, "old");
        assertThat(data(log.await("0", Duration.ofSeconds(5)))).containsExactly("old");
        long start = System.nanoTime();
        assertThat(log.await("1", Duration.ofMillis(200))).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
        CompletableFuture<List<ServerSentEvent>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return log.await("1", Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        log.append(null, "new");
        assertThat(data(waiting.get())).containsExactly("new");
    }

    private static String readFor(InputStream in, Duration d, java.net.Socket s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + d.toNanos();
        byte[] buf = new byte[4096];
        while (System.nanoTime() < deadline) {
            s.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            try {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("over HTTP: text/event-stream, retry first, replay after Last-Event-ID, live events, then a heartbeat comment")
    void overHttp() throws Exception {
        try (TestServer server = TestServer.start()) {
            for (int i = 1; i <= 5; i++) {
                server.log.append("chat", "e" + i);
            }
            try (RawClient c = RawClient.connect(server.port())) {
                c.send(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nLast-Event-ID: 3\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException ignored) {
                        return;
                    }
                    server.log.append("chat", "live");
                });
                String got = readFor(c.socket().in(), Duration.ofMillis(1500), c.socket().socket());
                assertThat(got).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Type: text/event-stream");
                String body = got.substring(got.indexOf("\r\n\r\n") + 4);
                EventStreamParser p = EventStreamParser.parse(body);
                assertThat(p.retry).isEqualTo(300);
                assertThat(p.events).extracting(EventStreamParser.Dispatched::data).containsExactly("e4", "e5", "live");
                assertThat(p.events.get(2).lastEventId()).isEqualTo("6");
                assertThat(p.comments).as("a heartbeat after 500 ms of silence").contains("heartbeat");
            }
        }
    }

    @Test
    @DisplayName("ids with the digits 0 and 9 resume after themselves (Last-Event-ID 9 and 10); a log of capacity 1 keeps the newest")
    void digitsAndTheSmallestLog() {
        EventLog log = new EventLog(100);
        for (int i = 1; i <= 12; i++) {
            log.append(null, "e" + i);
        }
        assertThat(log.since("10")).extracting(ServerSentEvent::id).containsExactly("11", "12");
        assertThat(log.since("9")).extracting(ServerSentEvent::id).containsExactly("10", "11", "12");
        EventLog one = new EventLog(1);
        one.append(null, "a");
        one.append(null, "b");
        assertThat(one.since("0")).extracting(ServerSentEvent::data).containsExactly("b");
    }

    @Test
    @DisplayName("every method lets go of the log: after lastId and since here, another thread appends at once")
    void locksAreReleased() throws Exception {
        EventLog log = new EventLog(10);
        log.append(null, "a");
        assertThat(log.lastId()).isEqualTo("1");
        assertThat(log.since("0")).hasSize(1);
        CompletableFuture.runAsync(() -> log.append(null, "b")).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(log.lastId()).isEqualTo("2");
    }
}
