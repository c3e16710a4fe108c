package dev.netlab.bench.http2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs nghttp2's h2load (Debian {@code nghttp2-client}) and reads its summary: requests done,
 * succeeded, failed and errored, the time and requests/s h2load measured, and the CPU seconds
 * h2load itself used (bash's {@code times} after it), which tell when the load generator and
 * not the server is the limit: h2load runs one thread by default, so near one core of its own
 * it cannot ask faster. With a log file ({@code --log-file}: start µs, status, duration µs per
 * request) it also gives latency percentiles.
 */
final class H2load {
    private static final Pattern FINISHED = Pattern.compile("finished in ([0-9.]+)(ms|s), ([0-9.]+) req/s");
    private static final Pattern REQUESTS = Pattern.compile(
            "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored");
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s");

    /**
     * One run.
     *
     * @param seconds        h2load's own measured time
     * @param cpuSeconds     user + system CPU seconds of h2load
     * @param latencyMicros  every request's duration from the log file, sorted (empty without one)
     */
    record Result(long done, long succeeded, long failed, long errored, double seconds, double requestsPerSecond,
                  double cpuSeconds, long[] latencyMicros, String command) {
        /** CPU cores h2load kept busy on average: near 1.0 (its one thread) it is the limit. */
        double loadGeneratorCores() {
            return cpuSeconds / seconds;
        }

        double percentileMillis(double p) {
            if (latencyMicros.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latencyMicros.length - 1, Math.ceil(p / 100 * latencyMicros.length) - 1);
            return latencyMicros[Math.max(0, i)] / 1000.0;
        }
    }

    private H2load() {
    }

    /** Whether h2load is on the PATH. */
    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, "h2load"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code h2load <args> <url>}, within {@code timeoutSeconds}; {@code log} non-null adds {@code --log-file}. */
    static Result run(String url, Path log, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> h2load = new ArrayList<>(List.of("h2load"));
        h2load.addAll(Arrays.asList(args));
        if (log != null) {
            Files.deleteIfExists(log);
            h2load.add("--log-file=" + log);
        }
        h2load.add(url);
        List<String> command = new ArrayList<>(List.of("bash", "-c", "\"$@\"; rc=$?; times >&2; exit $rc", "h2load"));
        command.addAll(h2load);
        Path out = Files.createTempFile("netlab-h2load-", ".out");
        Path err = Files.createTempFile("netlab-h2load-", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException("h2load did not finish within " + timeoutSeconds + " s: " + String.join(" ", h2load));
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            Matcher f = FINISHED.matcher(stdout);
            Matcher r = REQUESTS.matcher(stdout);
            if (p.exitValue() != 0 || !f.find() || !r.find()) {
                throw new IOException("h2load failed (exit " + p.exitValue() + "): " + String.join(" ", h2load) + "\n" + stdout + stderr);
            }
            double seconds = Double.parseDouble(f.group(1)) / (f.group(2).equals("ms") ? 1000 : 1);
            // bash's times: the shell's user/system, then its children's (h2load's)
            Matcher t = TIMES.matcher(stderr);
            double cpu = Double.NaN;
            while (t.find()) {
                cpu = Long.parseLong(t.group(1)) * 60 + Double.parseDouble(t.group(2)) + Long.parseLong(t.group(3)) * 60
                        + Double.parseDouble(t.group(4));
            }
            return new Result(Long.parseLong(r.group(3)), Long.parseLong(r.group(4)), Long.parseLong(r.group(5)),
                    Long.parseLong(r.group(6)), seconds, Double.parseDouble(f.group(3)), cpu,
                    log == null ? new long[0] : latencies(log), String.join(" ", h2load));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The durations (third column) of an h2load log file, sorted. */
    private static long[] latencies(Path log) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.map(l -> l.split("\t")).filter(f -> f.length >= 3)
                    .mapToLong(f -> Long.parseLong(f[2].trim())).sorted().toArray();
        }
    }

    static String describe(Result r) {
        return String.format(Locale.ROOT, "%,.0f req/s, %,d succeeded of %,d, %.2f s, h2load %.2f cores",
                r.requestsPerSecond(), r.succeeded(), r.done(), r.seconds(), r.loadGeneratorCores());
    }
}
