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
 *
 * <p>The usual message costs two system calls and no copy inside the JVM: the loop reads it
 * into one direct buffer of its own and writes it straight back from there. Only bytes the
 * kernel does not take (its send buffer is full: the client reads slowly) are copied into the
 * connection's own buffer, and only then does the key's interest change, which costs an
 * {@code epoll_ctl} at the next select.
 */
public final class SelectorEchoServer implements EchoServer {
    /** The most one read takes: a bulk sender gets big reads, a 64-byte message one small one. */
    private static final int READ_CHUNK = 64 * 1024;

    private final InetSocketAddress bind;
    private final int outputBound;
    private final AtomicLong buffered = new AtomicLong();
    /**
     * Every read lands here, so that the usual echo goes back without being copied. Direct:
     * a heap buffer would make the JDK copy through a temporary direct one on each read and
     * write. One is enough: only the loop thread touches it, and it is empty between events.
     */
    private final ByteBuffer scratch;
    private volatile Selector selector;
    private volatile ServerSocketChannel server;
    private volatile long drainDeadline; // System.nanoTime() when stopping; 0 while running
    private volatile boolean stopping;
    private Thread loop;

    /** What one connection holds: bytes read and not yet written back (at most outputBound). */
    private static final class Connection {
        /**
         * Write mode between events: [0, position) is owed to the client. Null while nothing
         * is owed (almost always), so idle and keeping-up connections hold no buffer at all.
         */
        ByteBuffer owed;
        boolean inputClosed; // the client half-closed (read returned -1)

        int owedBytes() {
            return owed == null ? 0 : owed.position();
        }
    }

    public SelectorEchoServer(InetSocketAddress bind, int outputBound) {
        if (outputBound < 1) {
            throw new IllegalArgumentException("outputBound must be positive");
        }
        this.bind = bind;
        this.outputBound = outputBound;
        this.scratch = ByteBuffer.allocateDirect(Math.min(outputBound, READ_CHUNK));
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
        if (key.isWritable() && c.owed != null) {
            flush(key, c);
        }
        updateInterest(key, c);
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, new Connection());
        }
    }

    /**
     * Reads what the client sent and, if nothing is owed to it, writes it straight back; the
     * part the kernel does not take (a partial write) is kept for {@code OP_WRITE}. If bytes
     * are already owed, the new ones go behind them: the echo stays in order.
     */
    private void read(SelectionKey key, Connection c) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        // at most the room left, so a connection never holds more than outputBound
        scratch.clear().limit(Math.min(scratch.capacity(), outputBound - c.owedBytes()));
        if (ch.read(scratch) == -1) {
            c.inputClosed = true; // RFC 9293 §3.6: the client's FIN; we may still send what we owe
            return;
        }
        scratch.flip();
        if (c.owed == null) {
            ch.write(scratch); // may be partial: the kernel's send buffer takes what fits
        }
        if (scratch.hasRemaining()) {
            keep(c, scratch);
        }
    }

    /** Copies what could not be written yet into the connection's buffer (made on first need). */
    private void keep(Connection c, ByteBuffer bytes) {
        if (c.owed == null) {
            c.owed = ByteBuffer.allocate(outputBound);
        }
        int n = bytes.remaining();
        c.owed.put(bytes);
        buffered.addAndGet(n);
    }

    /** {@code OP_WRITE}: the kernel has room again; send what is owed, drop the buffer once empty. */
    private void flush(SelectionKey key, Connection c) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        c.owed.flip();
        int n = 0;
        try {
            n = ch.write(c.owed); // may be partial again
        } finally {
            c.owed.compact(); // back to write mode even when write throws, so close() sees what is owed
            buffered.addAndGet(-n);
        }
        if (c.owed.position() == 0) {
            c.owed = null;
        }
    }

    /**
     * Read while there is room and the client has not half-closed; write while bytes are owed.
     * Full buffer: no OP_READ, so the client's bytes wait in the kernel (backpressure).
     */
    private void updateInterest(SelectionKey key, Connection c) {
        if (!key.isValid()) {
            return;
        }
        int owed = c.owedBytes();
        if (c.inputClosed && owed == 0) {
            close(key); // everything echoed after the client's FIN: send ours
            return;
        }
        int ops = 0;
        if (!c.inputClosed && owed < outputBound) {
            ops |= SelectionKey.OP_READ;
        }
        if (owed > 0) {
            ops |= SelectionKey.OP_WRITE;
        }
        // A change reaches the kernel as an epoll_ctl at the next select. An echo that went
        // out whole changes nothing: the key stays OP_READ, message after message.
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void close(SelectionKey key) {
        if (key.attachment() instanceof Connection c && c.owed != null) {
            buffered.addAndGet(-c.owed.position());
            c.owed = null;
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
