package dev.netlab.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Echo on one thread: non-blocking channels, a {@link Selector}, partial writes through
 * {@code OP_WRITE}, and a per-connection output bound that pauses reading (backpressure).
 */
public final class SelectorEchoServer implements EchoServer {
    private final InetSocketAddress bind;
    private final int outputBound;
    private final AtomicLong buffered = new AtomicLong();
    private volatile Selector selector;
    private volatile ServerSocketChannel server;
    private volatile long drainDeadline; // System.nanoTime() when stopping; 0 while running
    private volatile boolean stopping;
    private Thread loop;

    /** What one connection holds: bytes read and not yet written back (at most outputBound). */
    private static final class Connection {
        final ByteBuffer output; // write mode between events: [0, position) is owed to the client
        boolean inputClosed;     // the client half-closed (read returned -1)

        Connection(int bound) {
            output = ByteBuffer.allocate(bound);
        }
    }

    public SelectorEchoServer(InetSocketAddress bind, int outputBound) {
        if (outputBound < 1) {
            throw new IllegalArgumentException("outputBound must be positive");
        }
        this.bind = bind;
        this.outputBound = outputBound;
    }

    @Override
    public void start() throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(bind, ThreadPerConnectionEchoServer.BACKLOG);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        loop = Thread.ofPlatform().name("echo-nio-loop").start(this::run);
    }

    private void run() {
        try {
            while (true) {
                if (stopping) {
                    boolean idle = selector.keys().stream().noneMatch(k -> k.channel() instanceof SocketChannel);
                    if (idle || System.nanoTime() - drainDeadline >= 0) {
                        break;
                    }
                }
                // select(action) hands each ready key straight to us: no selected-key set to
                // fill, iterate and clear on every pass (which is what Netty patches the JDK for)
                selector.select(this::handleAlone, stopping ? 10 : 0);
            }
        } catch (IOException | ClosedSelectorException e) {
            throw new UncheckedIOException(new IOException("selector loop failed", e));
        } finally {
            for (SelectionKey key : selector.keys()) {
                close(key);
            }
            BlockingEcho.closeQuietly(selector);
        }
    }

    /** One key's events; an I/O error closes that connection only (a reset, a broken pipe). */
    private void handleAlone(SelectionKey key) {
        try {
            handle(key);
        } catch (IOException e) {
            close(key);
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        Connection c = (Connection) key.attachment();
        if (key.isReadable()) {
            read(key, c);
        }
        if (key.isValid() && c.output.position() > 0) {
            write(key, c);
        }
        if (key.isValid()) {
            updateInterest(key, c);
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, new Connection(outputBound));
        }
    }

    private void read(SelectionKey key, Connection c) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        int before = c.output.position();
        int n = ch.read(c.output); // reads at most the room left: never more than outputBound held
        if (n == -1) {
            c.inputClosed = true; // RFC 9293 §3.6: the client's FIN; we may still send what we owe
        } else {
            buffered.addAndGet(c.output.position() - before);
        }
    }

    private void write(SelectionKey key, Connection c) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        c.output.flip();
        int n = 0;
        try {
            n = ch.write(c.output); // may be partial: the kernel's send buffer takes what fits
        } finally {
            c.output.compact(); // back to write mode even when write throws, so close() sees what is owed
            buffered.addAndGet(-n);
        }
    }

    /**
     * Read while there is room and the client has not half-closed; write while bytes are owed.
     * Full buffer: no OP_READ, so the client's bytes wait in the kernel (backpressure).
     */
    private void updateInterest(SelectionKey key, Connection c) {
        boolean owed = c.output.position() > 0;
        if (c.inputClosed && !owed) {
            close(key); // everything echoed after the client's FIN: send ours
            return;
        }
        int ops = 0;
        if (!c.inputClosed && c.output.hasRemaining()) {
            ops |= SelectionKey.OP_READ;
        }
        if (owed) {
            ops |= SelectionKey.OP_WRITE;
        }
        key.interestOps(ops);
    }

    private void close(SelectionKey key) {
        if (key.attachment() instanceof Connection c) {
            buffered.addAndGet(-c.output.position());
            c.output.clear();
        }
        key.cancel();
        BlockingEcho.closeQuietly(key.channel());
    }

    @Override
    public int port() {
        return server.socket().getLocalPort();
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(bind.getAddress(), port());
    }

    public long bufferedBytes() {
        return buffered.get();
    }

    @Override
    public void stop(Duration grace) {
        if (selector == null || stopping) {
            return;
        }
        drainDeadline = System.nanoTime() + grace.toNanos();
        stopping = true;
        // Closing the channel deregisters it at the next select: no new connections.
        BlockingEcho.closeQuietly(server);
        selector.wakeup();
        try {
            loop.join(grace.plusSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
