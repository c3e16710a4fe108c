package dev.netlab.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Echo with one platform thread per connection. */
public final class ThreadPerConnectionEchoServer implements EchoServer {
    /** The accept backlog: connections the kernel completes before we accept them (RFC 9293 §3.10.1, LISTEN). */
    static final int BACKLOG = 1024;

    private final InetSocketAddress bind;
    private final BlockingEcho echo = new BlockingEcho();
    private volatile ServerSocket server;
    private Thread acceptor;

    public ThreadPerConnectionEchoServer(InetSocketAddress bind) {
        this.bind = bind;
    }

    @Override
    public void start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(bind, BACKLOG);
        server = s;
        acceptor = Thread.ofPlatform().name("echo-threads-acceptor").start(this::acceptLoop);
    }

    private void acceptLoop() {
        int n = 0;
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                echo.track(socket);
                Thread.ofPlatform().name("echo-threads-" + ++n).daemon().start(() -> echo.serve(socket));
            } catch (IOException e) {
                // stop() closed the server socket, or one accept failed (e.g. out of file descriptors): go on until closed.
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

    @Override
    public void stop(Duration grace) {
        ServerSocket s = server;
        if (s == null) {
            return;
        }
        BlockingEcho.closeQuietly(s);
        echo.awaitIdle(System.nanoTime() + grace.toNanos());
        echo.closeAll();
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
