package dev.netlab.tls.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Plain HTTP over TCP, one virtual thread per connection, for the port that only redirects to
 * HTTPS (checkpoint 4.07's {@code HttpsRedirect} is its handler). Given code.
 */
public final class PlainHttpServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Handler handler;
    private final Duration idleTimeout;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private PlainHttpServer(ServerSocket listener, Handler handler, Duration idleTimeout) {
        this.listener = listener;
        this.handler = handler;
        this.idleTimeout = idleTimeout;
        threads.submit(this::acceptLoop);
    }

    public static PlainHttpServer start(InetSocketAddress address, Handler handler, Duration idleTimeout) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(address, 128);
        return new PlainHttpServer(listener, handler, idleTimeout);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                open.add(socket);
                threads.submit(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) idleTimeout.toMillis());
            socket.setTcpNoDelay(true);
            Http1Exchange.serve(socket.getInputStream(), socket.getOutputStream(), handler,
                    ConnectionInfo.plain(socket.getLocalPort()), UnaryOperator.identity());
        } catch (IOException e) {
            // idle timeout or the client went away: nothing to tell anyone
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        threads.shutdownNow();
        try {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
