package dev.netlab.http1.app;

import dev.netlab.http1.Handler;
import dev.netlab.http1.HttpException;
import dev.netlab.http1.Request;
import dev.netlab.http1.Response;
import dev.netlab.http1.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes a request by method and path pattern. Patterns are literal segments and
 * {@code {name}} parameters ({@code /todos/{id}}); a pattern ending in {@code {name...}}
 * takes the rest of the path. The path is split at '/' first and each segment is then
 * percent-decoded (RFC 3986 §2.1, §3.3), so an encoded slash {@code %2F} stays inside its
 * segment and cannot invent a new one.
 *
 * <ul>
 *   <li>no pattern matches the path: 404 (RFC 9110 §15.5.5);</li>
 *   <li>patterns match but not for this method: 405 with {@code Allow} listing the
 *       methods that would work — "The origin server MUST generate an Allow header field
 *       in a 405 response" (RFC 9110 §15.5.6);</li>
 *   <li>HEAD runs the GET route (RFC 9110 §9.3.2; the writer drops the content).</li>
 * </ul>
 */
public final class Router implements Handler {
    private record Route(String method, List<String> segments, RouteHandler handler) {}

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; earlier routes win. */
    public Router route(String method, String pattern, RouteHandler handler) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a pattern starts with '/': " + pattern);
        }
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    @Override
    public Response handle(Request request) throws HttpException {
        String rawPath = request.path();
        if (!rawPath.startsWith("/")) {
            // asterisk-form and authority-form name no resource here
            throw HttpException.of(Status.NOT_FOUND, "no resource for target " + request.head().target().raw());
        }
        List<String> segments = new ArrayList<>();
        for (String raw : split(rawPath)) {
            segments.add(percentDecode(raw, false));
        }
        String method = request.method();
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), segments);
            if (params == null) {
                continue;
            }
            allowed.add(route.method());
            if (route.method().equals("GET")) {
                allowed.add("HEAD");
            }
            if (route.method().equals(method) || (method.equals("HEAD") && route.method().equals("GET"))) {
                return route.handler().handle(request, new RouteParams(params, parseQuery(request.head().target().query())));
            }
        }
        if (allowed.isEmpty()) {
            throw HttpException.of(Status.NOT_FOUND, "no resource at " + rawPath);
        }
        return Response.text(Status.METHOD_NOT_ALLOWED, method + " is not allowed here\n")
                .header("Allow", String.join(", ", allowed));
    }

    /** The path parameters when {@code pattern} matches {@code path}, else null. */
    private static Map<String, String> match(List<String> pattern, List<String> path) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{") && p.endsWith("...}")) {
                params.put(p.substring(1, p.length() - 4), String.join("/", path.subList(Math.min(i, path.size()), path.size())));
                return params;
            }
            if (i >= path.size()) {
                return null;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                if (path.get(i).isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), path.get(i));
            } else if (!p.equals(path.get(i))) {
                return null;
            }
        }
        return pattern.size() == path.size() ? params : null;
    }

    /** "/a/b/" → ["a", "b", ""]; "/" → [""]. */
    private static List<String> split(String path) {
        return List.of(path.substring(1).split("/", -1));
    }

    /**
     * The query's parameters: {@code name=value} pairs separated by '&amp;', each
     * percent-decoded, '+' as a space (the form-urlencoded convention of query strings).
     * A name without '=' has the value "". Null or empty gives an empty map.
     */
    public static Map<String, List<String>> parseQuery(String query) throws HttpException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1), true);
            out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return out;
    }

    /**
     * Decodes percent-encoded octets (RFC 3986 §2.1: {@code pct-encoded = "%" HEXDIG HEXDIG})
     * and reads the octets as UTF-8 (RFC 3986 §2.5). A '%' not followed by two hex digits,
     * or octets that are not UTF-8, is 400.
     */
    public static String percentDecode(String s, boolean plusIsSpace) throws HttpException {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
            return s;
        }
        ByteArrayOutputStream octets = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 1 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw HttpException.of(Status.BAD_REQUEST, "malformed percent-encoding in " + s);
                }
                octets.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                octets.write(' ');
            } else {
                octets.write(c); // the target is US-ASCII: the parser refused anything else
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(octets.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw HttpException.of(Status.BAD_REQUEST, "percent-encoded octets are not UTF-8 in " + s);
        }
    }
}
