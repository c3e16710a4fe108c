package dev.netlab.http1.server;

import dev.netlab.http1.Handler;
import dev.netlab.http1.Limits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger log = LoggerFactory.getLogger(LoopServer.class);

    private final ServerSocketChannel listener;
    private final InetSocketAddress address;
    private final LoopConnection.Context context;
    private final EventLoop[] loops;
    private final Semaphore slots;
    private final Set<LoopConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean stopping;
    private volatile RuntimeException firstFailure;

    private LoopServer(ServerSocketChannel listener, Handler handler, Limits limits, Clock clock, int maxConnections,
                       int loopCount) throws IOException {
        this.listener = listener;
        this.address = (InetSocketAddress) listener.getLocalAddress();
        this.context = new LoopConnection.Context(handler, limits, clock, () -> stopping, this::opened, this::closed, this::failed);
        this.slots = new Semaphore(maxConnections);
        this.loops = new EventLoop[loopCount];
        for (int i = 0; i < loopCount; i++) {
            loops[i] = new EventLoop("http1-loop-" + port() + "-" + i);
        }
        this.acceptor = Thread.ofPlatform().name("http1-accept-" + port()).daemon().unstarted(this::acceptLoop);
    }

    /** One event loop per available processor. */
    public static LoopServer start(InetSocketAddress bind, Handler handler, Limits limits) throws IOException {
        return start(bind, handler, limits, Clock.systemUTC(), DEFAULT_MAX_CONNECTIONS);
    }

    public static LoopServer start(InetSocketAddress bind, Handler handler, Limits limits, Clock clock,
                                   int maxConnections) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        LoopServer server;
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(bind, 1024);
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
        return accepted.get();
    }

    @Override
    public int openConnections() {
        return open.size();
    }

    /** Blocking accepts on a thread of their own; each connection goes to the next loop in turn. */
    private void acceptLoop() {
        int next = 0;
        while (!stopping) {
            try {
                slots.acquire();
                SocketChannel channel;
                try {
                    channel = listener.accept();
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.configureBlocking(false);
                } catch (IOException | RuntimeException e) {
                    slots.release();
                    throw e;
                }
                accepted.incrementAndGet();
                EventLoop loop = loops[next];
                next = (next + 1) % loops.length;
                loop.execute(() -> LoopConnection.register(channel, loop, context));
            } catch (ClosedChannelException e) {
                return; // stopped
            } catch (IOException e) {
                if (!stopping) {
                    log.warn("accept failed: {}", e.toString());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void opened(LoopConnection c) {
        open.add(c);
    }

    private void closed(LoopConnection c) {
        if (open.remove(c)) {
            slots.release();
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
        try {
            listener.close();
        } catch (IOException ignored) {
            // refusing new connections either way
        }
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
                loop.join(TimeUnit.SECONDS.toMillis(1));
            }
            acceptor.join(TimeUnit.SECONDS.toMillis(1));
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
