package dev.netlab.chat.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A request head as the routing sees it, whichever HTTP version carried it: the method,
 * the target as sent, and the header fields in order (names as sent). Day 3's parser fills
 * it for HTTP/1.1; day 5's streams will fill it for HTTP/2 (RFC 8441's extended CONNECT
 * carries {@code :protocol} instead of {@code Upgrade}).
 */
public record HeadView(String method, String target, List<Field> fields) {
    /** One field line. */
    public record Field(String name, String value) {}

    public HeadView {
        fields = List.copyOf(fields);
    }

    /** A head from alternating names and values: {@code of("GET", "/chat", "Upgrade", "websocket")}. */
    public static HeadView of(String method, String target, String... namesAndValues) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            fields.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new HeadView(method, target, fields);
    }

    /** The path of the target: everything before {@code ?}. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** Every value of the field {@code name} (case-insensitive, RFC 9110 §5.1), one per field line, in order. */
    public List<String> values(String name) {
        List<String> values = new ArrayList<>(1);
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                values.add(f.value());
            }
        }
        return values;
    }

    /**
     * The comma-separated elements of every {@code name} field line, trimmed, lower-cased,
     * empty ones dropped (RFC 9110 §5.6.1): {@code Connection: keep-alive, Upgrade} gives
     * {@code [keep-alive, upgrade]}.
     */
    public List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>(2);
        for (String value : values(name)) {
            for (String element : value.split(",")) {
                String t = element.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    tokens.add(t);
                }
            }
        }
        return tokens;
    }
}
