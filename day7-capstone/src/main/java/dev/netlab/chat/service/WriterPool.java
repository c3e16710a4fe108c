package dev.netlab.chat.service;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members' writers on a few long-lived platform threads ("lanes"), one lane per member,
 * instead of a new virtual thread per burst. A fan-out to a room of 100 members then wakes each
 * lane once, and the lane runs the members' writers one after the other, as a Netty event loop
 * runs its write tasks. With a virtual thread per writer, each fan-out put 100 tasks into the
 * carriers' queues ahead of the readers' wake-ups and the carriers did all the work; on lanes of
 * platform threads the kernel time-slices the writers against the carriers, which are left the
 * readers (README "Performance": the 10,000-client bench's server CPU fell by a tenth, and with ZGC
 * its p99 was the lowest of the day; on G1 the p99 did not change beyond the noise; lanes of virtual
 * threads did not help).
 *
 * <p>A lane runs one writer at a time, so a send that blocks (a member that stopped reading: its
 * TCP window is full) would hold every other member of the lane. The pool's watch looks at each
 * lane every few milliseconds; a lane whose writer has been inside one send for longer than
 * {@code blockedMillis} goes on on a new thread, and the old thread stays with the blocked writer
 * alone and ends with it (Go's runtime hands a processor off a thread blocked in a system call the
 * same way). That member's writers run on a virtual thread of their own from then on
 * ({@link ChatSession#ownWriter}). A platform thread blocked in a socket write does not return when
 * interrupted, as a virtual thread does (the JDK closes the socket then): the slow-consumer policy
 * aborts the transport as well ({@link ChatLink#abort}).
 */
final class WriterPool {
    private static final Logger log = LoggerFactory.getLogger(WriterPool.class);

    private final Lane[] lanes;
    private final long blockedNanos;
    private final AtomicInteger next = new AtomicInteger();
    /** Told of each hand-off (the chat's {@code /metrics}: {@code chat_writer_handoffs_total}). */
    private final Runnable onHandOff;
    private final Thread watch;
    private volatile boolean stopped;

    /**
     * @param lanes how many threads run the writers (one per core)
     * @param blockedMillis how long one send may take before its lane gets a new thread
     * @param onHandOff told each time a lane goes on on a new thread
     */
    WriterPool(int lanes, long blockedMillis, Runnable onHandOff) {
        if (lanes < 1 || blockedMillis < 1) {
            throw new IllegalArgumentException("lanes >= 1 and blockedMillis >= 1");
        }
        this.lanes = new Lane[lanes];
        this.blockedNanos = TimeUnit.MILLISECONDS.toNanos(blockedMillis);
        this.onHandOff = onHandOff;
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane(i);
            this.lanes[i].startWorker();
        }
        long period = Math.max(1, blockedMillis / 4);
        watch = Thread.ofPlatform().name("chat-writers-watch").daemon().start(() -> {
            while (!stopped) {
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (Lane lane : this.lanes) {
                    lane.checkBlocked(now);
                }
            }
        });
    }

    /** The lane for a new member: round robin. */
    int laneFor() {
        return Math.floorMod(next.getAndIncrement(), lanes.length);
    }

    /**
     * Runs {@code session}'s writer on lane {@code lane}, after the writers queued there before it;
     * false once the pool has stopped (the caller runs it on a thread of its own).
     */
    boolean run(int lane, ChatSession session) {
        if (stopped) {
            return false;
        }
        lanes[lane].queue.add(session);
        return true;
    }

    /** Ends the lanes once their queues are empty and the watch (writers in progress finish). */
    void stop() {
        stopped = true;
        watch.interrupt();
        for (Lane lane : lanes) {
            lane.queue.add(STOP);
        }
    }

    private final class Lane {
        private final int index;
        final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Worker worker;

        Lane(int index) {
            this.index = index;
        }

        void startWorker() {
            Worker w = new Worker();
            worker = w;
            Thread.ofPlatform().name("chat-writers-" + index).daemon().start(w);
        }

        /** A writer inside one send for longer than the bound: the lane goes on on a new thread. */
        void checkBlocked(long now) {
            Worker w = worker;
            ChatSession s = w.current;
            if (s != null && !w.handedOff && s.sendingFor(now) > blockedNanos) {
                w.handedOff = true;
                s.ownWriter();
                onHandOff.run();
                log.debug("writer lane {}: {} blocked in a send for over {} ms; the lane goes on on a new thread",
                        index, s.peer(), TimeUnit.NANOSECONDS.toMillis(blockedNanos));
                startWorker();
            }
        }

        private final class Worker implements Runnable {
            volatile ChatSession current;
            /** The lane went on without this thread: it ends once its writer has. */
            volatile boolean handedOff;

            @Override
            public void run() {
                while (!handedOff) {
                    Object next;
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        continue; // an interrupt meant for a writer that has ended: not this thread's
                    }
                    if (!(next instanceof ChatSession session)) {
                        queue.add(STOP); // left for any other thread of this lane
                        return;
                    }
                    current = session;
                    try {
                        session.runWriter();
                    } catch (RuntimeException | Error e) {
                        log.warn("writer of {} failed", session.peer(), e);
                    } finally {
                        current = null;
                        Thread.interrupted(); // a drop's interrupt that came after the send it was for
                    }
                }
            }
        }
    }

    /** Put in each lane's queue by {@link #stop}: a lane's thread that takes it ends. */
    private static final Object STOP = new Object();
}
