package dev.netlab.websocket.server;

import dev.netlab.kit.Deadline;
import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.WireInput;
import dev.netlab.websocket.connection.ConnectionSettings;
import dev.netlab.websocket.connection.Ticker;
import dev.netlab.websocket.connection.WebSocketConnection;
import dev.netlab.websocket.handshake.Handshake;
import dev.netlab.websocket.handshake.HandshakeResult;
import dev.netlab.websocket.handshake.HttpHeadException;
import dev.netlab.websocket.handshake.HttpResponses;
import dev.netlab.websocket.handshake.RequestHead;
import dev.netlab.websocket.handshake.RequestHeadReader;
import dev.netlab.websocket.sse.EventLog;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The day's given server: an accept loop, a virtual thread per connection, a bounded HTTP/1.1
 * request head, then by path a page, a WebSocket endpoint (your {@code Handshake} and
 * {@code WebSocketConnection}) or a Server-Sent Events stream (your {@code EventStreamEncoder}
 * and {@code EventLog}). With an {@link SSLContext} it serves {@code https}/{@code wss}: it still
 * accepts on a plain {@link ServerSocket} and layers a server-mode {@link SSLSocket} over each
 * accepted TCP socket, so that it keeps the TCP socket to close when a deadline passes (see
 * {@link #serve}). At most {@link #maxConnections(int)} connections are served at once: the accept
 * loop takes a slot before it accepts, so a connection beyond the cap waits in the kernel's accept
 * backlog until one closes (as day 3's engines do), and a flood of connections costs no thread and
 * no descriptor past it.
 *
 * <pre>
 *  accept() ──▶ TCP socket ──▶ (wss) SSLSocket over it, server mode
 *           ──▶ virtual thread: a deadline for the TLS handshake and the request head, closing the TCP socket
 *                              route: page, event stream, or Handshake.upgrade + WebSocketConnection,
 *                              whose transport closes the SSLSocket on its own thread, the TCP socket on any other
 * </pre>
 */
public final class WebSocketServer implements AutoCloseable {
    /** The default time from a connection's start to the end of its request head. */
    public static final Duration HEAD_TIMEOUT = Duration.ofSeconds(10);
    /** Connections served at once unless told otherwise ({@code serve --max-connections}). */
    public static final int DEFAULT_MAX_CONNECTIONS = 2_000;
    private final InetSocketAddress bind;
    private final SSLContext tls;
    /** Layers TLS over accepted TCP sockets; null for ws. */
    private final SSLSocketFactory layers;
    private final ConnectionSettings settings;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, EventStream> streams = new ConcurrentHashMap<>();
    private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();
    /** The TCP sockets of the connections being served, never the SSLSockets over them: closing one never waits. */
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    /** The TCP sockets of open event streams. */
    private final Set<Socket> eventSockets = ConcurrentHashMap.newKeySet();
    private final java.util.List<String> lastEventIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Ticker ticker;
    private ServerSocket listener;
    private volatile boolean stopping;
    private Duration headTimeout = HEAD_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Semaphore slots;
    private Thread acceptor;

    private record Page(String contentType, byte[] body) {}

    public WebSocketServer(InetSocketAddress bind, SSLContext tls, ConnectionSettings settings) {
        this(bind, tls, settings, Ticker.shared());
    }

    public WebSocketServer(InetSocketAddress bind, SSLContext tls, ConnectionSettings settings, Ticker ticker) {
        this.bind = bind;
        this.tls = tls;
        this.layers = tls == null ? null : tls.getSocketFactory();
        this.settings = settings;
        this.ticker = ticker;
    }

    /** Serves {@code body} for GET {@code path}. */
    public WebSocketServer page(String path, String contentType, byte[] body) {
        pages.put(path, new Page(contentType, body));
        return this;
    }

    public WebSocketServer websocket(Endpoint endpoint) {
        endpoints.put(endpoint.path(), endpoint);
        return this;
    }

    /** Serves the events of {@code log} at {@code path}: replay after Last-Event-ID, then live, a comment every {@code heartbeat}. */
    public WebSocketServer events(String path, EventLog log, Duration heartbeat, Duration retry) {
        streams.put(path, new EventStream(log, heartbeat, retry));
        return this;
    }

    /**
     * The whole request head (and for TLS the handshake before it) must arrive within
     * {@code timeout} of the connection's start, or the connection is closed: a deadline for the
     * head, not a timeout per read, which a client sending one octet a second would never hit
     * (slowloris).
     */
    public WebSocketServer headTimeout(Duration timeout) {
        this.headTimeout = timeout;
        return this;
    }

    /** Serves at most {@code n} connections at once (before {@link #start()}); more wait in the accept backlog. */
    public WebSocketServer maxConnections(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + n);
        }
        this.maxConnections = n;
        return this;
    }

    public WebSocketServer start() throws IOException {
        slots = new Semaphore(maxConnections);
        listener = new ServerSocket(); // for wss too: TLS is layered over each accepted socket (serve)
        listener.setReuseAddress(true);
        listener.bind(bind, 1024);
        acceptor = Thread.ofPlatform().name("websocket-accept").daemon().start(this::acceptLoop);
        return this;
    }

    /** Connections being served now (at most the cap), WebSocket or not. */
    public int connectionsServed() {
        return maxConnections - slots.availablePermits();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** "ws" or "wss". */
    public String scheme() {
        return tls == null ? "ws" : "wss";
    }

    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Closes every open event stream, as a network failure would: browsers reconnect with Last-Event-ID. */
    public void dropEventStreams() {
        for (Socket s : eventSockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    /** The Last-Event-ID values of the event-stream requests so far, in order. */
    public java.util.List<String> lastEventIds() {
        return java.util.List.copyOf(lastEventIds);
    }

    /** Open WebSocket connections. */
    public int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!stopping) {
            try {
                slots.acquire(); // at the cap: wait for a close; new connections wait in the backlog
            } catch (InterruptedException e) {
                return;
            }
            try {
                Socket s = listener.accept();
                accepted.incrementAndGet();
                sockets.add(s);
                Thread.ofVirtual().name("websocket-conn").start(() -> {
                    try {
                        serve(s);
                    } finally {
                        slots.release();
                    }
                });
            } catch (IOException e) {
                slots.release();
                if (stopping) {
                    return;
                }
            }
        }
    }

    /**
     * One connection to its end. Every close that a deadline or another thread makes is of
     * {@code tcp}, never of the {@link SSLSocket} over it, because {@code SSLSocket.close()} is more
     * than a close and can wait. JSSE first sends its alerts (user_canceled and close_notify) under
     * the lock of the socket's output records — held for as long as the peer likes by a write
     * blocked on a peer that stopped reading; then it drains what the peer sent
     * ({@code SSLSocketImpl.closeSocket} → {@code SSLSocketInputRecord.deplete}: {@code available()},
     * then {@code skip()}), a read that waits for the TCP socket's read lock, which a TLS handshake
     * blocked in a read holds, up to {@code SO_TIMEOUT}. The head deadline's close runs on a thread
     * of its own (lab-kit's {@link Deadline}), but the WebSocket timers share one {@link Ticker}
     * thread for every connection: one close that waits there stops every connection's keep-alive,
     * idle and close timeouts. Closing {@code tcp} takes neither lock: the blocked read or write
     * fails at once and the connection's thread ends it. No alert goes out then — RFC 8446 §6.1
     * asks for close_notify before closing the write side, RFC 6455 §7.1.1 for a clean close of
     * TLS and TCP, and the connection's own thread does exactly that at its normal end; §7.1.1 also
     * lets an endpoint "close the connection via any means available when necessary", and a peer
     * that stopped reading or sending is that case.
     */
    private void serve(Socket tcp) {
        try (tcp) {
            tcp.setTcpNoDelay(true);
            Socket socket = layers == null ? tcp : layers.createSocket(tcp, null, true); // server mode; closing it closes tcp
            try (socket) {
                exchange(tcp, socket);
            }
        } catch (SocketException | java.io.EOFException | java.net.SocketTimeoutException e) {
            // the client went away, or sent its head too slowly (the head deadline closed it)
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (!StubNotice.report(e) && !stopping) {
                System.err.println("connection: " + e);
            }
        } finally {
            sockets.remove(tcp);
        }
    }

    /** The TLS handshake (for wss: on the first read) and the request head within the head timeout, then by path. */
    private void exchange(Socket tcp, Socket socket) throws IOException, InterruptedException {
        socket.setSoTimeout((int) headTimeout.toMillis());
        Deadline deadline = Deadline.closes(tcp, headTimeout); // tcp, not socket: see serve
        WireInput in;
        OutputStream out;
        RequestHead head;
        try {
            in = new WireInput(socket.getInputStream());
            out = socket.getOutputStream();
            head = RequestHeadReader.read(in);
        } catch (HttpHeadException e) {
            HttpResponses.write(socket.getOutputStream(), HttpResponses.encode(e.status(), List.of(),
                    "text/plain; charset=utf-8", (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8)));
            return;
        } catch (IOException e) {
            if (deadline.expired()) {
                return; // a TLS handshake or a request head too slow: the deadline closed tcp, nothing to report
            }
            throw e;
        } finally {
            deadline.close();
        }
        if (head == null) {
            return;
        }
        String path = head.path();
        Endpoint endpoint = endpoints.get(path);
        EventStream stream = streams.get(path);
        Page page = pages.get(path);
        if (endpoint != null) {
            upgrade(tcp, socket, in, out, head, endpoint);
        } else if (stream != null && head.method().equals("GET")) {
            socket.setSoTimeout(0);
            head.first("Last-Event-ID").ifPresent(lastEventIds::add);
            eventSockets.add(tcp);
            try {
                stream.serve(head, out, () -> stopping);
            } finally {
                eventSockets.remove(tcp);
            }
        } else if (page != null && (head.method().equals("GET") || head.method().equals("HEAD"))) {
            HttpResponses.write(out, HttpResponses.encode(200, List.of(), page.contentType(),
                    head.method().equals("HEAD") ? new byte[0] : page.body()));
        } else {
            int status = page != null || stream != null ? 405 : 404;
            HttpResponses.write(out, HttpResponses.encode(status, List.of(), "text/plain; charset=utf-8",
                    (status == 404 ? "no such page\n" : "method not allowed\n").getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void upgrade(Socket tcp, Socket socket, WireInput in, OutputStream out, RequestHead head, Endpoint endpoint)
            throws IOException {
        HandshakeResult result = Handshake.upgrade(head, endpoint.policy());
        HttpResponses.write(out, HttpResponses.encode(result));
        if (!(result instanceof HandshakeResult.Accept accept)) {
            return;
        }
        socket.setSoTimeout(0); // from here the connection's own timers (keep-alive, close timeout) apply
        ConnectionSettings s = settings.withDeflate(accept.deflate());
        WebSocketConnection connection = new WebSocketConnection(in, out, transport(tcp, socket), s, endpoint.handler().get());
        open.add(connection);
        ticker.register(connection);
        try {
            if (stopping) {
                connection.close(CloseCode.GOING_AWAY.code(), "server shutting down");
            }
            connection.run();
        } finally {
            ticker.unregister(connection);
            open.remove(connection);
        }
    }

    /**
     * What "close TCP" is for the connection (see {@link #serve}): over TLS, on the connection's own
     * thread (the end of {@code run()}) a clean close of the {@link SSLSocket}, close_notify first;
     * on any other thread — the {@link Ticker}'s idle and close timeouts, a room dropping a member
     * that stopped reading, a failed keep-alive Ping — a close of {@code tcp} that never waits. If
     * the clean close waits (behind a send stuck on the peer), the idle timeout's close of
     * {@code tcp} ends that send and the wait.
     */
    private static Closeable transport(Socket tcp, Socket socket) {
        if (socket == tcp) {
            return tcp;
        }
        Thread own = Thread.currentThread();
        return () -> {
            if (Thread.currentThread() == own) {
                socket.close();
            } else {
                tcp.close();
            }
        };
    }

    /**
     * Stops accepting, asks every WebSocket connection to close with 1001 (going away, RFC 6455
     * §7.4.1), ends event streams, and waits up to {@code grace}; what is left is closed.
     */
    public void stop(Duration grace) {
        stopping = true;
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        if (acceptor != null) {
            acceptor.interrupt(); // it may be waiting for a slot, not in accept()
        }
        for (WebSocketConnection c : open) {
            Thread.ofVirtual().start(() -> c.close(CloseCode.GOING_AWAY.code(), "server shutting down"));
        }
        streams.values().forEach(EventStream::wake);
        long deadline = System.nanoTime() + grace.toNanos();
        while (!sockets.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                break;
            }
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(1));
    }
}
