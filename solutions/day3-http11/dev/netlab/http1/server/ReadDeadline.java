package dev.netlab.http1.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadline of one connection's blocking reads, enforced by a single watchdog thread
 * shared by every connection instead of a timer per read.
 *
 * <p>Why not {@code SO_TIMEOUT}: a virtual thread whose read finds no data parks until the
 * socket is readable; with a socket timeout it also arms a JDK timer before parking and
 * cancels it after, on every read that waits, which is nearly every read of a keep-alive
 * connection. Under wrk that timer work was about a third of the server's CPU. Here a
 * read has no timeout at all: the connection writes the moment by which the current wait
 * must end into a {@code volatile} field (one write per phase, not per read), and the
 * watchdog looks at every deadline once per {@link #TICK}. When one has passed it records
 * that, then calls {@link SocketChannel#shutdownInput()}: the JDK wakes a thread blocked in
 * {@code read} on that channel (a virtual thread is taken off the poller, a platform thread
 * is signalled), the read returns end-of-stream, and the connection asks {@link #expired()}
 * to tell a timeout from a client that closed. Only the input is shut, so a {@code 408}
 * can still be written.
 *
 * <pre>
 *   connection thread                          watchdog (every 10 ms)
 *   ─────────────────                          ──────────────────────
 *   expireAfter(idle)   ── expiresAt ──►       now ≥ expiresAt?
 *   channel.read(...)   (parked, no timer)       expired = true
 *                       ◄── shutdownInput() ──   (the read returns -1)
 *   read = -1, expired() → idle: close; header: 408; body: 408
 * </pre>
 *
 * <p>With no connection open the watchdog sleeps until one is watched.
 * A deadline fires up to one tick late. One that passes at the very moment its octets
 * arrive may still end the connection, as a socket timeout could.
 */
final class ReadDeadline {
    /** How often the watchdog checks the deadlines: a timeout fires at most this late. */
    static final Duration TICK = Duration.ofMillis(10);
    private static final long NONE = Long.MAX_VALUE;
    /** Deadlines count nanoseconds from here, so they are positive and compare with {@code >=}. */
    private static final long ORIGIN = System.nanoTime();
    private static final Set<ReadDeadline> WATCHED = ConcurrentHashMap.newKeySet();
    /** True while the watchdog parks with nothing to watch; {@link #watch(SocketChannel)} wakes it. */
    private static volatile boolean sleeping;
    private static final Thread WATCHDOG =
            Thread.ofPlatform().name("http1-read-deadlines").daemon().start(ReadDeadline::watch);

    private final SocketChannel channel;
    /** When the current wait must end, in nanoseconds since {@link #ORIGIN}; {@link #NONE} while not reading. */
    private volatile long expiresAt = NONE;
    private volatile boolean expired;

    private ReadDeadline(SocketChannel channel) {
        this.channel = channel;
    }

    /** Starts watching {@code channel}'s reads; {@link #close()} stops. */
    static ReadDeadline watch(SocketChannel channel) {
        ReadDeadline deadline = new ReadDeadline(channel);
        WATCHED.add(deadline);
        if (sleeping) {
            LockSupport.unpark(WATCHDOG);
        }
        return deadline;
    }

    /** The reads from now on must be done within {@code timeout}. */
    void expireAfter(Duration timeout) {
        expiresAt = now() + timeout.toNanos();
    }

    /** No deadline: the connection is not waiting for the client (it runs the handler or writes). */
    void clear() {
        expiresAt = NONE;
    }

    /** True once a deadline passed: the input is shut down and every read returns end-of-stream. */
    boolean expired() {
        return expired;
    }

    void close() {
        WATCHED.remove(this);
    }

    private static long now() {
        return System.nanoTime() - ORIGIN;
    }

    private static void watch() {
        long tick = TICK.toNanos();
        while (true) {
            if (WATCHED.isEmpty()) {
                // No connection: sleep until one comes instead of waking 100 times a second.
                // The flag is set before the second look, so a watch() that adds after that
                // look sees it and unparks us; one that added before it is seen by the look.
                sleeping = true;
                if (WATCHED.isEmpty()) {
                    LockSupport.park();
                }
                sleeping = false;
                continue;
            }
            LockSupport.parkNanos(tick);
            long now = now();
            for (ReadDeadline d : WATCHED) {
                if (now >= d.expiresAt && !d.expired) {
                    d.expire();
                }
            }
        }
    }

    private void expire() {
        expired = true; // before the wake-up, so the woken reader sees it
        try {
            channel.shutdownInput();
        } catch (IOException closedAlready) {
            // the connection ended on its own meanwhile
        }
    }
}
