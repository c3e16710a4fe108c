package dev.netlab.chat.web;

import dev.netlab.kit.StubException;
import java.util.Collection;

/**
 * Decides, from a request head alone, whether it is a page request, a WebSocket opening
 * handshake for one of the {@link Endpoint}s, or something to refuse before any WebSocket code
 * runs — including the Origin check that keeps other sites' pages off the chat (a browser lets
 * any page open a WebSocket to any server with your cookies: "cross-site WebSocket hijacking").
 *
 * <p>Your job, {@code route} ({@link HeadView#tokens} and {@link HeadView#values} are given):
 * <ol>
 *   <li>the path (the target before {@code ?}) is not an endpoint: a request asking for a
 *       WebSocket there ({@code Upgrade} contains the token {@code websocket}, or an RFC 8441
 *       {@code CONNECT} with a {@code :protocol} field {@code websocket}) is 404; anything else
 *       is {@link Route#PAGE};</li>
 *   <li>at an endpoint, unless it is that RFC 8441 CONNECT: the method must be GET (RFC 6455
 *       §4.1), else 405 with {@code Allow: GET}; {@code Upgrade} must contain {@code websocket}
 *       and {@code Connection} must contain {@code upgrade} (tokens, any case, any position in
 *       the list), else 426 with the fields {@code Upgrade: websocket} and
 *       {@code Connection: Upgrade} (RFC 9110 §15.5.22: the server MUST send Upgrade in a 426);</li>
 *   <li>the Origin check (RFC 6455 §10.2, §4.2.2): no {@code Origin} field at all is allowed
 *       (not a browser); two Origin fields, {@code null}, or an origin not in the allowed list
 *       is 403. Compare canonical forms ({@link #normalizeOrigin}), never the raw text;</li>
 *   <li>otherwise {@link Route.WebSocket} for that endpoint.</li>
 * </ol>
 * The allowed list is fixed at construction, never taken from the request's {@code Host} (a
 * DNS-rebinding attacker chooses that).
 *
 * <p>And {@code normalizeOrigin} (RFC 6454 §6.2, serialized origin {@code scheme "://" host
 * [":" port]}): surrounding whitespace removed, scheme and host in lower case, the scheme's
 * default port dropped (80 for http/ws, 443 for https/wss); null for {@code null}, an empty
 * value, anything with user info, a path (even {@code /}), a query or a fragment, or no host.
 * {@code java.net.URI} does the splitting.
 */
public final class UpgradeRouter {
    /** @param allowedOrigins serialized origins such as {@code https://127.0.0.1:8443}; IllegalArgumentException for one that is not */
    public UpgradeRouter(Collection<String> allowedOrigins) {
        // keep the normalized allowed origins in a Set
    }

    /** Where {@code head} goes. */
    public Route route(HeadView head) {
        throw StubException.notImplemented("7.06", "Upgrade routing and the Origin check", "day7-capstone/README.md#upgrade-routing-and-the-origin-check");
    }

    /** The canonical serialized origin, or null if {@code origin} is not one. */
    public static String normalizeOrigin(String origin) {
        throw StubException.notImplemented("7.06", "Upgrade routing and the Origin check", "day7-capstone/README.md#upgrade-routing-and-the-origin-check");
    }
}
