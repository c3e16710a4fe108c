package dev.netlab.http1.app;

import dev.netlab.http1.Handler;
import dev.netlab.http1.HttpException;
import dev.netlab.http1.Request;
import dev.netlab.http1.Response;
import dev.netlab.kit.StubException;
import java.util.List;
import java.util.Map;

/**
 * Routes a request by method and path pattern. Patterns are literal segments and
 * {@code {name}} parameters ({@code /todos/{id}}); a pattern ending in {@code {name...}}
 * takes the rest of the path (possibly empty), joined with '/'.
 *
 * <p>Your job, in {@code handle}: split the request's path at '/' <em>first</em>, then
 * percent-decode each segment (so {@code %2F} stays inside its segment); try the routes in
 * the order they were added; call the first whose pattern matches and whose method is the
 * request's — HEAD also runs a GET route (RFC 9110 §9.3.2). When patterns match but no method
 * does: 405 with {@code Allow} listing the methods that would work (GET implies HEAD); when
 * none matches: 404 (throw {@code HttpException.of(Status.NOT_FOUND, ...)}). The handler
 * gets the path parameters and the parsed query.
 */
public final class Router implements Handler {
    /** Adds a route; earlier routes win. */
    public Router route(String method, String pattern, RouteHandler handler) {
        throw StubException.notImplemented("3.11", "Routing: patterns, 404, 405 + Allow, HEAD, percent-decoding", "day3-http11/README.md#routing");
    }

    @Override
    public Response handle(Request request) throws HttpException {
        throw StubException.notImplemented("3.11", "Routing: patterns, 404, 405 + Allow, HEAD, percent-decoding", "day3-http11/README.md#routing");
    }

    /**
     * The query's parameters: {@code name=value} pairs separated by '&amp;', each
     * percent-decoded with '+' as a space; a name without '=' has the value "", repeated names
     * keep every value in order, empty pairs ({@code a=1&&b=2}, a trailing '&amp;') are skipped.
     * Null or "" gives an empty map.
     */
    public static Map<String, List<String>> parseQuery(String query) throws HttpException {
        throw StubException.notImplemented("3.11", "Routing: patterns, 404, 405 + Allow, HEAD, percent-decoding", "day3-http11/README.md#routing");
    }

    /**
     * Decodes {@code pct-encoded = "%" HEXDIG HEXDIG} (RFC 3986 §2.1) and reads the octets
     * as UTF-8 (§2.5). A '%' without two hex digits after it, or octets that are not UTF-8,
     * is 400 ({@code HttpException.of(Status.BAD_REQUEST, ...)}).
     */
    public static String percentDecode(String s, boolean plusIsSpace) throws HttpException {
        throw StubException.notImplemented("3.11", "Routing: patterns, 404, 405 + Allow, HEAD, percent-decoding", "day3-http11/README.md#routing");
    }
}
