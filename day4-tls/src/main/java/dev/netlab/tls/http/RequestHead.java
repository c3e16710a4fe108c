package dev.netlab.tls.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The head of an HTTP/1.1 request as the day's small given reader ({@link Http1Exchange}) saw
 * it: day 4 is about TLS, so HTTP here is the minimum (day 3 is the real HTTP/1.1 server).
 *
 * @param method the method token
 * @param target the request-target as sent ({@code /index.html?x=1})
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param fields the field lines, names as sent, values trimmed
 */
public record RequestHead(String method, String target, String version, List<Field> fields) {
    public record Field(String name, String value) {}

    public RequestHead {
        fields = List.copyOf(fields);
    }

    /** The first value of the field {@code name} (case-insensitive). */
    public Optional<String> field(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return fields.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(lower)).map(Field::value).findFirst();
    }

    /** The path of the target, without the query. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }
}
