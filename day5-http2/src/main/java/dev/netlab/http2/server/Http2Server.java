package dev.netlab.http2.server;

import dev.netlab.http2.frame.ConnectionPreface;
import dev.netlab.http2.frame.Setting;
import dev.netlab.kit.Deadline;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections and hands each to an {@link Http2Connection} on a virtual thread — the
 * three ways a connection becomes HTTP/2 (RFC 9113 §3), with one {@link Handler} for all:
 * <ul>
 *   <li><b>h2 over TLS</b> (§3.2): ALPN offers {@code h2} and {@code http/1.1} (RFC 7301); the
 *       client's choice decides, HTTP/1.1 being the fallback;</li>
 *   <li><b>h2c with prior knowledge</b> (§3.3): the first octets are the client preface;</li>
 *   <li><b>h2c by Upgrade</b> (RFC 7540 §3.2, which the JDK's HttpClient uses): an HTTP/1.1
 *       request with {@code Upgrade: h2c} and {@code HTTP2-Settings} gets {@code 101 Switching
 *       Protocols}, and its response comes on stream 1 over HTTP/2; any other HTTP/1.1 request
 *       is served as HTTP/1.1.</li>
 * </ul>
 * At most {@code maxConnections} connections are served at once: the accept loop takes a slot
 * before it accepts, so a connection beyond the cap waits in the kernel's accept backlog until
 * one closes (as day 3's engines do), and a flood of connections costs the server no thread and
 * no descriptor past the cap. A connection must bring its first octets — the client preface, the
 * HTTP/1.1 request line, the TLS handshake — within {@link ServerSettings#settingsTimeout()} (a
 * deadline for all of them, not a timeout per read), or it is closed: silent and trickling
 * connections do not hold their slots for ever.
 * For the capstone, {@link #serveConnection(Socket)} serves one already-accepted socket, and
 * {@link Http2Connection} serves any pair of streams.
 */
public final class Http2Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Http2Server.class);
    private static final String[] ALPN = {"h2", "http/1.1"};
    /** Connections served at once unless told otherwise ({@code serve --max-connections}). */
    public static final int DEFAULT_MAX_CONNECTIONS = 2_000;

    private final ServerSocket listener;
    private final Handler handler;
    private final ServerSettings settings;
    private final SSLContext tls;
    private final Set<Http2Connection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final int maxConnections;
    private final Semaphore slots;
    private volatile boolean stopping;
    private static volatile boolean stubReported;

    private Http2Server(ServerSocket listener, Handler handler, ServerSettings settings, SSLContext tls, int maxConnections) {
        this.listener = listener;
        this.handler = handler;
        this.settings = settings;
        this.tls = tls;
        this.maxConnections = maxConnections;
        this.slots = new Semaphore(maxConnections);
        this.acceptor = Thread.ofPlatform().name("h2-accept-" + listener.getLocalPort()).daemon().start(this::acceptLoop);
    }

    /**
     * Listens on {@code address} (port 0: any free one).
     *
     * @param tls the server's TLS context for h2 over TLS, or {@code null} for h2c
     */
    public static Http2Server start(InetSocketAddress address, Handler handler, ServerSettings settings, SSLContext tls)
            throws IOException {
        return start(address, handler, settings, tls, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * As {@link #start(InetSocketAddress, Handler, ServerSettings, SSLContext)}, serving at most
     * {@code maxConnections} connections at once; more wait in the accept backlog.
     */
    public static Http2Server start(InetSocketAddress address, Handler handler, ServerSettings settings, SSLContext tls,
                                    int maxConnections) throws IOException {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(address, 1024);
        return new Http2Server(listener, handler, settings, tls, maxConnections);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections being served now (at most {@code maxConnections}). */
    public int openConnections() {
        return maxConnections - slots.availablePermits();
    }

    private void acceptLoop() {
        while (!stopping) {
            try {
                slots.acquire(); // at the cap: wait for a close; new connections wait in the backlog
            } catch (InterruptedException e) {
                return;
            }
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                slots.release();
                if (stopping || listener.isClosed()) {
                    return;
                }
                // a transient failure (out of file descriptors: "Too many open files") must not end
                // the accept loop for good; wait a little for connections to close, then go on
                LOG.warn("accept failed: {}", e.toString());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            Thread.ofVirtual().name("h2-conn").start(() -> {
                try {
                    serveConnection(socket);
                } catch (IOException e) {
                    LOG.debug("connection ended: {}", e.toString());
                } finally {
                    slots.release();
                }
            });
        }
    }

    /** Serves one accepted socket to its end: TLS and ALPN if configured, else h2c either way. */
    public void serveConnection(Socket socket) throws IOException {
        sockets.add(socket);
        try (socket) {
            socket.setTcpNoDelay(true);
            // the first octets (handshake, preface or request line) within the settings timeout;
            // after them Http2Connection's own timers and HTTP/1.1's keep-alive take over
            socket.setSoTimeout((int) Math.max(1, settings.settingsTimeout().toMillis()));
            // ... and all of them within it: SO_TIMEOUT starts again with every octet, so a preface or
            // ClientHello trickled an octet at a time would hold the connection for as long as it likes
            Deadline firstOctets = Deadline.closes(socket, settings.settingsTimeout());
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
                ssl.setUseClientMode(false);
                SSLParameters p = ssl.getSSLParameters();
                p.setApplicationProtocols(ALPN);
                // RFC 9113 §9.2.2: TLS 1.2 deployments must avoid the block-listed cipher suites;
                // JSSE's defaults with TLS 1.3 preferred satisfy it
                p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                ssl.setSSLParameters(p);
                try {
                    ssl.startHandshake();
                } finally {
                    firstOctets.close();
                }
                socket.setSoTimeout(0);
                InputStream in = ssl.getInputStream();
                OutputStream out = ssl.getOutputStream();
                if ("h2".equals(ssl.getApplicationProtocol())) {
                    serveH2(in, out, null, null);
                } else {
                    serveHttp1(new BufferedInputStream(in), new BufferedOutputStream(out), "https", null);
                }
                return;
            }
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = socket.getOutputStream();
            boolean preface;
            try {
                preface = startsWithPreface(in);
            } finally {
                firstOctets.close();
            }
            socket.setSoTimeout(0);
            if (preface) {
                serveH2(in, out, null, null);
            } else {
                serveHttp1(in, new BufferedOutputStream(out), "http", out);
            }
        } finally {
            sockets.remove(socket);
        }
    }

    /** Peeks at the first octets: the client preface means prior knowledge (RFC 9113 §3.3). */
    private static boolean startsWithPreface(BufferedInputStream in) throws IOException {
        in.mark(ConnectionPreface.LENGTH);
        try {
            for (int i = 0; i < ConnectionPreface.LENGTH; i++) {
                int b = in.read();
                if (b != (ConnectionPreface.at(i) & 0xff)) {
                    return false;
                }
            }
            return true;
        } finally {
            in.reset();
        }
    }

    private void serveH2(InputStream in, OutputStream out, List<Setting> upgradeSettings, Request first) throws IOException {
        Http2Connection connection = new Http2Connection(in, out, handler, settings);
        connections.add(connection);
        try {
            if (stopping) {
                connection.shutdown(Duration.ZERO);
            }
            if (upgradeSettings == null) {
                connection.serve();
            } else {
                connection.serveUpgraded(upgradeSettings, first);
            }
        } catch (RuntimeException e) {
            reportStub(e);
        } finally {
            connections.remove(connection);
        }
    }

    /** HTTP/1.1 requests until the client closes, or the upgrade to h2c. */
    private void serveHttp1(InputStream in, OutputStream out, String scheme, OutputStream raw) throws IOException {
        while (!stopping) {
            Http1Exchange.Head head = Http1Exchange.readHead(in);
            if (head == null) {
                return;
            }
            byte[] body = Http1Exchange.readBody(in, head, settings.maxBodySize());
            Request request = Http1Exchange.request(head, body, scheme);
            if (raw != null && head.isH2cUpgrade()) {
                List<Setting> peer = settingsPayload(head.http2Settings());
                Http1Exchange.switchingProtocols(out);
                // the request came as HTTP/1.1, its response goes out on stream 1 over HTTP/2
                Request upgraded = new Request(1, request.method(), request.scheme(), request.authority(), request.path(),
                        null, request.headers(), request.body(), request.trailers(), "HTTP/2");
                serveH2(in, raw, peer, upgraded);
                return;
            }
            Response response;
            try {
                response = handler.handle(request);
            } catch (Exception e) {
                response = Response.text(500, "the handler failed: " + e + "\n");
            }
            boolean keepAlive = head.keepAlive() && !stopping;
            Http1Exchange.write(out, response, head.method().equals("HEAD"), keepAlive);
            if (!keepAlive) {
                return;
            }
        }
    }

    /** HTTP2-Settings holds a SETTINGS frame's payload (RFC 7540 §3.2.1). */
    private static List<Setting> settingsPayload(byte[] payload) throws IOException {
        if (payload.length % Setting.LENGTH != 0) {
            throw new IOException("HTTP2-Settings is not a SETTINGS payload");
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        List<Setting> list = new ArrayList<>();
        while (b.hasRemaining()) {
            list.add(new Setting(b.getShort() & 0xffff, b.getInt() & 0xffff_ffffL));
        }
        return list;
    }

    /** A stub of the learner's reached: say which checkpoint, once, not per connection. */
    private static void reportStub(RuntimeException e) {
        if (e.getClass().getSimpleName().equals("StubException")) {
            if (!stubReported) {
                stubReported = true;
                LOG.error("{}", e.getMessage());
            }
            return;
        }
        throw e;
    }

    /**
     * Stops accepting, ends every connection with GOAWAY NO_ERROR and lets streams in flight
     * finish within {@code grace}.
     */
    public void stopGracefully(Duration grace) {
        stopping = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        List<Thread> stops = new ArrayList<>();
        for (Http2Connection c : connections) {
            stops.add(Thread.ofVirtual().start(() -> c.shutdown(grace)));
        }
        for (Thread t : stops) {
            try {
                t.join(grace.plusMillis(500));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    @Override
    public void close() {
        stopping = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        acceptor.interrupt(); // it may be waiting for a slot, not in accept()
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
