package dev.netlab.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The load generator's own GC pauses: counted only once armed, with their lengths. */
class PauseWatchTest {

    @Test
    @DisplayName("a collection done before arm() does not count, even when told after it; later ones do: count, sum, longest")
    void countsOnceArmed() {
        try (PauseWatch watch = new PauseWatch()) {
            GarbageCollectorMXBean gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .filter(c -> !c.getName().contains("Cycles")).findFirst().orElseThrow(); // as PauseWatch watches
            long done = gc.getCollectionCount();
            watch.onPause(gc.getName(), done + 1, 500); // not armed yet
            watch.arm();
            watch.onPause(gc.getName(), done, 90); // the collection the suite asks for just before arming, told late
            watch.onPause("no such collector", done + 1, 90);
            assertThat(watch.summary()).isEqualTo("0 pauses, 0 ms in all, the longest 0 ms");
            watch.onPause(gc.getName(), done + 1, 17);
            watch.onPause(gc.getName(), done + 2, 42);
            watch.onPause(gc.getName(), done + 3, 8);
            assertThat(watch.summary()).isEqualTo("3 pauses, 67 ms in all, the longest 42 ms");
        }
    }

    @Test
    @DisplayName("the JVM's own collector tells it: a System.gc() after arm() is a pause counted")
    void realPause() throws InterruptedException {
        try (PauseWatch watch = new PauseWatch()) {
            watch.arm();
            System.gc(); // stop-the-world on G1, Serial and Parallel; ZGC reports its pauses on beans of their own
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (watch.summary().startsWith("0 pauses") && System.nanoTime() < deadline) {
                Thread.sleep(20); // notifications arrive on a JMX thread
            }
            assertThat(watch.summary()).matches("[1-9]\\d* pauses, \\d+ ms in all, the longest \\d+ ms");
        }
    }
}
