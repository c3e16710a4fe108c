package dev.netlab.kit.abuse;

import java.io.IOException;
import java.time.Duration;

/**
 * Threads and file descriptors of a server process before and after an abuse run: every
 * connection the attackers opened is closed again, so whatever the server holds beyond its
 * baseline afterwards was leaked (a socket never closed, a thread never ended). The baseline
 * is taken after a warm-up (the JVM's compiler and GC threads have started, the server has
 * served a few requests); afterwards the counts are polled, bounded by {@code settle}, until
 * they are back at or under the baseline — closing takes a moment, never a leak's forever.
 */
public final class LeakCheck {
    private final long pid;
    private final ProcessStats before;

    private LeakCheck(long pid, ProcessStats before) {
        this.pid = pid;
        this.before = before;
    }

    /** Takes the baseline of {@code pid} now. */
    public static LeakCheck baseline(long pid) throws IOException {
        return new LeakCheck(pid, ProcessStats.of(pid));
    }

    public ProcessStats before() {
        return before;
    }

    /**
     * Polls until threads and descriptors are back at or under the baseline, at most {@code settle};
     * returns the verdict with the last counts read.
     */
    public Verdict after(Duration settle) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        ProcessStats now = ProcessStats.of(pid);
        while ((now.threads() > before.threads() || now.fds() > before.fds()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = ProcessStats.of(pid);
        }
        return new Verdict(before, now);
    }

    /** Before and after; {@link #leaked()} when either count stayed above its baseline. */
    public record Verdict(ProcessStats before, ProcessStats after) {
        public boolean leaked() {
            return after.threads() > before.threads() || after.fds() > before.fds();
        }

        @Override
        public String toString() {
            return "threads %d -> %d, file descriptors %d -> %d".formatted(before.threads(), after.threads(),
                    before.fds(), after.fds());
        }
    }
}
