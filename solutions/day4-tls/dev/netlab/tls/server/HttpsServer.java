package dev.netlab.tls.server;

import dev.netlab.tls.http.ConnectionInfo;
import dev.netlab.tls.http.Handler;
import dev.netlab.tls.http.Http1Exchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A blocking HTTPS server: a plain {@link ServerSocket}, one virtual thread per connection, an
 * {@link SSLSocket} layered over each accepted TCP socket, the day's given HTTP/1.1 loop
 * ({@link Http1Exchange}) over it.
 *
 * <pre>
 *  accept() ──▶ TCP socket ──▶ SSLSocket over it (server mode, Options#parameters applied)
 *           ──▶ virtual thread: SO_TIMEOUT = handshake timeout, and a deadline that closes the TCP socket
 *                              set the ALPN selector, startHandshake()   (explicitly: failures end here)
 *                              cancel the deadline
 *                              count it (full or resumed), read SNI, ALPN, the client's identity
 *                              SO_TIMEOUT = idle timeout
 *                              Http1Exchange.serve(..., response -&gt; hsts.apply(response, info))
 * </pre>
 *
 * <p>What it must do, in order per connection:
 * <ol>
 *   <li>layer an {@link SSLSocket} over each accepted TCP socket
 *       ({@link SSLSocketFactory#createSocket(Socket, java.io.InputStream, boolean)}: server mode)
 *       and apply {@link Options#parameters()} to it (policy, SNI matchers, client auth);</li>
 *   <li>bound the handshake in time ({@link Options#handshakeTimeout()}), so a client that
 *       connects and says nothing (or half a ClientHello) does not hold a thread forever — the
 *       whole handshake, not each read: a ClientHello trickled one octet at a time resets a
 *       per-read timeout ({@code SO_TIMEOUT}) with every octet and would hold its connection, and
 *       its place under the cap, for as long as it likes. The deadline closes the <em>TCP</em>
 *       socket, never the SSLSocket: {@code SSLSocket.close()} can wait for the handshake's read
 *       (see {@link #serve});</li>
 *   <li>complete the handshake with {@code startHandshake()} before reading any request: a
 *       failed handshake (an old protocol, an untrusted client certificate, a plain-HTTP
 *       client, no common ALPN protocol) is counted in {@link #handshakeFailures()} and closes
 *       the socket quietly — it is the client's problem, not a server error to log;</li>
 *   <li>describe the connection in a {@link ConnectionInfo}: protocol, cipher suite, ALPN
 *       result, the SNI host name, the client identity (with {@link Options#identities()}),
 *       whether the session was resumed ({@link Options#handshakes()});</li>
 *   <li>serve requests with {@link Options#idleTimeout()} between them, each response with
 *       HSTS added ({@link Options#hsts()}, null for none).</li>
 * </ol>
 * At most {@code maxConnections} connections are served at once ({@link #DEFAULT_MAX_CONNECTIONS}
 * unless {@link #start(InetSocketAddress, SSLContext, Handler, Options, int)} says otherwise): take
 * a slot (a {@link java.util.concurrent.Semaphore} permit) <em>before</em> {@code accept()} and give
 * it back when the connection's socket is closed, whatever the path — so a connection beyond the
 * cap waits, connected, in the kernel's accept backlog and is served as soon as one closes, and a
 * flood of connections costs no thread past the cap.
 * {@link #stop(Duration)} stops accepting at once, lets open connections finish for the grace
 * period, then closes what is left.
 */
public final class HttpsServer implements AutoCloseable {
    /**
     * @param parameters applied to the listening socket's SSLParameters (policy, SNI matchers, client auth)
     * @param alpn the ALPN selector set on every connection, or null for no ALPN
     * @param identities maps client certificates to identities, or null when none are asked for
     * @param handshakes counts full and resumed handshakes, or null
     * @param hsts the Strict-Transport-Security policy, or null
     */
    public record Options(UnaryOperator<SSLParameters> parameters, AlpnSelector alpn, ClientIdentities identities,
            HandshakeCounter handshakes, Hsts hsts, Duration handshakeTimeout, Duration idleTimeout) {

        /** TLS policy only: no ALPN, no client certificates, HSTS for a year, 10 s handshakes, 30 s idle. */
        public static Options defaults() {
            return new Options(TlsPolicy::apply, null, null, new HandshakeCounter(), Hsts.oneYear(),
                    Duration.ofSeconds(10), Duration.ofSeconds(30));
        }
    }

    private final ServerSocket listener;
    private final SSLSocketFactory tls;
    private final Handler handler;
    private final Options options;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    /** The TCP sockets of open connections, for {@link #stop(Duration)}. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong failures = new AtomicLong();
    private final Semaphore slots;
    /**
     * Closes the TCP sockets whose handshake outlives its deadline: one platform thread for every
     * server, so it must never wait — closing a plain socket does not (see {@link #serve}).
     */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("https-handshake-deadlines").daemon().factory());

    private HttpsServer(ServerSocket listener, SSLSocketFactory tls, Handler handler, Options options, int maxConnections) {
        this.listener = listener;
        this.tls = tls;
        this.handler = handler;
        this.options = options;
        this.slots = new Semaphore(maxConnections);
        threads.submit(this::acceptLoop);
    }

    /** Connections served at once unless told otherwise ({@code serve --max-connections}). */
    public static final int DEFAULT_MAX_CONNECTIONS = 2_000;

    /** Listens on {@code address} (port 0: any free port) and starts accepting, at most {@link #DEFAULT_MAX_CONNECTIONS} connections at once. */
    public static HttpsServer start(InetSocketAddress address, SSLContext context, Handler handler, Options options)
            throws IOException {
        return start(address, context, handler, options, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * Listens on {@code address} and starts accepting, serving at most {@code maxConnections}
     * connections at once (at least 1); more wait in the accept backlog until one closes.
     */
    public static HttpsServer start(InetSocketAddress address, SSLContext context, Handler handler, Options options,
                                    int maxConnections) throws IOException {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(address, 256);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        return new HttpsServer(listener, context.getSocketFactory(), handler, options, maxConnections);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Handshakes that failed (refused, timed out, or abandoned by the client) since the start. */
    public long handshakeFailures() {
        return failures.get();
    }

    /** The options the server runs with. */
    public Options options() {
        return options;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                slots.acquire(); // at the cap: wait for a close; new connections wait in the backlog
            } catch (InterruptedException e) {
                return; // stop() ends the executor
            }
            Socket tcp;
            try {
                tcp = listener.accept();
                open.add(tcp);
            } catch (IOException e) {
                slots.release();
                return; // closed by stop()
            }
            threads.submit(() -> {
                try {
                    serve(tcp);
                } finally {
                    slots.release();
                }
            });
        }
    }

    /**
     * One connection to its end. The handshake deadline closes {@code tcp}, not the SSLSocket over
     * it, because {@code SSLSocket.close()} is more than a close and can wait: JSSE sends its
     * alerts, then drains what the peer sent ({@code SSLSocketImpl.closeSocket} →
     * {@code SSLSocketInputRecord.deplete}: {@code available()}, then {@code skip()}), and that
     * skip is a read, which waits for the socket's read lock — held by this connection's thread
     * while it waits in {@code startHandshake()} for the rest of the ClientHello, up to
     * {@code SO_TIMEOUT}. It happens whenever an octet waits unread as the deadline fires (a busy
     * server: the virtual thread waits for a carrier), and while {@link #DEADLINES}' one thread
     * waits, no other connection's deadline fires. Closing the TCP socket takes no such lock: the
     * blocked read fails at once and the handshake ends, without alerts — RFC 8446 §6.2 asks for
     * an alert on an error, and a deadline is no error of the protocol but a peer that stalls.
     */
    private void serve(Socket tcp) {
        SSLSocket socket;
        try {
            socket = (SSLSocket) tls.createSocket(tcp, null, true); // server mode; closing it closes tcp
        } catch (IOException gone) {
            closeQuietly(tcp); // the client left before the handshake began
            open.remove(tcp);
            return;
        }
        try (socket) {
            if (options.parameters() != null) {
                socket.setSSLParameters(options.parameters().apply(socket.getSSLParameters()));
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) options.handshakeTimeout().toMillis());
            if (options.alpn() != null) {
                socket.setHandshakeApplicationProtocolSelector(options.alpn());
            }
            long started = System.currentTimeMillis();
            // SO_TIMEOUT bounds each read; the deadline bounds them all (a trickled ClientHello)
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> closeQuietly(tcp),
                    options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            try {
                socket.startHandshake();
            } catch (IOException refused) {
                failures.incrementAndGet(); // refused (the alert went to the client) or cut by the deadline; nothing to log
                return;
            } finally {
                deadline.cancel(false);
            }
            SSLSession session = socket.getSession();
            boolean resumed = options.handshakes() != null
                    ? options.handshakes().record(session, started) : HandshakeCounter.isResumed(session, started);
            ConnectionInfo info = describe(socket, session, resumed);
            socket.setSoTimeout((int) options.idleTimeout().toMillis());
            Http1Exchange.serve(socket.getInputStream(), socket.getOutputStream(), handler, info,
                    options.hsts() == null ? UnaryOperator.identity() : response -> options.hsts().apply(response, info));
        } catch (SSLException | SocketException gone) {
            // the client closed or reset mid-connection
        } catch (IOException timeout) {
            // idle too long between requests: the connection simply closes
        } finally {
            open.remove(tcp);
        }
    }

    private ConnectionInfo describe(SSLSocket socket, SSLSession session, boolean resumed) {
        String serverName = "";
        if (session instanceof ExtendedSSLSession extended) {
            serverName = extended.getRequestedServerNames().stream().filter(n -> n instanceof SNIHostName)
                    .map(n -> ((SNIHostName) n).getAsciiName()).findFirst().orElse("");
        }
        String identity = options.identities() == null ? null
                : options.identities().identify(session).map(ClientIdentity::name).orElse(null);
        String alpn = socket.getApplicationProtocol();
        return new ConnectionInfo(true, session.getProtocol(), session.getCipherSuite(), alpn == null ? "" : alpn,
                serverName, identity, resumed, socket.getLocalPort());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops accepting; waits up to {@code grace} for open connections, then closes them. */
    public void stop(Duration grace) {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                List.copyOf(open).forEach(s -> { // the TCP sockets: closing them never waits (see serve)
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                });
                threads.shutdownNow();
                threads.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
