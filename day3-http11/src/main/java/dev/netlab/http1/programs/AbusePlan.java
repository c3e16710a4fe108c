package dev.netlab.http1.programs;

import dev.netlab.http1.server.Server;
import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.abuse.Attack;
import dev.netlab.kit.abuse.ProbeClient;
import dev.netlab.kit.launch.ProgramProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The abuse suite of day 3 (given; lab-kit's {@code dev.netlab.kit.abuse} does the work): the
 * {@code serve} program in a JVM of its own with {@code -Xmx256m}, on either engine, a well-behaved
 * keep-alive client asking {@code GET /todos} beside the attacks, and HTTP/1.1's attacks:
 * slowloris, clients that pipeline and never read, a connection flood past the cap, an endless
 * header section, target and chunked body, requests reset mid-body, and a pipelining flood.
 * Run by checkpoint 3.17 (threads) and 3.19 (loop) in brief, and by bench's {@code abuse}
 * suite at length ({@code ./lab bench day3-http11 --suite abuse}).
 */
public final class AbusePlan {
    private AbusePlan() {}

    /** The connection cap of the abused server: the flood opens more. */
    public static final int MAX_CONNECTIONS = 256;
    /** The bound on the server's resident memory (heap capped at 256 MiB, plus the JVM's own). */
    public static final long RSS_BOUND_KIB = 512 * 1024;
    /** The well-behaved clients' promise. */
    public static final double P99_LIMIT_MILLIS = 100;

    /**
     * JVM options of the server: the heap bound, and fixed numbers of compiler and GC threads so
     * that the thread count before and after an attack compares like with like.
     */
    public static final List<String> SERVER_JVM = List.of("-Xms64m", "-Xmx256m",
            "-XX:-UseDynamicNumberOfCompilerThreads", "-XX:-UseDynamicNumberOfGCThreads");

    private static final String GET = "GET /todos HTTP/1.1\r\nHost: abuse\r\n\r\n";

    /** Starts {@code serve} on {@code engine} with a small cap and short timeouts, so attackers are shed quickly. */
    public static ProgramProcess start(Server.Engine engine) throws IOException {
        // a site of its own: the probe asks /todos, and the shipped site is no folder when day 3 is a jar (bench)
        Path site = Files.createTempDirectory("netlab-abuse-site");
        Files.writeString(site.resolve("index.html"), "<!doctype html><title>abuse</title>");
        site.toFile().deleteOnExit();
        site.resolve("index.html").toFile().deleteOnExit();
        return ProgramProcess.start(SERVER_JVM, AbusePlan.class, "serve", "--port", "0", "--engine", engine.name().toLowerCase(Locale.ROOT),
                "--root", site.toString(), "--max-connections", Integer.toString(MAX_CONNECTIONS),
                "--header-timeout", "2", "--idle-timeout", "10");
    }

    /** host:port of a READY url such as {@code http://127.0.0.1:4711/}. */
    public static InetSocketAddress address(String readyUrl) {
        URI u = URI.create(readyUrl);
        return new InetSocketAddress(u.getHost(), u.getPort());
    }

    /** The well-behaved client: keep-alive GET /todos, 200 with a Content-Length body. */
    public static ProbeClient probe() {
        return ProbeClient.http(GET, 200);
    }

    /** The attacks; {@code scale} 1 for CI, more for the bench. */
    public static List<AbuseRun.Scenario> scenarios(int scale) {
        return List.of(
                new AbuseRun.Scenario("slowloris", a -> Attack.slowloris(a, 50 * scale,
                        bytes("GET /todos HTTP/1.1\r\nHost: abuse\r\nX-Slow: "), Duration.ofMillis(100))),
                new AbuseRun.Scenario("slow readers", a -> Attack.slowReaders(a, 10 * scale, bytes(GET.repeat(20)))),
                new AbuseRun.Scenario("connection flood", a -> Attack.connectionFlood(a, MAX_CONNECTIONS + 150 * scale)),
                new AbuseRun.Scenario("endless header section", a -> Attack.oversized(a, 2 * scale,
                        bytes("GET /todos HTTP/1.1\r\nHost: abuse\r\n"), bytes("X-Filler: " + "a".repeat(80) + "\r\n"), 64L << 20)),
                new AbuseRun.Scenario("endless request-target", a -> Attack.oversized(a, 2 * scale,
                        bytes("GET /"), bytes("a".repeat(100)), 64L << 20)),
                new AbuseRun.Scenario("endless chunked body", a -> Attack.oversized(a, 2 * scale,
                        bytes("POST /todos HTTP/1.1\r\nHost: abuse\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"),
                        bytes("1000\r\n" + "a".repeat(4096) + "\r\n"), 64L << 20)),
                new AbuseRun.Scenario("resets mid-body", a -> Attack.resets(a, 4 * scale,
                        bytes("POST /todos HTTP/1.1\r\nHost: abuse\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"title\":"))),
                new AbuseRun.Scenario("pipelining flood", a -> Attack.flood(a, 2 * scale, bytes(GET.repeat(100)), Duration.ofMillis(20))));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
