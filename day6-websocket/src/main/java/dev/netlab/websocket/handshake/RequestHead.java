package dev.netlab.websocket.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP request head as the handshake sees it: method, target, version and the field lines
 * in order. For HTTP/1.1 the version is {@code "HTTP/1.1"}; for an RFC 8441 extended CONNECT
 * over HTTP/2 it is {@code "HTTP/2"}, the method {@code CONNECT}, the target the {@code :path},
 * and the {@code :protocol} and {@code :authority} pseudo-header fields are fields like others.
 */
public record RequestHead(String method, String target, String version, List<Field> fields) {
    /** One field line; names compare case-insensitively (RFC 9110 §5.1). */
    public record Field(String name, String value) {}

    public RequestHead {
        fields = List.copyOf(fields);
    }

    /** A request head from alternating names and values: {@code of("GET", "/chat", "HTTP/1.1", "Host", "x", ...)}. */
    public static RequestHead of(String method, String target, String version, String... namesAndValues) {
        List<Field> list = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            list.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new RequestHead(method, target, version, list);
    }

    /** Every value of the field {@code name}, in order. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                out.add(f.value());
            }
        }
        return out;
    }

    /** How many field lines have this name. */
    public int count(String name) {
        return all(name).size();
    }

    /** The first value of {@code name}. */
    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The elements of a comma-separated list field over all its lines (RFC 9110 §5.6.1),
     * trimmed, empty elements dropped, case kept: {@code Connection: keep-alive, Upgrade}.
     */
    public List<String> elements(String name) {
        List<String> out = new ArrayList<>();
        for (String value : all(name)) {
            for (String element : value.split(",")) {
                String e = element.strip();
                if (!e.isEmpty()) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Whether a list field holds {@code token}, compared case-insensitively. */
    public boolean hasToken(String name, String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        return elements(name).stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).equals(lower));
    }

    /** The path of the target without its query. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }
}
