package dev.netlab.transport.programs;

import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.abuse.Attack;
import dev.netlab.kit.abuse.ProbeClient;
import dev.netlab.kit.launch.ProgramProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The abuse suite of day 2 (given; lab-kit's {@code dev.netlab.kit.abuse} does the work): each
 * echo program ({@code echo}, {@code echo-threads}, {@code echo-pool}, {@code echo-nio}) and the
 * key-value server ({@code kv}) in a JVM of its own with {@code -Xmx256m}, a well-behaved client
 * beside the attacks (64 octets echoed; a {@code PING} frame answered {@code +PONG}), and TCP's
 * and the frame protocol's attacks. Run by checkpoint 2.16 in brief and by bench's
 * {@code abuse} suite at length ({@code ./lab bench day2-tcp-udp --suite abuse}).
 */
public final class AbusePlan {
    private AbusePlan() {}

    /** The bound on a server's resident memory (heap capped at 256 MiB, plus the JVM's own). */
    public static final long RSS_BOUND_KIB = 512 * 1024;
    public static final double P99_LIMIT_MILLIS = 100;
    /** Fixed numbers of compiler and GC threads, so thread counts before and after compare like with like. */
    public static final List<String> SERVER_JVM = List.of("-Xms64m", "-Xmx256m",
            "-XX:-UseDynamicNumberOfCompilerThreads", "-XX:-UseDynamicNumberOfGCThreads");

    private static final byte[] MESSAGE = new byte[64];

    static {
        Arrays.fill(MESSAGE, (byte) 'e');
    }

    /** The programs abused: the four echo models and the key-value server. */
    public static final List<String> PROGRAMS = List.of("echo", "echo-threads", "echo-pool", "echo-nio", "kv");

    public static ProgramProcess start(String program) throws IOException {
        return ProgramProcess.start(SERVER_JVM, AbusePlan.class, program, "--port", "0");
    }

    /** host:port of {@code READY tcp://host:port}. */
    public static InetSocketAddress address(String readyUrl) {
        URI u = URI.create(readyUrl);
        return new InetSocketAddress(u.getHost(), u.getPort());
    }

    public static ProbeClient probe(String program) {
        return program.equals("kv") ? ProbeClient.frames(text("PING"), text("+PONG")) : ProbeClient.expecting(MESSAGE, MESSAGE);
    }

    /** The attacks on {@code program}; {@code scale} 1 for CI, more for the bench. */
    public static List<AbuseRun.Scenario> scenarios(String program, int scale) {
        if (program.equals("kv")) {
            byte[] ping = frame(text("PING"));
            byte[] bigSet = frame(text("SET big " + "v".repeat(60 * 1024))); // just under the 64 KiB frame limit
            return List.of(
                    new AbuseRun.Scenario("slowloris", a -> Attack.slowloris(a, 50 * scale, ping, Duration.ofMillis(100))),
                    new AbuseRun.Scenario("slow readers", a -> Attack.slowReaders(a, 10 * scale, repeat(ping, 100))),
                    new AbuseRun.Scenario("connection flood", a -> Attack.connectionFlood(a, 300 * scale)),
                    new AbuseRun.Scenario("oversized frame", a -> Attack.oversized(a, 2 * scale,
                            new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, text("x".repeat(100)), 64L << 20)),
                    new AbuseRun.Scenario("large values", a -> Attack.flood(a, 2 * scale, bigSet, Duration.ofMillis(10))),
                    new AbuseRun.Scenario("resets mid-frame", a -> Attack.resets(a, 4 * scale,
                            Arrays.copyOf(frame(text("SET k " + "v".repeat(200))), 100))),
                    new AbuseRun.Scenario("tiny-frame flood", a -> Attack.flood(a, 2 * scale, repeat(ping, 1000), Duration.ofMillis(20))));
        }
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        return List.of(
                new AbuseRun.Scenario("slowloris", a -> Attack.slowloris(a, 50 * scale, MESSAGE, Duration.ofMillis(100))),
                new AbuseRun.Scenario("slow readers", a -> Attack.slowReaders(a, 10 * scale, chunk)),
                new AbuseRun.Scenario("connection flood", a -> Attack.connectionFlood(a, 300 * scale)),
                new AbuseRun.Scenario("large writes", a -> Attack.flood(a, 2 * scale, chunk, Duration.ofMillis(10))),
                new AbuseRun.Scenario("resets mid-stream", a -> Attack.resets(a, 4 * scale, chunk)),
                new AbuseRun.Scenario("tiny-message flood", a -> Attack.flood(a, 2 * scale, repeat(text("x"), 4096), Duration.ofMillis(10))));
    }

    /** A length-prefixed frame: 4 octets of length, big-endian, then the payload. */
    private static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    private static byte[] repeat(byte[] unit, int times) {
        byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
