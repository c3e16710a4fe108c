package dev.netlab.chat.server;

import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.cluster.RedisBus;
import dev.netlab.chat.history.HistoryStore;
import dev.netlab.chat.metrics.ChatMetrics;
import dev.netlab.chat.service.ChatService;
import dev.netlab.chat.web.ChatH2;
import dev.netlab.chat.web.ChatHttpServer;
import dev.netlab.chat.web.ChatSite;
import dev.netlab.chat.web.ChatTls;
import dev.netlab.chat.web.StubNotice;
import dev.netlab.chat.web.UpgradeRouter;
import dev.netlab.chat.ws.ChatWebSockets;
import dev.netlab.chat.ws.LiveFeed;
import dev.netlab.http1.Limits;
import dev.netlab.http2.server.ServerSettings;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.tls.http.PlainHttpServer;
import dev.netlab.tls.server.HttpsRedirect;
import dev.netlab.websocket.connection.Ticker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole chat server, composed from the days (given): the chat service and its history
 * (today), TLS with ALPN and the redirecting plain-HTTP port (day 4), HTTP/2 with RFC 8441
 * (day 5), HTTP/1.1 (day 3), WebSocket (day 6). The chat program runs one; tests start one in
 * their own JVM.
 *
 * <pre>
 *   :8080 plain HTTP ── 308 ──► :8443 TLS 1.3/1.2, ALPN ──┬─ h2: pages, /metrics, CONNECT :protocol websocket ─┐
 *                                                         └─ http/1.1: pages, /metrics, Upgrade: websocket ─────┤
 *                                        /chat ─► ChatSocket ─► ChatService (sequencer, rooms, history) ◄───────┘
 *                                        /live ─► LiveFeed (the metrics once a second)
 * </pre>
 */
public final class ChatServer implements AutoCloseable {
    /**
     * How to run.
     *
     * @param host the address to listen on
     * @param port the HTTPS port (0: any free one)
     * @param redirectPort the plain-HTTP port that redirects to HTTPS (0: any free one; -1: none)
     * @param db the history database (SQLite)
     * @param tls whether to serve HTTPS (false: plain HTTP/1.1, no h2 — day 3 alone)
     * @param h2 whether ALPN offers {@code h2} (false: HTTP/1.1 only, the WebSocket by Upgrade)
     * @param extraOrigins origins allowed besides the server's own
     * @param limits the chat's limits
     * @param hstsMaxAge the HSTS max-age
     * @param certificates the lab CA and the server certificate
     * @param redis null: one instance, history in {@code db}; else one instance of several sharing rooms,
     *              presence and history through this Redis (CLUSTER.md; {@code db} unused)
     */
    public record Options(String host, int port, int redirectPort, Path db, boolean tls, boolean h2,
                          List<String> extraOrigins, ChatLimits limits, Duration hstsMaxAge, DevCertificates certificates,
                          RedisBus.Config redis) {
        public Options(String host, int port, int redirectPort, Path db, boolean tls, boolean h2,
                       List<String> extraOrigins, ChatLimits limits, Duration hstsMaxAge, DevCertificates certificates) {
            this(host, port, redirectPort, db, tls, h2, extraOrigins, limits, hstsMaxAge, certificates, null);
        }

        /** One instance of a cluster sharing {@code config}'s Redis. */
        public Options withRedis(RedisBus.Config config) {
            return new Options(host, port, redirectPort, db, tls, h2, extraOrigins, limits, hstsMaxAge, certificates, config);
        }

        /** HTTPS with h2 on a free port, no redirect port, the default limits: what tests start. */
        public static Options testing(Path db) {
            return new Options("127.0.0.1", 0, -1, db, true, true, List.of(), ChatLimits.defaults(), Duration.ofMinutes(5),
                    DevCertificates.standard());
        }

        public Options withLimits(ChatLimits l) {
            return new Options(host, port, redirectPort, db, tls, h2, extraOrigins, l, hstsMaxAge, certificates, redis);
        }

        public Options withH2(boolean on) {
            return new Options(host, port, redirectPort, db, tls, on, extraOrigins, limits, hstsMaxAge, certificates, redis);
        }

        /** Listens on {@code p} (0: a free port): a restart on the port the pages know. */
        public Options withPort(int p) {
            return new Options(host, p, redirectPort, db, tls, h2, extraOrigins, limits, hstsMaxAge, certificates, redis);
        }

        public Options withRedirectPort(int p) {
            return new Options(host, port, p, db, tls, h2, extraOrigins, limits, hstsMaxAge, certificates, redis);
        }
    }

    private final Options options;
    private final ChatMetrics metrics;
    private final ChatService chat;
    private final LiveFeed live;
    private final ChatWebSockets websockets;
    private final ChatHttpServer front;
    private final PlainHttpServer redirect;
    private final String url;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    private ChatServer(Options options, ChatMetrics metrics, ChatService chat, LiveFeed live, ChatWebSockets websockets,
                       ChatHttpServer front, PlainHttpServer redirect) {
        this.options = options;
        this.metrics = metrics;
        this.chat = chat;
        this.live = live;
        this.websockets = websockets;
        this.front = front;
        this.redirect = redirect;
        this.url = (options.tls() ? "https://" : "http://") + shown(options.host()) + ":" + front.port() + "/";
    }

    /** Opens the history, listens, and serves. */
    public static ChatServer start(Options o) throws IOException, SQLException {
        ChatMetrics metrics = new ChatMetrics();
        ChatService chat = o.redis() == null
                ? ChatService.start(o.limits(), HistoryStore.open(o.db()), Clock.systemUTC(), metrics)
                : ChatService.startClustered(o.limits(), RedisBus.connect(o.redis()),
                        o.redis().presenceTtl().dividedBy(3), Clock.systemUTC(), metrics);
        ServerSocket listener = null;
        PlainHttpServer redirect = null;
        try {
            listener = ChatHttpServer.listen(new InetSocketAddress(o.host(), o.port()));
            int port = listener.getLocalPort();
            Set<String> origins = origins(o, port);
            ChatTls tls = o.tls() ? ChatTls.create(o.certificates(), null, null,
                    o.h2() ? ChatTls.ALPN : List.of("http/1.1"), o.hstsMaxAge()) : null;
            LiveFeed live = new LiveFeed(metrics, Duration.ofSeconds(1), 64);
            ChatWebSockets websockets = new ChatWebSockets(chat, live, origins, Ticker.shared());
            UpgradeRouter router = new UpgradeRouter(origins);
            ChatSite site = new ChatSite(metrics, chat::connections, chat::healthy, tls == null ? null : tls.hstsValue());
            ServerSettings h2Settings = ServerSettings.defaults().withConnectProtocol(true); // RFC 8441 §3
            ChatHttpServer.Config config = new ChatHttpServer.Config(Limits.defaults(), router, site, websockets,
                    new StubNotice(), o.limits().maxConnections() + 256, tls,
                    tls != null && o.h2() ? peer -> new ChatH2(router, site, websockets, peer) : null,
                    h2Settings, Duration.ofSeconds(10));
            ChatHttpServer front = ChatHttpServer.start(listener, config, Clock.systemUTC());
            if (tls != null && o.redirectPort() >= 0) {
                redirect = PlainHttpServer.start(new InetSocketAddress(o.host(), o.redirectPort()), new HttpsRedirect(port),
                        Duration.ofSeconds(10));
            }
            return new ChatServer(o, metrics, chat, live, websockets, front, redirect);
        } catch (IOException | RuntimeException e) {
            if (listener != null) {
                listener.close();
            }
            if (redirect != null) {
                redirect.close();
            }
            chat.shutdown(Duration.ofMillis(500));
            throw e;
        }
    }

    /** The server's own origins (the names a browser on this machine reaches it by) and the extra ones. */
    private static Set<String> origins(Options o, int port) {
        Set<String> origins = new LinkedHashSet<>();
        String scheme = o.tls() ? "https://" : "http://";
        for (String name : List.of(shown(o.host()), "127.0.0.1", "localhost", "[::1]")) {
            origins.add(scheme + name + ":" + port);
        }
        origins.addAll(o.extraOrigins());
        return origins;
    }

    static String shown(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** {@code https://127.0.0.1:PORT/}. */
    public String url() {
        return url;
    }

    public int port() {
        return front.port();
    }

    /** The plain-HTTP port that redirects, or -1. */
    public int redirectPort() {
        return redirect == null ? -1 : redirect.port();
    }

    public ChatService chat() {
        return chat;
    }

    public ChatMetrics metrics() {
        return metrics;
    }

    public ChatWebSockets websockets() {
        return websockets;
    }

    public ChatHttpServer front() {
        return front;
    }

    public Options options() {
        return options;
    }

    /**
     * Graceful shutdown, within 2 s: no new connections; idle HTTP connections closed, requests
     * in flight answered; h2 connections told GOAWAY; every message already read stored and
     * acknowledged; every WebSocket closed with 1001 (going away); the history closed (SQLite
     * folds its log into the database file).
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (redirect != null) {
            redirect.close();
        }
        front.stopGracefully(Duration.ofMillis(300));
        live.stop();
        chat.shutdown(Duration.ofMillis(1000));
        long deadline = System.nanoTime() + Duration.ofMillis(400).toNanos();
        while (websockets.open() > 0 && System.nanoTime() < deadline) { // the peers' Close answers
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        websockets.abortAll();
        front.awaitStopped(Duration.ofMillis(200));
    }

    @Override
    public void close() {
        stop();
    }
}
