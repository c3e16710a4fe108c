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
}
