package dev.netlab.bench.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Handshakes from {@code openssl s_time}: {@code -new} makes a full handshake per connection,
 * {@code -reuse} resumes the first connection's session on every later one (with {@code -www}
 * the client reads each response, and with it the TLS 1.3 NewSessionTicket it resumes with).
 * Each connection fetches {@link HelloHttps#PATH} with HTTP/1.0 and reads until the server
 * closes. s_time prints one mark per connection ({@code r} when the session was reused) and
 * {@code N connections in ...}; the clock is ours (s_time's "real seconds" are whole seconds).
 * Several clients run at once, so the server, not one client's round trips, is the limit.
 */
final class STime {
    private static final Pattern CONNECTIONS = Pattern.compile("(\\d+) connections in [\\d.]+s");
    private static final Pattern MARKS = Pattern.compile("[*r]+");

    /** What one run of the clients did: connections, how many were resumed, over how many seconds. */
    record Result(long connections, long resumed, double seconds) {
        double perSecond() {
            return connections / seconds;
        }
    }

    private final Path openssl;

    private STime(Path openssl) {
        this.openssl = openssl;
    }

    /** openssl on the PATH, or null. */
    static STime find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "openssl");
            if (Files.isExecutable(p)) {
                return new STime(p);
            }
        }
        return null;
    }

    /** {@code clients} × {@code openssl s_time -connect 127.0.0.1:port -tls1_3 -www /plaintext -new|-reuse -time s}. */
    Result run(int port, boolean resume, int clients, Duration duration) throws IOException, InterruptedException {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        List<String> command = List.of(openssl.toString(), "s_time", "-connect", "127.0.0.1:" + port, "-tls1_3",
                "-www", HelloHttps.PATH, resume ? "-reuse" : "-new", "-time", Long.toString(seconds));
        long start = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            processes.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        long connections = 0;
        long resumed = 0;
        List<String> outputs = new ArrayList<>();
        for (Process p : processes) {
            outputs.add(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            String output = outputs.get(i);
            if (!p.waitFor(seconds + 30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("openssl s_time failed: " + command + "\n" + output);
            }
            Matcher m = CONNECTIONS.matcher(output);
            if (!m.find()) {
                throw new IOException("no 'N connections in' line from " + command + ":\n" + output);
            }
            connections += Long.parseLong(m.group(1));
            // the marks: lines of '*' (a new session) and 'r' (a reused one), one per connection
            resumed += output.lines().filter(l -> MARKS.matcher(l).matches())
                    .mapToLong(l -> l.chars().filter(ch -> ch == 'r').count()).sum();
        }
        return new Result(connections, resumed, elapsed);
    }
}
