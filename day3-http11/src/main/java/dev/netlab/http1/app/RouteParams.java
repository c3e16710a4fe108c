package dev.netlab.http1.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a route sees of the request-target, percent-decoded (RFC 3986 §2.1).
 *
 * @param path  the {@code {name}} segments of the route's pattern, by name
 * @param query every query parameter, its values in order ({@code ?a=1&a=2} is {@code a=[1, 2]})
 */
public record RouteParams(Map<String, String> path, Map<String, List<String>> query) {
    public static final RouteParams NONE = new RouteParams(Map.of(), Map.of());

    public String path(String name) {
        String v = path.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the route has no parameter {" + name + "}");
        }
        return v;
    }

    /** The first value of query parameter {@code name}. */
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
