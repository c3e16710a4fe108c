package dev.netlab.kit.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {

    @Test
    @DisplayName("the JVM's elastic pools (carriers, compilers, G1 workers) are not counted; a server's own threads are")
    void elasticPools() {
        for (String jvm : List.of("ForkJoinPool-1-", "ForkJoinPool.co", "VirtualThread-u", "C2 CompilerThre",
                "C1 CompilerThre", "GC Thread#3", "G1 Conc#1", "G1 Refine#2", "Attach Listener")) {
            assertThat(ProcessStats.elastic(jvm)).as(jvm).isTrue();
        }
        for (String own : List.of("Thread-12", "pool-1-thread-3", "kv-accept", "java", "VM Thread", "Finalizer",
                "Common-Cleaner")) {
            assertThat(ProcessStats.elastic(own)).as(own).isFalse();
        }
    }

    @Test
    @DisplayName("a platform thread per connection that never ends shows in the count: the leak it is for")
    void leakedThreadsCount() throws Exception {
        assumeTrue(ProcessStats.available(), "reads /proc: Linux only");
        long pid = ProcessHandle.current().pid();
        long before = ProcessStats.of(pid).threads();
        CountDownLatch end = new CountDownLatch(1);
        List<Thread> leaked = new ArrayList<>();
        int leaking = 20;
        for (int i = 0; i < leaking; i++) {
            leaked.add(Thread.ofPlatform().name("pool-9-thread-" + i).start(() -> {
                try {
                    end.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        try {
            // the JVM's own threads come and go meanwhile (compiler threads are started and stopped on demand: a
            // clean-clone CI run saw one fewer), so 20 leaked threads must show as at least 15 more
            assertThat(ProcessStats.of(pid).threads()).isGreaterThanOrEqualTo(before + leaking - 5);
        } finally {
            end.countDown();
            for (Thread t : leaked) {
                t.join();
            }
        }
    }
}
