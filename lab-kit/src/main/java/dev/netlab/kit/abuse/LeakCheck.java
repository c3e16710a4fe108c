package dev.netlab.kit.abuse;

import java.io.IOException;
import java.io.UncheckedIOException;
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
        Verdict verdict = new Verdict(before, now, "");
        return verdict.leaked() ? new Verdict(before, now, descriptors(pid)) : verdict;
    }

    /**
     * What the process's descriptors are, counted by kind ({@code 212 socket, 40 file, 4 pipe,
     * 2 anon_inode:[eventpoll]}): a leak report that says which kind stayed open.
     */
    static String descriptors(long pid) {
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        try (var entries = java.nio.file.Files.list(java.nio.file.Path.of("/proc", Long.toString(pid), "fd"))) {
            for (java.nio.file.Path fd : (Iterable<java.nio.file.Path>) entries::iterator) {
                String target;
                try {
                    target = java.nio.file.Files.readSymbolicLink(fd).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                String kind = target.startsWith("socket:") ? "socket" : target.startsWith("pipe:") ? "pipe"
                        : target.startsWith("anon_inode:") ? target : "file";
                kinds.merge(kind, 1, Integer::sum);
            }
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
        return kinds.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Before and after; {@link #leaked()} when either count stayed above its baseline. On a leak,
     * {@code descriptors} says what the process held afterwards, by kind (else it is empty).
     */
    public record Verdict(ProcessStats before, ProcessStats after, String descriptors) {
        public boolean leaked() {
            return after.threads() > before.threads() || after.fds() > before.fds();
        }

        @Override
        public String toString() {
            return "threads %d -> %d, file descriptors %d -> %d".formatted(before.threads(), after.threads(),
                    before.fds(), after.fds()) + (descriptors.isEmpty() ? "" : " (held afterwards: " + descriptors + ")");
        }
    }
}
