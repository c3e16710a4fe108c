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
     * What the process's descriptors are, counted by kind ({@code 180 TCP CLOSE_WAIT, 40 file,
     * 30 TCP ESTABLISHED, 4 pipe, 2 TCP LISTEN, 2 socket, 2 anon_inode:[eventpoll]}): a leak report
     * that says which kind stayed open. A TCP socket is named by its state (RFC 9293 §3.3.2), which
     * says whose move it was: CLOSE_WAIT, the peer closed and the server never did (a connection
     * the server forgot); ESTABLISHED, both still hold it (a thread still serving, or waiting);
     * FIN_WAIT2, the server closed and the peer did not. Other sockets (UDP, Unix) are "socket".
     */
    static String descriptors(long pid) {
        java.util.Map<Long, String> tcp = tcpStates(pid);
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        try (var entries = java.nio.file.Files.list(java.nio.file.Path.of("/proc", Long.toString(pid), "fd"))) {
            for (java.nio.file.Path fd : (Iterable<java.nio.file.Path>) entries::iterator) {
                String target;
                try {
                    target = java.nio.file.Files.readSymbolicLink(fd).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                String kind = target.startsWith("socket:") ? tcp.getOrDefault(inode(target), "socket")
                        : target.startsWith("pipe:") ? "pipe" : target.startsWith("anon_inode:") ? target : "file";
                kinds.merge(kind, 1, Integer::sum);
            }
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
        return kinds.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The inode of {@code socket:[12345]}, or -1. */
    private static long inode(String target) {
        try {
            return Long.parseLong(target.substring(target.indexOf('[') + 1, target.length() - 1));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The TCP states of RFC 9293 §3.3.2 by the kernel's numbers ({@code include/net/tcp_states.h}). */
    private static final String[] TCP_STATES = {"?", "ESTABLISHED", "SYN_SENT", "SYN_RECEIVED", "FIN_WAIT1",
            "FIN_WAIT2", "TIME_WAIT", "CLOSED", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECEIVED"};

    /**
     * Socket inode to "TCP state", from {@code /proc/<pid>/net/tcp} and {@code tcp6} (the sockets of
     * the process's network namespace; the fd links say which are its own). Empty if unreadable.
     */
    static java.util.Map<Long, String> tcpStates(long pid) {
        java.util.Map<Long, String> states = new java.util.HashMap<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            java.util.List<String> lines;
            try {
                lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(pid), "net", table));
            } catch (IOException | UncheckedIOException e) {
                continue;
            }
            // "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10) {
                    continue;
                }
                try {
                    int st = Integer.parseInt(f[3], 16);
                    states.put(Long.parseLong(f[9]), "TCP " + (st < TCP_STATES.length ? TCP_STATES[st] : "state " + st));
                } catch (NumberFormatException e) {
                    // a line of another shape: skip it
                }
            }
        }
        return states;
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
