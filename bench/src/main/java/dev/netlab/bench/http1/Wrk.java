package dev.netlab.bench.http1;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs wrk (https://github.com/wg/wrk) against one URL and reads its summary. A small Lua
 * script prints the exact figures at the end ({@code done()}: request count, duration, errors
 * and latency percentiles from wrk's own histogram), so nothing is parsed from wrk's rounded
 * human-readable output.
 */
public final class Wrk {
    private static final String SCRIPT = """
            -- netlab bench: one machine-readable line after the run
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format(
                "NETLAB requests=%d duration_us=%d socket_errors=%d status_errors=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d\\n",
                summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
                latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
            end
            """;

    /** One wrk run's figures. Latencies are wrk's: from a request's write to its response, per connection. */
    public record Result(long requests, double seconds, long socketErrors, long statusErrors,
                  double p50Millis, double p90Millis, double p99Millis, double p999Millis) {
        public double requestsPerSecond() {
            return requests / seconds;
        }

        public long errors() {
            return socketErrors + statusErrors;
        }
    }

    private final Path wrk;
    private final Path script;

    private Wrk(Path wrk, Path script) {
        this.wrk = wrk;
        this.script = script;
    }

    /** wrk on the PATH, with the report script written to a temporary file; null when wrk is missing. */
    public static Wrk find() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(p)) {
                Path script = Files.createTempFile("netlab-wrk-", ".lua");
                script.toFile().deleteOnExit();
                Files.writeString(script, SCRIPT);
                return new Wrk(p, script);
            }
        }
        return null;
    }

    /** {@code wrk -t<threads> -c<connections> -d<seconds>s --latency -s report.lua <url>}. */
    public Result run(String url, int threads, int connections, Duration duration) throws IOException, InterruptedException {
        return run(url, threads, connections, duration, null);
    }

    /**
     * The same with {@code --timeout <seconds>s} (wrk's default is 2 s; a connection whose answer
     * takes longer counts a timeout error and reconnects), unless {@code timeout} is null.
     */
    public Result run(String url, int threads, int connections, Duration duration, Duration timeout)
            throws IOException, InterruptedException {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000); // wrk counts whole seconds
        List<String> command = new java.util.ArrayList<>(List.of(wrk.toString(), "-t" + threads, "-c" + connections,
                "-d" + seconds + "s", "--latency", "-s", script.toString()));
        if (timeout != null) {
            command.add("--timeout");
            command.add(Math.max(1, timeout.toSeconds()) + "s");
        }
        command.add(url);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("wrk did not finish: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException("wrk exited " + p.exitValue() + ": " + output);
        }
        return parse(output);
    }

    static Result parse(String output) throws IOException {
        String line = output.lines().filter(l -> l.startsWith("NETLAB ")).findFirst()
                .orElseThrow(() -> new IOException("no summary line in wrk's output:\n" + output));
        Map<String, Long> v = new HashMap<>();
        for (String pair : line.substring("NETLAB ".length()).trim().split(" ")) {
            int eq = pair.indexOf('=');
            v.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return new Result(v.get("requests"), v.get("duration_us") / 1e6, v.get("socket_errors"), v.get("status_errors"),
                v.get("p50_us") / 1e3, v.get("p90_us") / 1e3, v.get("p99_us") / 1e3, v.get("p999_us") / 1e3);
    }

    public static String describe(Result r) {
        return String.format(Locale.ROOT, "%,.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors",
                r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.errors());
    }
}
