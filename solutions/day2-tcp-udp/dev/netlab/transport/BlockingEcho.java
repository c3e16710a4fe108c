package dev.netlab.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The echo loop of the three blocking servers, and the set of sockets they still have open. */
final class BlockingEcho {
    /** Bytes per read: one buffer per connection, so memory grows with connections, not with traffic. */
    static final int CHUNK = 8 * 1024;

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /**
     * Echoes until the client's FIN, then closes, which sends ours (RFC 9293 §3.6: after the
     * peer's FIN the connection is in CLOSE-WAIT; we may still send, then close). A write that
     * blocks because the client reads slowly also stops us reading: backpressure for free.
     */
    void serve(Socket socket) {
        open.add(socket);
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // A reset, a broken pipe, or stop() closing us: this connection ends, the server goes on.
        } finally {
            open.remove(socket);
        }
    }

    /** Adds a socket accepted but not served yet (queued), so {@link #closeAll()} reaches it. */
    void track(Socket socket) {
        open.add(socket);
    }

    /** Closes one tracked socket and forgets it (a connection refused by an overload policy). */
    void refuse(Socket socket) {
        closeQuietly(socket);
        open.remove(socket);
    }

    int openCount() {
        return open.size();
    }

    /** Closes every socket still open: the end of a graceful stop's grace period. */
    void closeAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }

    /** Waits until no connection is open or {@code deadlineNanos} (System.nanoTime) passes. */
    boolean awaitIdle(long deadlineNanos) {
        while (!open.isEmpty() && System.nanoTime() - deadlineNanos < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return open.isEmpty();
    }
}
