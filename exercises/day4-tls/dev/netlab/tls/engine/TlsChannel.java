package dev.netlab.tls.engine;

import dev.netlab.kit.StubException;
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

    /** Drives {@code engine} (client or server mode already set) over {@code channel}, which must be connected. */
    public TlsChannel(SocketChannel channel, SSLEngine engine) throws SSLException {
        throw StubException.notImplemented("4.10", "An SSLEngine driver over NIO, and an echo server on it", "day4-tls/README.md#an-sslengine-driver");
    }

    public SSLEngine engine() {
        throw StubException.notImplemented("4.10", "An SSLEngine driver over NIO, and an echo server on it", "day4-tls/README.md#an-sslengine-driver");
    }

    public SocketChannel channel() {
        throw StubException.notImplemented("4.10", "An SSLEngine driver over NIO, and an echo server on it", "day4-tls/README.md#an-sslengine-driver");
    }

    /** Whether the first handshake has finished. */
    public boolean handshakeDone() {
        throw StubException.notImplemented("4.10", "An SSLEngine driver over NIO, and an echo server on it", "day4-tls/README.md#an-sslengine-driver");
    }

    /**
     * Moves the handshake on as far as the channel allows: true once it has finished. A blocking
     * channel returns only when done; a non-blocking one returns false when it must wait
     * ({@link #interestOps()} says for what).
     */
    public boolean handshake() throws IOException {
        throw StubException.notImplemented("4.10", "An SSLEngine driver over NIO, and an echo server on it", "day4-tls/README.md#an-sslengine-driver");
    }

    /** Decrypted octets into {@code dst}: their count, 0 when none are there yet (non-blocking), -1 after close_notify. */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        throw StubException.notImplemented("4.10", "An SSLEngine driver over NIO, and an echo server on it", "day4-tls/README.md#an-sslengine-driver");
    }

    /**
     * Encrypts from {@code src} and sends: the octets consumed. With a non-blocking channel the
     * records may not all be sent yet; call {@link #flush()} when the channel is writable.
     */
    @Override
    public int write(ByteBuffer src) throws IOException {
        throw StubException.notImplemented("4.10", "An SSLEngine driver over NIO, and an echo server on it", "day4-tls/README.md#an-sslengine-driver");
    }

    /** Sends pending records; true when none are left. */
    public boolean flush() throws IOException {
        throw StubException.notImplemented("4.10", "An SSLEngine driver over NIO, and an echo server on it", "day4-tls/README.md#an-sslengine-driver");
    }

    /** What a selector should wait for: OP_WRITE while records are pending, else OP_READ. */
    public int interestOps() {
        throw StubException.notImplemented("4.10", "An SSLEngine driver over NIO, and an echo server on it", "day4-tls/README.md#an-sslengine-driver");
    }

    /** Sends close_notify and half-closes TCP; reading can go on until the peer's close_notify (RFC 8446 §6.1). */
    public void shutdownOutput() throws IOException {
        throw StubException.notImplemented("4.10", "An SSLEngine driver over NIO, and an echo server on it", "day4-tls/README.md#an-sslengine-driver");
    }

    @Override
    public boolean isOpen() {
        throw StubException.notImplemented("4.10", "An SSLEngine driver over NIO, and an echo server on it", "day4-tls/README.md#an-sslengine-driver");
    }

    /** Sends close_notify (as far as the channel takes it without waiting) and closes the channel. */
    @Override
    public void close() throws IOException {
        throw StubException.notImplemented("4.10", "An SSLEngine driver over NIO, and an echo server on it", "day4-tls/README.md#an-sslengine-driver");
    }
}
