package dev.netlab.chat.web;

import dev.netlab.http1.Limits;
import dev.netlab.http2.server.Handler;
import dev.netlab.http2.server.Http2Connection;
import dev.netlab.http2.server.ServerSettings;
import dev.netlab.kit.Deadline;
import dev.netlab.kit.StubException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's listener (given): one platform thread accepting, a virtual thread per connection,
 * at most {@code maxConnections} at once (more wait in the kernel's backlog). With TLS (day 4)
 * each connection first completes its handshake — on a platform thread of its own, once the
 * client's first octets are in (see {@link #handshake}) — then goes by the protocol ALPN chose:
 *
 * <pre>
 *   accept ──► TLS handshake (your day 4) ──┬─ "h2"       ──► Http2Connection (your day 5) ──► ChatH2 per stream
 *              (10 s at most)               └─ "http/1.1" ──► ChatHttpConnection (your day 3) ──► upgrade: day 6
 *   without TLS: ChatHttpConnection directly (plain HTTP/1.1)
 * </pre>
 *
 * Upgraded and h2 connections count while open; the WebSockets in them belong to the chat,
 * whose own shutdown closes them with 1001.
 */
public final class ChatHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatHttpServer.class);

    /**
     * What every connection needs.
     *
     * @param tls the TLS front (day 4), or null for plain HTTP/1.1
     * @param h2 the HTTP/2 handler for a connection from a peer ({@code 127.0.0.1:53124}), or null: no h2
     * @param h2Settings what an h2 connection advertises and enforces
     * @param handshakeTimeout how long a TLS handshake may take
     */
    public record Config(Limits limits, UpgradeRouter router, ChatSite site, WebSocketUpgrade upgrade,
                         StubNotice notice, int maxConnections, ChatTls tls, Function<String, Handler> h2,
                         ServerSettings h2Settings, Duration handshakeTimeout) {
        /** Plain HTTP/1.1, no TLS, no h2. */
        public Config(Limits limits, UpgradeRouter router, ChatSite site, WebSocketUpgrade upgrade, StubNotice notice,
                      int maxConnections) {
            this(limits, router, site, upgrade, notice, maxConnections, null, null, null, Duration.ofSeconds(10));
        }
    }

    /**
     * Closes handshakes that outlive {@link Config#handshakeTimeout()}: the socket's read timeout
     * bounds each read only, and a ClientHello sent one octet a second would keep its connection
     * (and its place under the cap) for ever. One daemon thread for every server in the JVM.
     */

    private final ServerSocket listener;
    private final Config config;
    private final Clock clock;
    private final Semaphore slots;
    private final Set<ChatHttpConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Http2Connection> h2Connections = ConcurrentHashMap.newKeySet();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong handshakeFailures = new AtomicLong();
    private final Thread acceptor;
    private final List<Thread> h2Stops = new ArrayList<>();
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

    /** TLS handshakes that failed (refused, timed out, or abandoned by the client). */
    public long handshakeFailures() {
        return handshakeFailures.get();
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
                sockets.add(socket);
                Thread.ofVirtual().name("chat-conn-" + socket.getPort()).start(() -> {
                    try {
                        serve(socket);
                    } finally {
                        sockets.remove(socket);
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

    /** One connection to its end: TLS and ALPN when configured, then h2 or HTTP/1.1. */
    private void serve(Socket socket) {
        Socket http1 = socket;
        try {
            if (config.tls() != null) {
                // the whole handshake has the deadline, not each read (a trickled ClientHello); it closes
                // the TCP socket under ssl: SSLSocket.close() drains the input under the read lock the
                // handshake's read holds, so it can wait up to SO_TIMEOUT (see lab-kit's Deadline)
                Deadline deadline = Deadline.closes(socket, config.handshakeTimeout());
                SSLSocket ssl = null;
                try {
                    int timeout = (int) config.handshakeTimeout().toMillis();
                    socket.setSoTimeout(timeout);
                    // the first octets on this virtual thread: a connection that sends nothing (a flood of
                    // them) holds no platform thread; the handshake reads them first
                    byte[] first = new byte[FIRST_READ];
                    int n = socket.getInputStream().read(first);
                    if (n < 0) {
                        throw new EOFException("closed before a ClientHello");
                    }
                    ssl = config.tls().wrap(socket, new FirstOctets(first, n)); // reads through socket: its timeout holds
                    handshake(ssl); // explicitly: a failed handshake ends here, before any HTTP
                } catch (IOException e) {
                    handshakeFailures.incrementAndGet();
                    closeQuietly(ssl != null ? ssl : socket);
                    return;
                } finally {
                    deadline.close();
                }
                if ("h2".equals(ssl.getApplicationProtocol()) && config.h2() != null) {
                    serveH2(ssl, socket);
                    return;
                }
                http1 = ssl;
            }
            ChatHttpConnection connection = new ChatHttpConnection(http1, socket, config, clock);
            connections.add(connection);
            try {
                if (stopping) {
                    connection.shutdown();
                }
                connection.run();
            } finally {
                connections.remove(connection);
            }
        } catch (StubException e) {
            config.notice().report(e);
            closeQuietly(http1);
        } catch (IOException | RuntimeException e) {
            log.debug("connection ended: {}", e.toString());
            closeQuietly(http1);
        }
    }

    /** The most octets read before the handshake's thread starts (a ClientHello's first record, or its start). */
    private static final int FIRST_READ = 1024;

    /**
     * The octets read before the handshake, for the handshake to read first. The JDK keeps the
     * stream it is given for the connection's life (a {@code SequenceInputStream} with the
     * socket's), so this one lets its array go once it has been read: a {@code
     * ByteArrayInputStream} kept 1 KiB per connection, 10 MB of the heap at 10,000 (a heap dump's
     * {@code byte[]} by holder, the README's Performance section).
     */
    static final class FirstOctets extends InputStream {
        private byte[] octets;
        private int next;
        private final int end;

        FirstOctets(byte[] octets, int length) {
            Objects.checkFromIndexSize(0, length, octets.length);
            this.octets = length == 0 ? null : octets;
            this.end = length;
        }

        @Override
        public int read() {
            byte[] from = octets;
            if (from == null) {
                return -1;
            }
            int b = from[next++] & 0xFF;
            if (next == end) {
                octets = null;
            }
            return b;
        }

        @Override
        public int read(byte[] into, int off, int len) {
            Objects.checkFromIndexSize(off, len, into.length);
            if (len == 0) {
                return 0;
            }
            byte[] from = octets;
            if (from == null) {
                return -1;
            }
            int n = Math.min(len, end - next);
            System.arraycopy(from, next, into, off, n);
            next += n;
            if (next == end) {
                octets = null; // read: let it go
            }
            return n;
        }

        @Override
        public int available() {
            return octets == null ? 0 : end - next;
        }

        /** Whether it still holds its array (for the test). */
        boolean holdsOctets() {
            return octets != null;
        }
    }

    /** {@code -Dnetlab.chat.handshakes=carrier}: handshakes on the connection's virtual thread (the measurement's other arm). */
    private static final boolean PLATFORM_HANDSHAKES = !"carrier".equals(System.getProperty("netlab.chat.handshakes"));

    /**
     * The TLS handshake, on a platform thread of its own while the connection's virtual thread
     * waits for it. A handshake is milliseconds of CPU (the key exchange, the signature) between
     * its reads, and a virtual thread keeps its carrier until it blocks: with few carriers a
     * burst of handshakes (10,000 clients joining, a handshake flood) holds them all while every
     * member's frames wait. Lab-kit's answer is more carriers than cores (at least 8), which the
     * kernel time-slices; the chat's is to give the kernel the handshakes themselves, so its
     * carriers stay at two per core ({@code chat.carriers=2*cores}) without lab-kit's floor of 8:
     * on two cores, extra carriers cost the 10,000-client bench CPU, the kernel switching between
     * carriers that each burst of writes had woken (day 7's README, "Performance").
     *
     * <p>The first octets are read before this, on the virtual thread ({@code serve}): a connection
     * that sends nothing (a flood of them) holds no platform thread. The thread ends with the
     * handshake; the deadline ({@link Deadline}) closes the socket, which ends a handshake that
     * waits on a read.
     */
    private static void handshake(SSLSocket ssl) throws IOException {
        if (!PLATFORM_HANDSHAKES) {
            ssl.startHandshake();
            return;
        }
        Throwable[] failure = new Throwable[1]; // written before the thread ends, read after join()
        Thread t = Thread.ofPlatform().daemon().name("chat-handshake").start(() -> {
            try {
                ssl.startHandshake();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            closeQuietly(ssl); // ends the handshake's read; the thread ends with it
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during the TLS handshake");
        }
        switch (failure[0]) {
            case null -> { }
            case IOException io -> throw io;
            case RuntimeException re -> throw re;
            case Error er -> throw er;
            default -> throw new IOException(failure[0]);
        }
    }

    /**
     * An h2 connection on this thread to its end. Day 5's connection closes its streams from whichever
     * thread ends it (this one at the end, a {@link #stopGracefully} thread, its own timers): from any
     * thread but this one, closing them only wakes this thread's read, and this thread closes the
     * {@code SSLSocket} itself, close_notify first (see {@link OwnThreadClose}).
     */
    private void serveH2(SSLSocket ssl, Socket tcp) throws IOException {
        String peer = ssl.getInetAddress().getHostAddress() + ":" + ssl.getPort();
        ssl.setSoTimeout(0); // h2 has its own timers (SETTINGS timeout, idle GOAWAY, stalls)
        Thread own = Thread.currentThread();
        Http2Connection h2 = new Http2Connection(OwnThreadClose.input(ssl.getInputStream(), tcp, own),
                OwnThreadClose.output(ssl.getOutputStream(), tcp, own), config.h2().apply(peer), config.h2Settings());
        h2Connections.add(h2);
        try (ssl) {
            if (stopping) {
                Thread.ofVirtual().start(() -> h2.shutdown(Duration.ZERO));
            }
            h2.serve();
        } finally {
            h2Connections.remove(h2);
        }
    }

    /**
     * Stops accepting, ends idle HTTP/1.1 connections at once and lets busy ones answer their
     * request (with {@code Connection: close}), waiting at most {@code grace}; every h2 connection
     * gets GOAWAY (RFC 9113 §6.8) and finishes its streams in flight in the background (see
     * {@link #awaitStopped}). This thread closes no {@code SSLSocket}: it wakes each idle
     * connection's own thread, which closes with close_notify (RFC 8446 §6.1); see
     * {@link OwnThreadClose} for the wait it avoids.
     */
    public void stopGracefully(Duration grace) {
        stopping = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // refusing new connections either way
        }
        connections.forEach(ChatHttpConnection::shutdown);
        synchronized (h2Stops) {
            for (Http2Connection c : h2Connections) {
                h2Stops.add(Thread.ofVirtual().start(() -> c.shutdown(grace.multipliedBy(3))));
            }
        }
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

    /**
     * After {@link #stopGracefully}: waits for the h2 connections to end (at most {@code grace}), then
     * closes what is left — the TCP sockets, never the {@code SSLSocket}s over them: that close never
     * waits, and it ends a write stuck on a peer that reads nothing (the connection's own thread
     * then fails and ends).
     */
    public void awaitStopped(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (h2Stops) {
            for (Thread t : h2Stops) {
                try {
                    t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        sockets.forEach(ChatHttpServer::closeQuietly);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    @Override
    public void close() {
        stopGracefully(Duration.ofMillis(500));
        awaitStopped(Duration.ofMillis(500));
    }
}
