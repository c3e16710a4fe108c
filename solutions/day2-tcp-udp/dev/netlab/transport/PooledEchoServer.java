package dev.netlab.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Echo on a {@link BoundedWorkerPool}. Overload policy: a connection that finds every worker
 * busy and the queue full is closed at once, unread, and counted.
 */
public final class PooledEchoServer implements EchoServer {
    private final InetSocketAddress bind;
    private final int workers;
    private final int queueCapacity;
    private final BlockingEcho echo = new BlockingEcho();
    private final AtomicLong rejected = new AtomicLong();
    private volatile ServerSocket server;
    private BoundedWorkerPool pool;
    private Thread acceptor;

    public PooledEchoServer(InetSocketAddress bind, int workers, int queueCapacity) {
        this.bind = bind;
        this.workers = workers;
        this.queueCapacity = queueCapacity;
    }

    @Override
    public void start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(bind, ThreadPerConnectionEchoServer.BACKLOG);
        server = s;
        pool = new BoundedWorkerPool("echo-pool", workers, queueCapacity);
        acceptor = Thread.ofPlatform().name("echo-pool-acceptor").start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                echo.track(socket);
                if (!pool.offer(() -> echo.serve(socket))) {
                    // The overload policy: refuse now, unread, rather than queue without bound.
                    rejected.incrementAndGet();
                    echo.refuse(socket);
                }
            } catch (IOException e) {
                // closed by stop(), or a failed accept: the loop condition decides
            }
        }
    }

    @Override
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(bind.getAddress(), port());
    }

    public long rejected() {
        return rejected.get();
    }

    @Override
    public void stop(Duration grace) {
        ServerSocket s = server;
        if (s == null) {
            return;
        }
        BlockingEcho.closeQuietly(s);
        try {
            acceptor.join(1000);
            pool.shutdown(); // drain: queued connections are still served within the grace period
            pool.awaitTermination(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        echo.closeAll();
        pool.shutdownNow();
    }
}
