package dev.netlab.websocket.sse;

import java.util.ArrayList;
import java.util.List;

/**
 * The browser's side, for tests: HTML Living Standard §9.2.6 "Interpreting an event stream",
 * written from the specification (lines end at CRLF, LF or CR; "field: value" with one optional
 * space; data lines joined by LF; an event with an empty data buffer is not dispatched; the
 * last event id persists; a NUL in an id is ignored; retry only if all digits).
 */
final class EventStreamParser {
    record Dispatched(String type, String data, String lastEventId) {}

    final List<Dispatched> events = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    long retry = -1;
    String lastEventId = "";
    private final StringBuilder data = new StringBuilder();
    private String type = "";

    static EventStreamParser parse(String stream) {
        EventStreamParser p = new EventStreamParser();
        for (String line : stream.split("\\r\\n|\\r|\\n", -1)) {
            p.line(line);
        }
        return p;
    }

    private void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            comments.add(line.substring(1).strip());
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> type = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                    retry = Long.parseLong(value);
                }
            }
            default -> { }
        }
    }

    private void dispatch() {
        if (data.isEmpty()) {
            type = "";
            return;
        }
        String d = data.substring(0, data.length() - 1);
        events.add(new Dispatched(type.isEmpty() ? "message" : type, d, lastEventId));
        data.setLength(0);
        type = "";
    }
}
