package dev.netlab.http1.server;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop of the {@link LoopServer} (given): a platform thread that owns a
 * {@link Selector} and every connection registered with it. Only this thread touches those
 * connections; other threads hand it work with {@link #execute}.
 *
 * <pre>
 *   ┌─► select (until a socket is ready, a task arrives or the next deadline check)
 *   │   run the queued tasks (new connections, shutdown, a body written by a virtual thread)
 *   │   serve every ready key: writable → flush, readable → read, parse, answer
 *   └── every {@value #TICK_MILLIS} ms: expire the connections whose deadline passed
 * </pre>
 *
 * A ready socket is read, parsed and answered right here, with no hand-off to another thread:
 * one {@code epoll_wait} serves every connection that became ready, and an idle connection
 * costs no system call at all (its registration is made once and kept).
 */
final class EventLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
    /** How often deadlines are checked: the resolution of the idle, header and body timeouts. */
    static final long TICK_MILLIS = 20;

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Set<LoopConnection> connections = new HashSet<>();
    /** Work that must wait until cancelled keys are deregistered (the next select flushes them). */
    private final Queue<Runnable> afterDeregistration = new ArrayDeque<>();
    private final Consumer<SelectionKey> serve = this::serve;
    private volatile boolean stopped;
    private long nextTick;
    /** {@code System.nanoTime()} when the current socket or task began to be served. */
    private long now;

    EventLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this);
    }

    void start() {
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread, soon; wakes the loop if it sleeps in select. */
    void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * On the loop thread, after the keys cancelled so far are deregistered: a channel can be
     * switched to blocking mode only then ({@link java.nio.channels.SelectableChannel#configureBlocking}).
     */
    void afterDeregistration(Runnable task) {
        afterDeregistration.add(task);
    }

    /** The loop's clock: read once per ready socket and per round of tasks, enough for deadlines. */
    long now() {
        return now;
    }

    void added(LoopConnection c) {
        connections.add(c);
    }

    void removed(LoopConnection c) {
        connections.remove(c);
    }

    /** A snapshot of this loop's connections, on the loop thread. */
    List<LoopConnection> connections() {
        return new ArrayList<>(connections);
    }

    /** Stops the loop once it has run the tasks queued so far; closes the selector. */
    void stop() {
        execute(() -> stopped = true);
    }

    boolean join(long millis) throws InterruptedException {
        return thread.join(java.time.Duration.ofMillis(millis));
    }

    @Override
    public void run() {
        nextTick = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        try {
            while (!stopped) {
                select();
                now = System.nanoTime();
                runTasks();
                tick();
            }
        } catch (IOException | RuntimeException e) {
            log.error("event loop {} failed: every connection on it is closed", thread.getName(), e);
        } finally {
            for (LoopConnection c : connections()) {
                c.abort();
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /**
     * Waits for ready sockets and serves each as the selector finds it
     * ({@link Selector#select(java.util.function.Consumer, long)}: no selected-key set to fill,
     * iterate and empty).
     */
    private void select() throws IOException {
        if (!afterDeregistration.isEmpty()) {
            selector.selectNow(serve); // deregisters the cancelled keys
            for (Runnable r; (r = afterDeregistration.poll()) != null; ) {
                r.run();
            }
        } else if (!tasks.isEmpty()) {
            selector.selectNow(serve);
        } else if (connections.isEmpty()) {
            selector.select(serve); // nothing to time out: sleep until a socket or a task
        } else {
            long wait = TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime());
            if (wait > 0) {
                selector.select(serve, wait);
            } else {
                selector.selectNow(serve);
            }
        }
        wakeupPending.set(false);
    }

    private void runTasks() {
        for (Runnable r; (r = tasks.poll()) != null; ) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("task on event loop {} failed", thread.getName(), e);
            }
        }
    }

    private void serve(SelectionKey key) {
        now = System.nanoTime(); // one clock read per ready socket, shared by its deadlines
        if (key.isValid() && key.attachment() instanceof LoopConnection c) {
            c.onReady(key.readyOps());
        }
    }

    private void tick() {
        if (now - nextTick < 0) {
            return;
        }
        nextTick = now + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
        for (LoopConnection c : connections()) {
            c.onTick(now);
        }
    }
}
