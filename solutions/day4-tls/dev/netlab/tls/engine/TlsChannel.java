package dev.netlab.tls.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS over a {@link SocketChannel} with an {@link SSLEngine}: the engine only turns bytes into
 * records and back; this driver moves them between the engine and the network, in blocking or
 * non-blocking mode, for any byte protocol on top.
 *
 * <pre>
 *            read(dst)                                write(src)
 *               ▲                                         │
 *     appIn ────┘ (decrypted, waiting for the caller)      ▼
 *       ▲                                          engine.wrap(src, netOut)
 *  engine.unwrap(netIn, appIn)                             │
 *       ▲                                                 ▼
 *     netIn ◀── channel.read                  netOut ──▶ channel.write
 * </pre>
 *
 * <p>The engine says what it needs next ({@link HandshakeStatus}): {@code NEED_WRAP} (produce
 * records: call wrap, even with nothing to send), {@code NEED_UNWRAP} (consume records: read the
 * network if netIn has no whole record), {@code NEED_TASK} (run {@code getDelegatedTask()}s: the
 * slow crypto, here on the calling thread), {@code FINISHED}/{@code NOT_HANDSHAKING}. Each call's
 * {@link SSLEngineResult.Status} says what went wrong with the buffers: {@code BUFFER_UNDERFLOW}
 * — netIn holds less than a record: read more (grow netIn to the session's packet size if it is
 * full); {@code BUFFER_OVERFLOW} — the output buffer is too small: grow it to the session's
 * application (unwrap) or packet (wrap) size; {@code CLOSED} — a close_notify went or came.
 * Buffers start small (4 KiB) and grow only when a record needs it, so many idle connections
 * stay cheap.
 *
 * <p>Non-blocking mode: a method that would block returns what it has ({@code handshake()}
 * false, {@code read} 0, {@code write} short), and {@link #interestOps()} says what to wait for.
 * Closing (RFC 8446 §6.1): {@link #close()} sends close_notify and closes the channel; a
 * close_notify from the peer makes {@link #read} return -1. The end of the TCP stream in the
 * middle of a handshake is an {@link SSLHandshakeException}; after it, without close_notify, an
 * {@link SSLException} (a truncation the application must not mistake for a clean end).
 */
public final class TlsChannel implements ByteChannel {
    static final int INITIAL_BUFFER = 4 * 1024;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private ByteBuffer netIn = ByteBuffer.allocate(INITIAL_BUFFER);   // write mode: filled from the channel
    private ByteBuffer netOut = ByteBuffer.allocate(INITIAL_BUFFER).flip(); // read mode: pending for the channel
    private ByteBuffer appIn = ByteBuffer.allocate(INITIAL_BUFFER);   // write mode: decrypted, not yet read
    private boolean handshakeDone;
    private boolean inboundDone;

    /** Drives {@code engine} (client or server mode already set) over {@code channel}, which must be connected. */
    public TlsChannel(SocketChannel channel, SSLEngine engine) throws SSLException {
        this.channel = channel;
        this.engine = engine;
        engine.beginHandshake();
    }

    public SSLEngine engine() {
        return engine;
    }

    public SocketChannel channel() {
        return channel;
    }

    /** Whether the first handshake has finished. */
    public boolean handshakeDone() {
        return handshakeDone;
    }

    /**
     * Moves the handshake on as far as the channel allows: true once it has finished. A blocking
     * channel returns only when done; a non-blocking one returns false when it must wait
     * ({@link #interestOps()} says for what).
     */
    public boolean handshake() throws IOException {
        while (!handshakeDone) {
            if (!flush()) {
                return false;
            }
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> wrap(EMPTY);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrap()) {
                        return false;
                    }
                }
                case FINISHED, NOT_HANDSHAKING -> handshakeDone = true;
            }
        }
        return flush();
    }

    /** Decrypted octets into {@code dst}: their count, 0 when none are there yet (non-blocking), -1 after close_notify. */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!handshake()) {
            return 0;
        }
        while (true) {
            if (appIn.position() > 0) {
                appIn.flip();
                int n = Math.min(dst.remaining(), appIn.remaining());
                ByteBuffer slice = appIn.slice(appIn.position(), n);
                dst.put(slice);
                appIn.position(appIn.position() + n);
                appIn.compact();
                return n;
            }
            if (inboundDone) {
                return -1;
            }
            if (!unwrap()) {
                return 0;
            }
            afterHandshake();
        }
    }

    /**
     * Encrypts from {@code src} and sends: the octets consumed. With a non-blocking channel the
     * records may not all be sent yet; call {@link #flush()} when the channel is writable.
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!handshake()) {
            return 0;
        }
        int consumed = 0;
        while (src.hasRemaining()) {
            if (!flush()) {
                break;
            }
            consumed += wrap(src).bytesConsumed();
            afterHandshake();
        }
        flush();
        return consumed;
    }

    /** Sends pending records; true when none are left. */
    public boolean flush() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    /** What a selector should wait for: OP_WRITE while records are pending, else OP_READ. */
    public int interestOps() {
        if (netOut.hasRemaining() || (!handshakeDone && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP)) {
            return SelectionKey.OP_WRITE;
        }
        return SelectionKey.OP_READ;
    }

    /** One unwrap, reading the network when netIn holds no whole record; false when that read would block. */
    private boolean unwrap() throws IOException {
        netIn.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        noteFinished(result);
        switch (result.getStatus()) {
            case OK -> {
                return true;
            }
            case CLOSED -> {
                inboundDone = true; // close_notify received
                return true;
            }
            case BUFFER_OVERFLOW -> {
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize() + appIn.position());
                return true;
            }
            case BUFFER_UNDERFLOW -> {
                if (!netIn.hasRemaining()) {
                    netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                }
                int n = channel.read(netIn);
                if (n < 0) {
                    peerClosed();
                    return true;
                }
                return n > 0;
            }
        }
        throw new IllegalStateException("unknown status " + result.getStatus());
    }

    private SSLEngineResult wrap(ByteBuffer src) throws IOException {
        while (true) {
            netOut.compact();
            SSLEngineResult result;
            try {
                result = engine.wrap(src, netOut);
            } finally {
                netOut.flip();
            }
            noteFinished(result);
            switch (result.getStatus()) {
                case OK, CLOSED -> {
                    return result;
                }
                case BUFFER_OVERFLOW -> {
                    ByteBuffer bigger = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() + netOut.remaining());
                    bigger.put(netOut).flip();
                    netOut = bigger;
                }
                case BUFFER_UNDERFLOW -> throw new IllegalStateException("wrap never underflows");
            }
        }
    }

    /** Tasks and records the engine still owes after the first handshake (TLS 1.3 tickets, key updates). */
    private void afterHandshake() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> wrap(EMPTY);
                default -> {
                    return;
                }
            }
        }
    }

    private void runTasks() {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }

    private void noteFinished(SSLEngineResult result) {
        if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            handshakeDone = true;
        }
    }

    /** The TCP stream ended: mid-handshake a handshake failure, else a truncation unless close_notify came first. */
    private void peerClosed() throws SSLException {
        inboundDone = true;
        if (!handshakeDone) {
            throw new SSLHandshakeException("the peer closed the connection during the handshake");
        }
        try {
            engine.closeInbound();
        } catch (SSLException truncated) {
            throw new SSLException("the peer closed the connection without close_notify (RFC 8446 §6.1)", truncated);
        }
    }

    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }

    /** Sends close_notify and half-closes TCP; reading can go on until the peer's close_notify (RFC 8446 §6.1). */
    public void shutdownOutput() throws IOException {
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            wrap(EMPTY);
        }
        flush();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Sends close_notify (as far as the channel takes it without waiting) and closes the channel. */
    @Override
    public void close() throws IOException {
        try {
            if (channel.isOpen() && !engine.isOutboundDone()) {
                shutdownOutput();
            }
        } catch (IOException ignored) {
            // the peer is gone already: close anyway
        } finally {
            channel.close();
        }
    }
}
