package dev.netlab.transport;

import dev.netlab.kit.StubException;
import java.time.Duration;

/**
 * A hand-written thread pool: a fixed number of worker threads taking tasks from a queue of
 * bounded capacity. It is what {@code java.util.concurrent.ThreadPoolExecutor} does, written
 * small enough to read, with the overload decision left to the caller.
 *
 * <p>Your job:
 * <ul>
 *   <li>the constructor starts {@code workers} platform threads named {@code name-1},
 *       {@code name-2}, ...; each loops taking a task from a bounded queue (an
 *       {@link java.util.concurrent.ArrayBlockingQueue} of {@code queueCapacity}) and running
 *       it; a task that throws must not kill its worker;
 *   <li>{@link #offer(Runnable)} never blocks: it queues the task and returns true, or returns
 *       false when the queue is full or the pool is shut down — the overload signal. The
 *       caller applies the policy (the pooled echo server closes the connection);
 *   <li>{@link #shutdown()} refuses new tasks; workers finish the queued ones and then end
 *       (the queue <em>drains</em>);
 *   <li>{@link #awaitTermination(Duration)} waits for every worker to end;
 *       {@link #shutdownNow()} also interrupts the workers and discards queued tasks.
 * </ul>
 */
public final class BoundedWorkerPool {
    public BoundedWorkerPool(String name, int workers, int queueCapacity) {
        if (workers < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("workers and queueCapacity must be positive");
        }
    }

    /** Queues {@code task} and returns true; false when the queue is full or the pool is shut down. */
    public boolean offer(Runnable task) {
        throw StubException.notImplemented("2.02", "echo on a bounded worker pool", "day2-tcp-udp/README.md#echo-four-ways");
    }

    /** Tasks waiting in the queue right now. */
    public int queued() {
        throw StubException.notImplemented("2.02", "echo on a bounded worker pool", "day2-tcp-udp/README.md#echo-four-ways");
    }

    /** Refuses new tasks; the workers finish what is queued, then end. */
    public void shutdown() {
        // Nothing was started by the stub, so there is nothing to shut down.
    }

    /** Like {@link #shutdown()}, and interrupts the workers and discards queued tasks. */
    public void shutdownNow() {
        // Nothing was started by the stub, so there is nothing to shut down.
    }

    /** Waits at most {@code timeout} for every worker to end; true if they all did. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return true;
    }
}
