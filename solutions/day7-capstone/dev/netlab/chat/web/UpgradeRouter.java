package dev.netlab.chat.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, from a request head alone, whether it is a page request, a WebSocket opening
 * handshake for one of the {@link Endpoint}s, or something to refuse before any WebSocket
 * code runs — including the Origin check that keeps other sites' pages off the chat.
 *
 * <p>Why the Origin check: a browser sends cookies and other ambient credentials with a
 * WebSocket handshake to any site, whichever page opened it, and the same-origin policy does
 * not apply to WebSocket. Without the check, a page on {@code evil.example} could open
 * {@code wss://chat/} in your browser and talk as you ("cross-site WebSocket hijacking").
 * RFC 6455 §10.2: "If the server does not wish to accept this connection, it MUST return an
 * appropriate HTTP error code (e.g., 403 Forbidden)". The allowed origins are a fixed list,
 * never derived from the request's own {@code Host}, which a DNS-rebinding attacker controls.
 */
public final class UpgradeRouter {
    private final Set<String> allowed = new HashSet<>();

    /** @param allowedOrigins serialized origins such as {@code https://127.0.0.1:8443} (RFC 6454 §6.2) */
    public UpgradeRouter(Collection<String> allowedOrigins) {
        for (String origin : allowedOrigins) {
            String normal = normalizeOrigin(origin);
            if (normal == null) {
                throw new IllegalArgumentException("not a serialized origin: " + origin);
            }
            allowed.add(normal);
        }
    }

    /** Where {@code head} goes. */
    public Route route(HeadView head) {
        Endpoint endpoint = Endpoint.at(head.path());
        boolean h1Upgrade = head.tokens("Upgrade").contains("websocket");
        // RFC 8441 §4: over HTTP/2 the handshake is an extended CONNECT with :protocol = websocket
        boolean h2Connect = head.method().equals("CONNECT") && head.values(":protocol").equals(List.of("websocket"));
        if (endpoint == null) {
            return h1Upgrade || h2Connect
                    ? new Route.Refuse(404, "no WebSocket endpoint at " + head.path())
                    : Route.PAGE;
        }
        if (!h2Connect) {
            // RFC 6455 §4.1: "The method of the request MUST be GET"
            if (!head.method().equals("GET")) {
                return new Route.Refuse(405, endpoint.path() + " is a WebSocket endpoint: GET with Upgrade: websocket",
                        List.of(new HeadView.Field("Allow", "GET")));
            }
            // RFC 6455 §4.2.1: an Upgrade field containing "websocket" and a Connection field
            // containing "Upgrade"; RFC 9110 §15.5.22: "The server MUST send an Upgrade header
            // field in a 426 response to indicate the required protocol(s)"
            if (!h1Upgrade || !head.tokens("Connection").contains("upgrade")) {
                return new Route.Refuse(426, endpoint.path() + " speaks WebSocket only",
                        List.of(new HeadView.Field("Upgrade", "websocket"), new HeadView.Field("Connection", "Upgrade")));
            }
        }
        List<String> origins = head.values("Origin");
        if (!origins.isEmpty()) {
            // RFC 6454 §7.3: "The user agent MUST NOT include more than one Origin header field"
            if (origins.size() > 1) {
                return new Route.Refuse(403, "more than one Origin field");
            }
            String normal = normalizeOrigin(origins.get(0));
            if (normal == null || !allowed.contains(normal)) {
                return new Route.Refuse(403, "origin " + origins.get(0).strip() + " may not open " + endpoint.path());
            }
        }
        // no Origin at all: not a browser (RFC 6455 §4.1 makes it mandatory for browsers only),
        // so no cross-site page is behind it
        return new Route.WebSocket(endpoint);
    }

    /**
     * The canonical form of a serialized origin (RFC 6454 §6.2): {@code scheme "://" host [":" port]},
     * scheme and host in lower case, the scheme's default port dropped; null for anything else,
     * including {@code null}, a path, user info, a query or a fragment.
     */
    public static String normalizeOrigin(String origin) {
        String value = origin.strip();
        if (value.isEmpty() || value.equals("null")) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !uri.getRawPath().isEmpty()) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port == defaultPort(scheme)) {
            port = -1;
        }
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> -2;
        };
    }
}
