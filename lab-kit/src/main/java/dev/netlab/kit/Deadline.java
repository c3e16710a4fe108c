package dev.netlab.kit;

import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * A deadline for a whole phase of a connection (a TLS handshake, a request head, a preface),
 * where a socket's {@code SO_TIMEOUT} only bounds each read: a peer that trickles an octet
 * at a time starts that timeout again with every octet, and holds the connection for as long
 * as it likes. The deadline closes what it guards when it passes, which makes a blocked read
 * fail; closing the deadline (the phase finished in time) cancels it:
 *
 * <pre>{@code
 * try (Deadline d = Deadline.closes(socket, handshakeTimeout)) {
 *     ssl.startHandshake();
 * }
 * }</pre>
 *
 * Every deadline of the JVM shares one daemon platform thread, which does nothing but start the
 * closes: each runs on a virtual thread of its own, because a close can wait — JSSE's
 * {@code SSLSocket.close()} sends alerts and then drains the peer's input under the read lock
 * that a handshake blocked in a read holds, up to that read's {@code SO_TIMEOUT}
 * ({@code SSLSocketImpl.closeSocket} → {@code SSLSocketInputRecord.deplete}) — and one close
 * that waits on the shared thread would hold back every other deadline of the JVM. Under an
 * {@code SSLSocket} layered over a TCP socket, guard the TCP socket: its close never waits, and
 * the timer thread runs it itself — so it needs no carrier, and fires on time while every
 * virtual-thread carrier is busy.
 */
public final class Deadline implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("netlab-deadlines").daemon().factory());
    /** Where each close runs: a close that waits holds its own thread, never the timer's. */
    private static final Thread.Builder CLOSERS = Thread.ofVirtual().name("netlab-deadline-close");

    private final ScheduledFuture<?> close;

    private Deadline(ScheduledFuture<?> close) {
        this.close = close;
    }

    /** Closes {@code guarded} after {@code after} (at least 1 ms) unless this deadline is closed first. */
    public static Deadline closes(Closeable guarded, Duration after) {
        Runnable close = () -> {
            try {
                guarded.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        };
        // A plain socket's close never waits (the JDK signals a thread blocked on it and returns): the timer
        // thread runs it itself. On a virtual thread it would first need a free carrier, and when every carrier
        // is busy (a burst of handshakes: the moment deadlines matter) no deadline would fire until one is.
        boolean neverWaits = guarded instanceof Socket socket && !(socket instanceof SSLSocket) || guarded instanceof ServerSocket;
        return new Deadline(TIMER.schedule(neverWaits ? close : () -> CLOSERS.start(close),
                Math.max(1, after.toMillis()), TimeUnit.MILLISECONDS));
    }

    /** True once the deadline passed and the close of what it guards began. */
    public boolean expired() {
        return close.isDone() && !close.isCancelled();
    }

    /** The phase finished: cancel the close (a no-op once it happened). */
    @Override
    public void close() {
        close.cancel(false);
    }
}
