package dev.netlab.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Echo with one virtual thread per connection: blocking code, parked instead of blocked. */
public final class VirtualThreadEchoServer implements EchoServer {
    private final InetSocketAddress bind;
    private final BlockingEcho echo = new BlockingEcho();
    private volatile ServerSocket server;
    private Thread acceptor;

    public VirtualThreadEchoServer(InetSocketAddress bind) {
        this.bind = bind;
    }

    @Override
    public void start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(bind, ThreadPerConnectionEchoServer.BACKLOG);
        server = s;
        acceptor = Thread.ofPlatform().name("echo-virtual-acceptor").start(this::acceptLoop);
    }

    private void acceptLoop() {
        Thread.Builder connections = Thread.ofVirtual().name("echo-", 1);
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                echo.track(socket);
                connections.start(() -> echo.serve(socket));
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
