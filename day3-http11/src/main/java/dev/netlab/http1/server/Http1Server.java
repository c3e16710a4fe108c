package dev.netlab.http1.server;

import dev.netlab.http1.Handler;
import dev.netlab.http1.Limits;
import dev.netlab.kit.StubReached;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accept loop of the {@link Server.Engine#THREADS} engine (given): one virtual thread per connection running the learner's
 * {@link HttpConnection}, at most {@code maxConnections} at a time, and a graceful stop.
 * Everything about HTTP happens in {@code HttpConnection}; this class only owns sockets.
 *
 * <pre>{@code
 * try (Http1Server server = Http1Server.start(new InetSocketAddress("127.0.0.1", 0), handler, Limits.defaults())) {
 *     ... server.port() ...
 *     server.stopGracefully(Duration.ofSeconds(2));
 * }
 * }</pre>
 */
public final class Http1Server implements Server {
    private static final Logger log = LoggerFactory.getLogger(Http1Server.class);

    private final InetSocketAddress address;
    private final Handler handler;
    private final Limits limits;
    private final Clock clock;
    private final Acceptor acceptor;
    private final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile RuntimeException firstFailure;

    private Http1Server(ServerSocketChannel listener, Handler handler, Limits limits, Clock clock, int maxConnections)
            throws IOException {
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.handler = handler;
        this.limits = limits;
        this.clock = clock;
        this.acceptor = new Acceptor(listener, maxConnections, this::startConnection);
    }

    public static Http1Server start(InetSocketAddress bind, Handler handler, Limits limits) throws IOException {
        return start(bind, handler, limits, Clock.systemUTC(), DEFAULT_MAX_CONNECTIONS);
    }

    public static Http1Server start(InetSocketAddress bind, Handler handler, Limits limits, Clock clock,
                                    int maxConnections) throws IOException {
        ServerSocketChannel listener = Acceptor.listen(bind);
        Http1Server server;
        try {
            server = new Http1Server(listener, handler, limits, clock, maxConnections);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        server.acceptor.start();
        return server;
    }

    /** The port listened on (also after the stop). */
    @Override
    public int port() {
        return address.getPort();
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    /** The first exception a connection's {@code run()} threw (a bug or a stub), or null: tests report it. */
    @Override
    public RuntimeException firstFailure() {
        return firstFailure;
    }

    /** Connections accepted since the start. */
    @Override
    public int connectionsAccepted() {
        return acceptor.accepted();
    }

    /** Connections open right now. */
    @Override
    public int openConnections() {
        return connections.size();
    }

    /** On the accept thread: a virtual thread for the new connection. */
    private void startConnection(SocketChannel channel, int id) {
        HttpConnection connection = new HttpConnection(channel, handler, limits, clock);
        connections.add(connection);
        Thread t = Thread.ofVirtual().name("http1-conn-" + id).unstarted(() -> serve(connection, channel));
        threads.add(t);
        t.start();
    }

    private void serve(HttpConnection connection, SocketChannel channel) {
        try {
            connection.run();
        } catch (IOException e) {
            log.debug("connection ended: {}", e.toString());
        } catch (RuntimeException e) {
            if (firstFailure == null) {
                firstFailure = e;
            }
            if (!StubReached.handle(e, log)) { // a stub: stop the program, or say it once in tests
                log.warn("connection failed: {}", e.toString());
            }
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            connections.remove(connection);
            threads.remove(Thread.currentThread());
            acceptor.released();
        }
    }

    /**
     * Graceful stop: refuses new connections (the listener closes), asks every connection
     * to finish the request in flight and close (idle ones close at once), waits up to
     * {@code grace}, then closes whatever is left.
     */
    @Override
    public void stopGracefully(Duration grace) {
        stopping = true;
        acceptor.stop();
        for (HttpConnection c : connections) {
            try {
                c.shutdown();
            } catch (RuntimeException e) {
                log.warn("shutdown of a connection failed: {}", e.toString());
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (HttpConnection c : connections) {
            try {
                c.abort();
            } catch (RuntimeException e) {
                log.warn("abort of a connection failed: {}", e.toString());
            }
        }
        try {
            acceptor.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops at once: {@link #stopGracefully} with no grace. */
    @Override
    public void close() {
        if (!stopping || !connections.isEmpty()) {
            stopGracefully(Duration.ZERO);
        }
    }
}
