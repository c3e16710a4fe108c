package dev.netlab.http1.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accept loop both engines share (given): a platform thread blocking in {@code accept()},
 * at most {@code maxConnections} connections at a time (more wait in the kernel's accept
 * backlog), each new socket with {@code TCP_NODELAY} handed to the engine.
 */
final class Acceptor {
    private static final Logger log = LoggerFactory.getLogger(Acceptor.class);
    private static final int BACKLOG = 1024;

    /** What an engine does with a new connection; {@code id} counts from 1. */
    @FunctionalInterface
    interface HandOff {
        void take(SocketChannel channel, int id) throws IOException;
    }

    private final ServerSocketChannel listener;
    private final Semaphore slots;
    private final HandOff handOff;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stopping;

    Acceptor(ServerSocketChannel listener, int maxConnections, HandOff handOff) throws IOException {
        this.listener = listener;
        this.slots = new Semaphore(maxConnections);
        this.handOff = handOff;
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
        this.thread = Thread.ofPlatform().name("http1-accept-" + port).daemon().unstarted(this::run);
    }

    /** A listening socket on {@code bind}, with {@code SO_REUSEADDR} (a restart need not wait for TIME-WAIT). */
    static ServerSocketChannel listen(InetSocketAddress bind) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(bind, BACKLOG);
            return listener;
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    void start() {
        thread.start();
    }

    /** Connections accepted since the start. */
    int accepted() {
        return accepted.get();
    }

    /** A connection closed: its slot is free again. Call once per handed-off connection. */
    void released() {
        slots.release();
    }

    /** Refuses new connections: the listener closes. */
    void stop() {
        stopping = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // refusing new connections either way
        }
    }

    void join(Duration timeout) throws InterruptedException {
        thread.join(timeout);
    }

    private void run() {
        while (!stopping) {
            try {
                slots.acquire();
                SocketChannel channel;
                try {
                    channel = listener.accept();
                } catch (IOException | RuntimeException e) {
                    slots.release();
                    throw e;
                }
                try {
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    handOff.take(channel, accepted.incrementAndGet());
                } catch (IOException e) {
                    slots.release();
                    channel.close();
                    log.warn("a new connection failed: {}", e.toString()); // the next one may do better
                } catch (RuntimeException e) {
                    slots.release();
                    channel.close();
                    throw e;
                }
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
}
