package dev.netlab.kit.abuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a process holds right now, read from Linux's {@code /proc/<pid>}: its threads
 * ({@code task/}, every kernel thread of the JVM: platform threads, carriers of virtual
 * threads, GC and compiler threads), its open file descriptors ({@code fd/}: sockets, files,
 * the epoll instance), its resident memory ({@code VmRSS}) and the peak of that since it
 * started ({@code VmHWM}, the "high-water mark", from {@code status}).
 *
 * @param threads    entries of {@code /proc/<pid>/task}
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
        return new ProcessStats(count(proc.resolve("task")), count(proc.resolve("fd")), rss, hwm);
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
