package dev.netlab.chat.web;

import dev.netlab.chat.metrics.ChatMetrics;
import dev.netlab.http1.Response;
import dev.netlab.http1.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The chat's HTTP side (given): the page, the dashboard and their assets from the class path
 * ({@code chat-site/}), {@code /metrics} and {@code /healthz}. Every response carries the
 * security fields: a strict Content-Security-Policy (scripts and styles from this origin only,
 * no inline code, no frames), {@code nosniff}, no referrer.
 */
public final class ChatSite {
    /**
     * CSP Level 3: nothing by default; scripts, styles, images and connections (fetch,
     * WebSocket: {@code 'self'} covers ws/wss to the same host) from this origin only; no
     * plugins, no base tag tricks, no form posts, not framed by anyone.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String resource, String type) {}

    private static final Map<String, Asset> ASSETS = Map.of(
            "/", new Asset("index.html", "text/html; charset=utf-8"),
            "/dashboard", new Asset("dashboard.html", "text/html; charset=utf-8"),
            "/assets/chat.js", new Asset("chat.js", "text/javascript; charset=utf-8"),
            "/assets/chat.css", new Asset("chat.css", "text/css; charset=utf-8"),
            "/assets/dashboard.js", new Asset("dashboard.js", "text/javascript; charset=utf-8"),
            "/assets/icon.svg", new Asset("icon.svg", "image/svg+xml"));

    private final ChatMetrics metrics;
    private final IntSupplier connections;
    private final BooleanSupplier healthy;
    private final String hsts;

    public ChatSite(ChatMetrics metrics, IntSupplier connections, BooleanSupplier healthy) {
        this(metrics, connections, healthy, null);
    }

    /**
     * @param hsts the {@code Strict-Transport-Security} value for every response (the site is
     *             served over TLS only), or null over plain HTTP (RFC 6797 §7.2: an HSTS host
     *             "MUST NOT include the STS header field in HTTP responses conveyed over
     *             non-secure transport")
     */
    public ChatSite(ChatMetrics metrics, IntSupplier connections, BooleanSupplier healthy, String hsts) {
        this.metrics = metrics;
        this.connections = connections;
        this.healthy = healthy;
        this.hsts = hsts;
    }

    /** The response to a page request (any HTTP version). */
    public Response handle(String method, String path) {
        boolean known = ASSETS.containsKey(path) || path.equals("/metrics") || path.equals("/healthz");
        if (!known) {
            return harden(Response.text(Status.NOT_FOUND, "no page at " + path + "\n"));
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return harden(Response.text(Status.METHOD_NOT_ALLOWED, method + " is not allowed here\n").header("Allow", "GET, HEAD"));
        }
        return harden(switch (path) {
            case "/metrics" -> Response.of(Status.OK).body(ChatMetrics.CONTENT_TYPE, metrics.render().getBytes(StandardCharsets.UTF_8));
            case "/healthz" -> health();
            default -> asset(ASSETS.get(path));
        });
    }

    private Response health() {
        boolean ok = healthy.getAsBoolean();
        String json = "{\"status\":\"" + (ok ? "ok" : "stopping") + "\",\"connections\":" + connections.getAsInt() + "}";
        return Response.of(ok ? Status.OK : Status.SERVICE_UNAVAILABLE).body("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Each asset's octets, read from the class path once: a request costs no read of the jar and no
     * allocation (the day-7 long abuse run's h2 rapid reset — thousands of requests a second whose
     * streams are reset while their workers go on — read and inflated the page for each and ran a
     * 256 MiB heap out of memory). The arrays are shared and never written.
     */
    private static final Map<String, byte[]> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Response asset(Asset a) {
        return Response.of(Status.OK).body(a.type(), LOADED.computeIfAbsent(a.resource(), ChatSite::load));
    }

    /** An asset's octets from {@code chat-site/} on the class path. */
    static byte[] load(String resource) {
        try (InputStream in = ChatSite.class.getResourceAsStream("/chat-site/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("chat-site/" + resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #secured} and, over TLS, the HSTS field: what every response of this site carries. */
    public Response harden(Response r) {
        secured(r);
        return hsts == null ? r : r.header("Strict-Transport-Security", hsts);
    }

    /** Adds the security fields every response of the chat carries. */
    public static Response secured(Response r) {
        return r.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cross-Origin-Opener-Policy", "same-origin")
                .header("Cache-Control", "no-cache");
    }
}
