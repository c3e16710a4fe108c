package dev.netlab.websocket.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The event-stream format. Mistakes it catches: a multi-line data value written as one
 * {@code data:} line (the browser would cut it), only LF handled when data holds CR or CRLF,
 * the closing blank line missing (nothing is ever dispatched), an id or type with a newline
 * that injects fields, retry in seconds instead of milliseconds, a comment that is not a line
 * starting with ':'; a CR, LF or NUL looked for with {@code indexOf(...) > 0}, so one at the
 * very start of an id, a type or a comment slips through.
 */
@Checkpoint(id = "6.14", title = "Server-Sent Events: the event-stream format",
        edit = "dev/netlab/websocket/sse/EventStreamEncoder.java",
        hint = "one 'field: value' line each for id, event, retry (ms), one 'data:' line per line of the data, then a blank line; ': text' is a comment",
        readme = "#server-sent-events")
class EventStreamEncoderTest {
    @Test
    @DisplayName("HTML §9.2.5: id, event, retry in milliseconds, data, and the blank line that dispatches")
    void format() {
        assertThat(EventStreamEncoder.encode(new ServerSentEvent("42", "chat", "hello", Duration.ofSeconds(3))))
                .isEqualTo("id: 42\nevent: chat\nretry: 3000\ndata: hello\n\n");
        assertThat(EventStreamEncoder.encode(ServerSentEvent.data("plain"))).isEqualTo("data: plain\n\n");
        assertThat(EventStreamEncoder.encode(ServerSentEvent.data(""))).isEqualTo("data: \n\n");
        assertThat(EventStreamEncoder.comment("heartbeat")).isEqualTo(": heartbeat\n");
        assertThat(EventStreamEncoder.retry(Duration.ofMillis(1500))).isEqualTo("retry: 1500\n\n");
    }

    @Test
    @DisplayName("data with LF, CR and CRLF becomes one data: line per line, and the browser's parser joins them with LF")
    void multiLine() {
        String stream = EventStreamEncoder.encode(ServerSentEvent.data("one\ntwo\r\nthree\rfour\n"));
        assertThat(stream).isEqualTo("data: one\ndata: two\ndata: three\ndata: four\ndata: \n\n");
        EventStreamParser p = EventStreamParser.parse(stream);
        assertThat(p.events).hasSize(1);
        assertThat(p.events.get(0).data()).isEqualTo("one\ntwo\nthree\nfour\n");
    }

    @Test
    @DisplayName("a stream of events, comments and a retry parses back to the same events (the browser's algorithm)")
    void roundTrip() {
        String stream = EventStreamEncoder.retry(Duration.ofMillis(2000))
                + EventStreamEncoder.encode(new ServerSentEvent("1", null, "first", null))
                + EventStreamEncoder.comment("heartbeat")
                + EventStreamEncoder.encode(new ServerSentEvent("2", "chat", ": not a comment\ndata: not a field", null))
                + EventStreamEncoder.encode(new ServerSentEvent(null, "tick", "no id", null));
        EventStreamParser p = EventStreamParser.parse(stream);
        assertThat(p.retry).isEqualTo(2000);
        assertThat(p.comments).containsExactly("heartbeat");
        assertThat(p.events).containsExactly(
                new EventStreamParser.Dispatched("message", "first", "1"),
                new EventStreamParser.Dispatched("chat", ": not a comment\ndata: not a field", "2"),
                new EventStreamParser.Dispatched("tick", "no id", "2"));
    }

    @Test
    @DisplayName("an id or type with CR or LF (field injection), an id with NUL, a multi-line comment are refused")
    void refused() {
        assertThatThrownBy(() -> EventStreamEncoder.encode(new ServerSentEvent("1\ndata: injected", null, "x", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventStreamEncoder.encode(new ServerSentEvent("1\r", null, "x", null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventStreamEncoder.encode(new ServerSentEvent("1\0", null, "x", null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventStreamEncoder.encode(new ServerSentEvent(null, "a\nb", "x", null))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventStreamEncoder.comment("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("HTML §9.2.6: a line break at the very start of an id, an event type or a comment is refused too (it would inject a field)")
    void lineBreakAtTheStart() {
        for (String bad : new String[] {"\n", "\r", "\nevent: x"}) {
            assertThatThrownBy(() -> EventStreamEncoder.encode(new ServerSentEvent(bad, null, "d", null)))
                    .as("id %s", bad.replace("\n", "\\n").replace("\r", "\\r")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> EventStreamEncoder.encode(new ServerSentEvent(null, bad, "d", null)))
                    .as("event type").isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> EventStreamEncoder.comment(bad))
                    .as("comment").isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> EventStreamEncoder.encode(new ServerSentEvent("\0", null, "d", null)))
                .as("an id that is NUL").isInstanceOf(IllegalArgumentException.class);
    }
}
