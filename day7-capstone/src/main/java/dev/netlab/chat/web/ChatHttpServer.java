package dev.netlab.chat.web;

import dev.netlab.http1.Limits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's HTTP/1.1 listener (given): one platform thread accepting, a virtual thread per
 * connection running {@link ChatHttpConnection}, at most {@code maxConnections} at once (more
 * wait in the kernel's backlog). Upgraded connections leave its count: they belong to the chat.
 */
public final class ChatHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatHttpServer.class);

    /** What every connection needs. */
    public record Config(Limits limits, UpgradeRouter router, ChatSite site, WebSocketUpgrade upgrade,
                         StubNotice notice, int maxConnections) {}

    private final ServerSocket listener;
    private final Config config;
    private final Clock clock;
    private final Semaphore slots;
    private final Set<ChatHttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean stopping;

    private ChatHttpServer(ServerSocket listener, Config config, Clock clock) {
        this.listener = listener;
        this.config = config;
        this.clock = clock;
        this.slots = new Semaphore(config.maxConnections());
        this.acceptor = Thread.ofPlatform().name("chat-accept-" + listener.getLocalPort()).daemon().unstarted(this::accept);
    }

    /** A listening socket on {@code bind} (port 0: any free port), before the config that needs its port exists. */
    public static ServerSocket listen(InetSocketAddress bind) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true); // a restart need not wait for TIME-WAIT
            listener.bind(bind, 1024);
            return listener;
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    /** Starts accepting on {@code listener}. */
    public static ChatHttpServer start(ServerSocket listener, Config config, Clock clock) {
        ChatHttpServer server = new ChatHttpServer(listener, config, clock);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted since the start. */
    public int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!stopping) {
            try {
                slots.acquire();
                Socket socket;
                try {
                    socket = listener.accept();
                } catch (IOException | RuntimeException e) {
                    slots.release();
                    throw e;
                }
                socket.setTcpNoDelay(true);
                accepted.incrementAndGet();
                ChatHttpConnection connection = new ChatHttpConnection(socket, config, clock);
                connections.add(connection);
                Thread.ofVirtual().name("chat-http-" + socket.getPort()).start(() -> {
                    try {
                        connection.run();
                    } finally {
                        connections.remove(connection);
                        slots.release();
                    }
                });
            } catch (SocketException e) {
                if (!stopping) {
                    log.warn("accept failed: {}", e.toString());
                }
            } catch (IOException e) {
                log.warn("accept failed: {}", e.toString());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Stops accepting, closes idle connections at once and lets busy ones answer their request
     * (with {@code Connection: close}), waiting at most {@code grace}.
     */
    public void stopGracefully(Duration grace) {
        stopping = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // refusing new connections either way
        }
        connections.forEach(ChatHttpConnection::shutdown);
        long deadline = System.nanoTime() + grace.toNanos();
        // upgraded connections are the chat's: its own shutdown closes them with 1001
        while (connections.stream().anyMatch(c -> !c.upgraded()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stopGracefully(Duration.ofSeconds(1));
    }
}
