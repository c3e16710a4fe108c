package dev.netlab.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of worker threads taking tasks from a bounded queue. {@link #offer} never
 * blocks and returns false when full: the caller owns the overload policy.
 */
public final class BoundedWorkerPool {
    /** How often an idle worker looks whether the pool was shut down. */
    private static final long POLL_MILLIS = 50;

    private final BlockingQueue<Runnable> queue;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean shutdown;

    public BoundedWorkerPool(String name, int workers, int queueCapacity) {
        if (workers < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("workers and queueCapacity must be positive");
        }
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        for (int i = 1; i <= workers; i++) {
            this.workers.add(Thread.ofPlatform().name(name + "-" + i).daemon().start(this::work));
        }
    }

    private void work() {
        while (true) {
            Runnable task;
            try {
                task = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return; // shutdownNow
            }
            if (task == null) {
                if (shutdown) {
                    return; // drained: shut down and nothing left
                }
                continue;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                // one failing task must not take its worker down with it
            }
        }
    }

    public boolean offer(Runnable task) {
        return !shutdown && queue.offer(task);
    }

    public int queued() {
        return queue.size();
    }

    public void shutdown() {
        shutdown = true;
    }

    public void shutdownNow() {
        shutdown = true;
        queue.clear();
        workers.forEach(Thread::interrupt);
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread w : workers) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !w.join(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }
}
