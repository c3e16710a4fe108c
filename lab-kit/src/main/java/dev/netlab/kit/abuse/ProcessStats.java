package dev.netlab.kit.abuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a process holds right now, read from Linux's {@code /proc/<pid>}: its threads
 * ({@code task/}, every kernel thread of the JVM), its open file descriptors ({@code fd/}:
 * sockets, files, the epoll instance), its resident memory ({@code VmRSS}) and the peak of
 * that since it started ({@code VmHWM}, the "high-water mark", from {@code status}).
 *
 * <p>The thread count leaves out the JVM's own elastic pools, named by {@link #ELASTIC}: the
 * carriers of virtual threads and the common pool (started on demand up to their parallelism,
 * retired after 30 s idle), the JIT compiler threads and G1's GC, marking and refinement
 * workers (the JVM adds and removes them with the load). Each is bounded by the JVM, not by
 * the connections it serves, and an attack legitimately wakes one more of them: counting them
 * made a leak check fail on "threads 31 -> 32" in CI with nothing leaked. A thread per
 * connection that never ends — the leak the count is for — is none of these.
 *
 * @param threads    entries of {@code /proc/<pid>/task} whose name ({@code comm}) is not one
 *                   of the JVM's elastic pools
 * @param fds        entries of {@code /proc/<pid>/fd}
 * @param rssKiB     resident set size now
 * @param peakRssKiB the largest resident set size since the process started
 */
public record ProcessStats(long threads, long fds, long rssKiB, long peakRssKiB) {

    /** Reads the four figures of {@code pid}; throws when the process is gone or this is not Linux. */
    public static ProcessStats of(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        long rss = -1;
        long hwm = -1;
        for (String line : Files.readAllLines(proc.resolve("status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = kib(line);
            } else if (line.startsWith("VmHWM:")) {
                hwm = kib(line);
            }
        }
        return new ProcessStats(threads(proc.resolve("task")), count(proc.resolve("fd")), rss, hwm);
    }

    /**
     * Name prefixes (Linux's {@code comm}, the first 15 octets of a thread's name) of the JVM's
     * elastic pools: virtual-thread carriers ({@code ForkJoinPool-1-worker-N}), the common pool,
     * the virtual-thread unparker, C1/C2 compilers, G1's workers, and the attach listener a
     * {@code jcmd} starts.
     */
    static final java.util.List<String> ELASTIC = java.util.List.of("ForkJoinPool-", "ForkJoinPool.co",
            "VirtualThread-u", "C1 CompilerThre", "C2 CompilerThre", "GC Thread#", "G1 Conc#", "G1 Refine#",
            "Attach Listener");

    /** Whether a thread named {@code comm} belongs to one of the JVM's elastic pools. */
    static boolean elastic(String comm) {
        for (String prefix : ELASTIC) {
            if (comm.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static long threads(Path task) throws IOException {
        try (Stream<Path> entries = Files.list(task)) {
            return entries.filter(t -> {
                try {
                    return !elastic(Files.readString(t.resolve("comm")).strip());
                } catch (IOException e) {
                    return false; // the thread ended while we listed it
                }
            }).count();
        } catch (NoSuchFileException e) {
            throw new IOException("process gone: " + task, e);
        }
    }

    /** Whether /proc describes processes here (Linux). */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/status"));
    }

    private static long kib(String statusLine) {
        // "VmRSS:	  123456 kB"
        String digits = statusLine.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.count();
        } catch (NoSuchFileException e) {
            throw new IOException("process gone: " + dir, e);
        }
    }
}
