package dev.netlab.http1.server;

import dev.netlab.http1.Handler;
import dev.netlab.http1.Limits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Server.Engine#LOOP} engine (given): an accept thread and one {@link EventLoop}
 * per core, each serving its share of the connections without a thread per connection.
 * It runs the same learner code for HTTP as {@link Http1Server} — the incremental
 * {@link dev.netlab.http1.RequestParser} and the {@link dev.netlab.http1.ResponseWriter} — and
 * keeps the same promises: persistence and pipelining (RFC 9112 §9.3), the idle, header and
 * body timeouts, {@code Expect: 100-continue}, limits, and a graceful stop. See
 * day3-http11/README.md, "Two engines", for when each one pays.
 */
public final class LoopServer implements Server {

    private final InetSocketAddress address;
    private final LoopConnection.Context context;
    private final EventLoop[] loops;
    private final Acceptor acceptor;
    private final Set<LoopConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile RuntimeException firstFailure;

    private LoopServer(ServerSocketChannel listener, Handler handler, Limits limits, Clock clock, int maxConnections,
                       int loopCount) throws IOException {
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.context = new LoopConnection.Context(handler, limits, clock, () -> stopping,
                this::opened, this::closed, this::failed);
        this.loops = new EventLoop[loopCount];
        for (int i = 0; i < loopCount; i++) {
            loops[i] = new EventLoop("http1-loop-" + port() + "-" + i);
        }
        this.acceptor = new Acceptor(listener, maxConnections, this::handOff);
    }

    /** One event loop per available processor. */
    public static LoopServer start(InetSocketAddress bind, Handler handler, Limits limits) throws IOException {
        return start(bind, handler, limits, Clock.systemUTC(), DEFAULT_MAX_CONNECTIONS);
    }

    public static LoopServer start(InetSocketAddress bind, Handler handler, Limits limits, Clock clock,
                                   int maxConnections) throws IOException {
        ServerSocketChannel listener = Acceptor.listen(bind);
        LoopServer server;
        try {
            server = new LoopServer(listener, handler, limits, clock, maxConnections,
                    Runtime.getRuntime().availableProcessors());
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        for (EventLoop loop : server.loops) {
            loop.start();
        }
        server.acceptor.start();
        return server;
    }

    @Override
    public int port() {
        return address.getPort();
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public RuntimeException firstFailure() {
        return firstFailure;
    }

    @Override
    public int connectionsAccepted() {
        return acceptor.accepted();
    }

    @Override
    public int openConnections() {
        return open.size();
    }

    /** On the accept thread: each new connection goes to the next loop in turn. */
    private void handOff(SocketChannel channel, int id) throws IOException {
        channel.configureBlocking(false);
        EventLoop loop = loops[(id - 1) % loops.length];
        loop.execute(() -> LoopConnection.register(channel, loop, context));
    }

    private void opened(LoopConnection c) {
        open.add(c);
    }

    private void closed(LoopConnection c) {
        if (open.remove(c)) {
            acceptor.released();
        }
    }

    private void failed(RuntimeException e) {
        if (firstFailure == null) {
            firstFailure = e;
        }
    }

    @Override
    public void stopGracefully(Duration grace) {
        stopping = true;
        acceptor.stop();
        for (EventLoop loop : loops) {
            loop.execute(() -> loop.connections().forEach(LoopConnection::shutdown));
        }
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (!open.isEmpty() && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (EventLoop loop : loops) {
            loop.execute(() -> loop.connections().forEach(LoopConnection::abort));
            loop.stop();
        }
        try {
            for (EventLoop loop : loops) {
                loop.join(1_000);
            }
            acceptor.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (LoopConnection c : open) {
            c.abort(); // offloaded to a virtual thread when its loop stopped
        }
    }

    @Override
    public void close() {
        if (!stopping || !open.isEmpty()) {
            stopGracefully(Duration.ZERO);
        }
    }
}
