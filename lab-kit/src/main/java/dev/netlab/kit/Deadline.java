package dev.netlab.kit;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

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
 * Every deadline of the JVM shares one daemon platform thread, which does nothing but close.
 */
public final class Deadline implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("netlab-deadlines").daemon().factory());

    private final ScheduledFuture<?> close;

    private Deadline(ScheduledFuture<?> close) {
        this.close = close;
    }

    /** Closes {@code guarded} after {@code after} (at least 1 ms) unless this deadline is closed first. */
    public static Deadline closes(Closeable guarded, Duration after) {
        return new Deadline(TIMER.schedule(() -> {
            try {
                guarded.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }, Math.max(1, after.toMillis()), TimeUnit.MILLISECONDS));
    }

    /** True once the deadline passed and closed what it guards. */
    public boolean expired() {
        return close.isDone() && !close.isCancelled();
    }

    /** The phase finished: cancel the close (a no-op once it happened). */
    @Override
    public void close() {
        close.cancel(false);
    }
}
