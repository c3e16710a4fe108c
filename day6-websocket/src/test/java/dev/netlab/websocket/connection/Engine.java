package dev.netlab.websocket.connection;

import dev.netlab.websocket.Frames;
import dev.netlab.websocket.message.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WebSocketConnection} on one end of a real loopback TCP connection, the test on the
 * other: it writes client frames and reads what the engine sends, and sees the engine close TCP.
 */
final class Engine implements AutoCloseable {
    final Socket peer;
    final Socket engineSide;
    final WebSocketConnection connection;
    final List<Message> received = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile int closeCode = -1;
    private final Thread thread;
    private volatile Throwable failure;

    Engine(ConnectionSettings settings, boolean echo) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            peer = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            engineSide = listener.accept();
        }
        peer.setTcpNoDelay(true);
        engineSide.setTcpNoDelay(true);
        WebSocketHandler handler = new WebSocketHandler() {
            @Override
            public void onMessage(WebSocketConnection c, Message m) {
                received.add(m);
                if (echo) {
                    try {
                        c.send(m);
                    } catch (IOException ignored) {
                        // closing
                    }
                }
            }

            @Override
            public void onClose(WebSocketConnection c, int code, String reason) {
                closeCode = code;
                closed.countDown();
            }
        };
        connection = new WebSocketConnection(engineSide.getInputStream(), engineSide.getOutputStream(), engineSide, settings, handler);
        thread = Thread.ofVirtual().name("engine").start(() -> {
            try {
                connection.run();
            } catch (RuntimeException | Error e) {
                failure = e; // e.g. not implemented yet: reported by read() at once instead of a timeout
            }
        });
    }

    static Engine echo() throws IOException {
        return new Engine(ConnectionSettings.server(), true);
    }

    /** Writes the frames in one write: a server that closes after the first must not break the pipe under the rest. */
    void send(byte[]... frames) throws IOException {
        OutputStream out = peer.getOutputStream();
        out.write(Frames.concat(frames));
        out.flush();
    }

    Frames.Frame read() throws IOException {
        awaitFirstOctet();
        return Frames.read(pushback());
    }

    /**
     * Reads one masked frame (the engine in the CLIENT role masks what it sends, RFC 6455 §5.3) of at most 125
     * octets, unmasked; null at the end of the stream.
     */
    Frames.Frame readMasked() throws IOException {
        awaitFirstOctet();
        java.io.DataInputStream in = new java.io.DataInputStream(pushback());
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = in.readUnsignedByte();
        if ((b1 & 0x80) == 0 || (b1 & 0x7F) > 125) {
            throw new IOException("RFC 6455 §5.3: a client MUST mask every frame it sends (and this reader takes up to 125 octets): second octet 0x"
                    + Integer.toHexString(b1));
        }
        byte[] key = in.readNBytes(4);
        byte[] payload = in.readNBytes(b1 & 0x7F);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= key[i & 3];
        }
        return new Frames.Frame((b0 & 0x80) != 0, (b0 >>> 4) & 7, b0 & 0x0F, payload);
    }

    /** Waits up to 5 s for the engine's next octet (or the end of the stream), reporting a run() that threw at once. */
    private void awaitFirstOctet() throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        peer.setSoTimeout(100);
        java.io.PushbackInputStream in = pushback();
        while (true) {
            try {
                int b = in.read();
                if (b >= 0) {
                    in.unread(b);
                }
                peer.setSoTimeout(5000);
                return;
            } catch (SocketTimeoutException e) {
                if (failure != null) {
                    throw new AssertionError("the connection's run() threw " + failure, failure);
                }
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private java.io.PushbackInputStream pushback;

    java.io.PushbackInputStream pushback() throws IOException {
        if (pushback == null) {
            pushback = new java.io.PushbackInputStream(peer.getInputStream(), 1);
        }
        return pushback;
    }

    /** True if the engine closed TCP (end of stream) within the timeout, reading and dropping anything before it. */
    boolean tcpClosedWithin(Duration timeout) throws IOException {
        peer.setSoTimeout((int) timeout.toMillis());
        InputStream in = pushback();
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** True if nothing at all arrives (and TCP stays open) for {@code timeout}. */
    boolean silentFor(Duration timeout) throws IOException {
        peer.setSoTimeout((int) timeout.toMillis());
        try {
            return pushback().read() < -1;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    /** True if the handler saw the close within 5 s; a connection whose run() threw (a stub: at once) fails as in {@link #read()}. */
    boolean handlerClosed() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!closed.await(50, TimeUnit.MILLISECONDS)) {
            if (failure != null) {
                throw new AssertionError("the connection's run() threw " + failure, failure);
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        peer.close();
        engineSide.close();
        thread.join(Duration.ofSeconds(5));
    }
}
