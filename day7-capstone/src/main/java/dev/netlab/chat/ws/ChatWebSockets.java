package dev.netlab.chat.ws;

import dev.netlab.chat.service.ChatService;
import dev.netlab.chat.web.Endpoint;
import dev.netlab.chat.web.HeadView;
import dev.netlab.chat.web.Upgraded;
import dev.netlab.chat.web.WebSocketUpgrade;
import dev.netlab.http1.HttpVersion;
import dev.netlab.websocket.WireInput;
import dev.netlab.websocket.connection.ConnectionSettings;
import dev.netlab.websocket.connection.Ticker;
import dev.netlab.websocket.connection.WebSocketConnection;
import dev.netlab.websocket.connection.WebSocketHandler;
import dev.netlab.websocket.deflate.DeflateParameters;
import dev.netlab.websocket.handshake.Handshake;
import dev.netlab.websocket.handshake.HandshakePolicy;
import dev.netlab.websocket.handshake.HandshakeResult;
import dev.netlab.websocket.handshake.HttpResponses;
import dev.netlab.websocket.handshake.RequestHead;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat's WebSocket endpoints on YOUR day 6 (given): the opening handshake
 * ({@link Handshake}: RFC 6455 §4.2 over HTTP/1.1, RFC 8441 §5 over HTTP/2) and then a
 * {@link WebSocketConnection} over whatever carries it — the upgraded TLS socket, or the byte
 * tunnel of an HTTP/2 stream (day 5's {@code Tunnel}). {@code /chat} goes to the chat
 * ({@link ChatSocket}), {@code /live} to the dashboard's {@link LiveFeed}.
 *
 * <p>The routing and its Origin check (your 7.06) ran before; the handshake checks the rest
 * (version 13, the key, permessage-deflate) against the same allowed origins.
 */
public final class ChatWebSockets implements WebSocketUpgrade {
    /** SO_SNDBUF of an upgraded WebSocket's socket (see {@link #take}). */
    static final int SEND_BUFFER = 64 * 1024;
    /**
     * The buffer of each WebSocket's {@link WireInput}: every connection keeps one for its life,
     * and a chat message is one small frame. Day 6's default of 4 KiB was 4 KB of the 28 KB a
     * connection held at 10,000 (README "Performance", a heap dump); a payload longer than this
     * is read straight into the caller's array once the buffer is empty ({@link WireInput#read}).
     */
    static final int READ_BUFFER = 512;

    /** Which way a WebSocket came. */
    public enum Transport { HTTP1_UPGRADE, HTTP2_EXTENDED_CONNECT }

    private final ChatService chat;
    private final LiveFeed live;
    private final HandshakePolicy policy;
    private final ConnectionSettings settings;
    private final Ticker ticker;
    private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong overHttp1 = new AtomicLong();
    private final AtomicLong overHttp2 = new AtomicLong();

    /**
     * @param origins the serialized origins whose pages may open a WebSocket (the same list as the router's)
     */
    public ChatWebSockets(ChatService chat, LiveFeed live, Collection<String> origins, Ticker ticker) {
        this.chat = chat;
        this.live = live;
        // permessage-deflate (RFC 7692): Chromium offers it, chat JSON compresses well
        this.policy = new HandshakePolicy(Set.copyOf(origins), false, List.of(), true);
        // a message is a JSON frame of at most maxFrameChars characters: 4 octets each in UTF-8 at worst;
        // a peer that does not answer our Close within a second is cut off (the shutdown has 2 s in all)
        this.settings = ConnectionSettings.server()
                .withMaxMessageSize(4L * chat.limits().maxFrameChars())
                .withCloseTimeout(Duration.ofSeconds(1))
                .withKeepAlive(Duration.ofMillis(chat.limits().pingIntervalMillis()), Duration.ofMillis(chat.limits().idleTimeoutMillis()));
        this.ticker = ticker;
    }

    /** RFC 6455 §4.2: the HTTP/1.1 upgrade (101), then the connection until it closes. */
    @Override
    public void take(Upgraded c) throws IOException {
        String version = c.head().version() == HttpVersion.HTTP_1_1 ? "HTTP/1.1" : "HTTP/1.0";
        HandshakeResult result = Handshake.upgrade(head(c.view(), version, List.of()), policy);
        c.out().write(HttpResponses.encode(result));
        c.out().flush();
        if (!(result instanceof HandshakeResult.Accept accept)) {
            return;
        }
        c.socket().setSoTimeout(0); // from here the engine's own timers apply (keep-alive, close timeout)
        // What a member that stops reading can hold in the kernel: Linux grows a socket's send buffer up to
        // tcp_wmem's maximum (4 MiB), and a member that reads nothing took about 3 MB before our writer even
        // blocked -- minutes of a quiet room, during which neither bound of the slow-consumer policy could see
        // it. A fixed buffer (the kernel doubles it for its bookkeeping) lets the writer block after ~100 KB,
        // so the policy's time bound starts there; chat frames are small, and 64 KiB in flight is plenty.
        c.socket().setSendBufferSize(SEND_BUFFER);
        InputStream in = prefixed(c.buffered(), c.in());
        String peer = c.socket().getInetAddress().getHostAddress() + ":" + c.socket().getPort();
        overHttp1.incrementAndGet();
        // The engine closes its transport from its own thread at the end (close_notify first: RFC 8446 §6.1)
        // and from others when a timer or a drop ends it (the shared Ticker's idle and close timeouts). Those
        // close the TCP socket: SSLSocket.close() takes the lock of the output a send stuck on a member that
        // stopped reading holds, and the Ticker's one thread would wait there with every connection's timers
        // (RFC 6455 §7.1.1 lets a server end the TCP connection "by any means available when necessary").
        Thread own = Thread.currentThread();
        Socket tls = c.socket();
        Socket tcp = c.tcp();
        Closeable transport = () -> {
            if (Thread.currentThread() == own) {
                tls.close();
            } else {
                tcp.close();
            }
        };
        run(c.endpoint(), new WireInput(in, READ_BUFFER), c.out(), transport, accept.deflate(), peer);
    }

    /**
     * RFC 8441 §4–5: an extended CONNECT with {@code :protocol websocket} on an HTTP/2 stream,
     * answered {@code :status 200} and then a WebSocket over the stream's DATA frames; or the
     * handshake's refusal.
     */
    public dev.netlab.http2.server.Response overHttp2(HeadView view, String authority, Endpoint endpoint, String peer) {
        List<RequestHead.Field> pseudo = List.of(new RequestHead.Field(":authority", authority == null ? "" : authority),
                new RequestHead.Field(":path", view.target()));
        HandshakeResult result = Handshake.extendedConnect(head(view, "HTTP/2", pseudo), policy);
        if (!(result instanceof HandshakeResult.Accept accept)) {
            HandshakeResult.Refuse refuse = (HandshakeResult.Refuse) result;
            dev.netlab.http2.server.Response r = dev.netlab.http2.server.Response.text(refuse.status(), refuse.reason() + "\n");
            for (RequestHead.Field f : refuse.fields()) {
                r = r.header(f.name(), f.value());
            }
            return r;
        }
        dev.netlab.http2.server.Response r = dev.netlab.http2.server.Response.tunnel((in, out) -> {
            Thread tunnel = Thread.currentThread();
            // Closing the WebSocket's transport ends our half of the stream (END_STREAM). Only the
            // tunnel's own thread writes that; another thread (the close timeout) wakes it instead.
            Closeable transport = () -> {
                if (Thread.currentThread() == tunnel) {
                    Thread.interrupted();
                    out.close();
                } else {
                    tunnel.interrupt();
                }
            };
            overHttp2.incrementAndGet();
            run(endpoint, new WireInput(in, READ_BUFFER), out, transport, accept.deflate(), peer);
            Thread.interrupted(); // let the server send END_STREAM
        });
        for (RequestHead.Field f : accept.fields()) {
            r = r.header(f.name(), f.value());
        }
        return r;
    }

    private void run(Endpoint endpoint, WireInput in, OutputStream out, Closeable transport, DeflateParameters deflate,
                     String peer) {
        CorkedOutput corked = endpoint == Endpoint.LIVE ? null : new CorkedOutput(out);
        WebSocketHandler handler = corked == null ? live.handler() : new ChatSocket(chat, peer, corked);
        WebSocketConnection connection = new WebSocketConnection(in, corked == null ? out : corked, transport,
                settings.withDeflate(deflate), handler);
        open.add(connection);
        ticker.register(connection);
        try {
            connection.run();
        } finally {
            ticker.unregister(connection);
            open.remove(connection);
        }
    }

    /** The day-6 request head of a routed request, with {@code extra} fields first. */
    private static RequestHead head(HeadView view, String version, List<RequestHead.Field> extra) {
        List<RequestHead.Field> fields = new ArrayList<>(extra);
        for (HeadView.Field f : view.fields()) {
            fields.add(new RequestHead.Field(f.name(), f.value()));
        }
        return new RequestHead(view.method(), view.target(), version, fields);
    }

    /** The octets read past the head, then the rest of the stream. */
    private static InputStream prefixed(ByteBuffer buffered, InputStream in) {
        if (!buffered.hasRemaining()) {
            return in;
        }
        byte[] early = new byte[buffered.remaining()];
        buffered.get(early);
        return new SequenceInputStream(new ByteArrayInputStream(early), in);
    }

    /** WebSockets open now (chat and dashboards). */
    public int open() {
        return open.size();
    }

    /** WebSockets opened so far that came over {@code transport}. */
    public long opened(Transport transport) {
        return transport == Transport.HTTP1_UPGRADE ? overHttp1.get() : overHttp2.get();
    }

    /** The last step of a shutdown: whatever did not close by itself is cut off. */
    public void abortAll() {
        open.forEach(WebSocketConnection::abort);
    }
}
