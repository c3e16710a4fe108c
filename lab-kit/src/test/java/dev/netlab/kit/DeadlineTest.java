package dev.netlab.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    @DisplayName("a deadline that passes closes what it guards; one closed in time never does")
    void closesOnlyWhenItPasses() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        Closeable guarded = closed::countDown;
        Deadline passing = Deadline.closes(guarded, Duration.ofMillis(50));
        assertThat(closed.await(5, TimeUnit.SECONDS)).as("closed at the deadline").isTrue();
        // the timer's task is done only once close() has returned: the latch may be counted down first
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!passing.expired() && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertThat(passing.expired()).isTrue();
        passing.close(); // a no-op now

        CountDownLatch kept = new CountDownLatch(1);
        try (Deadline inTime = Deadline.closes(kept::countDown, Duration.ofMillis(200))) {
            assertThat(inTime.expired()).isFalse();
        }
        assertThat(kept.await(500, TimeUnit.MILLISECONDS)).as("cancelled: never closed").isFalse();
    }

    /**
     * JSSE's {@code SSLSocket.close()} can wait up to a read's {@code SO_TIMEOUT} (it drains the
     * peer's input under the lock a handshake blocked in a read holds): a close that waits must
     * hold back no other deadline. Kills the mutant "the timer thread runs each close itself"
     * (the socket was closed only once the first close returned, 3 s later).
     */
    @Test
    @DisplayName("a close that waits holds back no other deadline: a socket due 100 ms later is closed on time")
    void aWaitingCloseDelaysNoOther() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Closeable slow = () -> {
            waiting.countDown();
            try {
                release.await(3, TimeUnit.SECONDS); // as SSLSocket.close() waits for a handshake's read
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.Socket client = new java.net.Socket(listener.getInetAddress(), listener.getLocalPort());
             java.net.Socket accepted = listener.accept()) {
            Deadline first = Deadline.closes(slow, Duration.ofMillis(20));
            assertThat(waiting.await(5, TimeUnit.SECONDS)).as("the first close began").isTrue();
            long start = System.nanoTime();
            Deadline second = Deadline.closes(accepted, Duration.ofMillis(100));
            client.setSoTimeout(10_000);
            assertThat(client.getInputStream().read()).as("the peer sees the socket's end of stream").isEqualTo(-1);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            release.countDown();
            assertThat(took).as("closed 100 ms after it was due while the first close still waited").isLessThan(Duration.ofSeconds(2));
            first.close();
            second.close();
        } finally {
            release.countDown();
        }
    }

    /**
     * The deadlines matter most when a server is busiest: a burst of handshakes keeps every
     * virtual-thread carrier busy, and a close that needs a carrier fires only once one is free.
     * Kills the mutant "every close starts a virtual thread" (found by day 6's s27 work: six stalled
     * handshakes all ended at 3.5 s, when the carriers were released): here the socket, due at
     * 100 ms, was closed only when the busy carriers finished, 3 s later.
     */
    @Test
    @DisplayName("a plain socket's deadline fires while every virtual-thread carrier is busy (its close never waits: the timer runs it)")
    void aSocketDeadlineNeedsNoCarrier() throws Exception {
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
        CountDownLatch busy = new CountDownLatch(carriers);
        long spinUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        java.util.List<Thread> spinners = new java.util.ArrayList<>();
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             java.net.Socket client = new java.net.Socket(listener.getInetAddress(), listener.getLocalPort());
             java.net.Socket accepted = listener.accept()) {
            for (int i = 0; i < carriers; i++) { // CPU-bound virtual threads: none yields its carrier before 3 s
                spinners.add(Thread.ofVirtual().start(() -> {
                    busy.countDown();
                    long x = 0;
                    while (System.nanoTime() < spinUntil) {
                        x++;
                    }
                    if (x == 42) {
                        System.out.print("");
                    }
                }));
            }
            assertThat(busy.await(5, TimeUnit.SECONDS)).as("every carrier is busy").isTrue();
            long start = System.nanoTime();
            try (Deadline d = Deadline.closes(accepted, Duration.ofMillis(100))) {
                client.setSoTimeout(10_000);
                assertThat(client.getInputStream().read()).as("the peer sees the socket's end of stream").isEqualTo(-1);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).as("closed soon after 100 ms, not when a carrier came free (3 s)").isLessThan(Duration.ofMillis(1500));
            }
        } finally {
            for (Thread t : spinners) {
                t.join();
            }
        }
    }
}
