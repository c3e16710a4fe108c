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
 * and the frame protocol's attacks. The UDP echo server ({@code udp-echo}) gets UDP's own:
 * datagrams of every size up to 65,507 octets, a flood of tiny ones, and senders that vanish
 * before their answer comes back (ICMP port unreachable) — no spoofed sources, since everything
 * is on loopback; beside them a UDP echo client ({@link ProbeClient#udpEcho}) that sends a
 * datagram again when unanswered within {@value #UDP_RETRY_MILLIS} ms, waiting twice as long each
 * time, and counts an error only when {@value #UDP_TRIES} in a row go unanswered (750 ms). Run by checkpoint 2.16 in brief and by bench's
 * {@code abuse} suite at length ({@code ./lab bench day2-tcp-udp --suite abuse}).
 *
 * <p>What a UDP server can promise is less than a TCP one: a datagram that arrives while the
 * socket's receive buffer is full is dropped by the kernel, whoever sent it, so under a flood the
 * well-behaved client may lose a datagram now and then, and no server code can prevent it. It can
 * promise to drain its socket as fast as it can (one receive, one send, no per-sender state, no
 * blocking on one sender), to answer every datagram of every size it reads, and to survive what
 * comes — so the floods here run at a bounded rate that a working server drains (about 6 MB/s of
 * datagrams of every size, 12,000 tiny datagrams a second, 400 vanishing senders a second), loss of
 * {@value #UDP_TRIES} datagrams in a row is an error, and the retries show in the probe's latency.
 * A server starved of the CPU for longer than its receive buffer lasts (the default 208 KiB holds
 * three 65,507-octet datagrams) loses datagrams whatever its code: the backoff forgives 750 ms.
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

    /** The programs abused: the four echo models, the key-value server and the UDP echo server. */
    public static final List<String> PROGRAMS = List.of("echo", "echo-threads", "echo-pool", "echo-nio", "kv", "udp-echo");

    /** The UDP probe's wait for an answer before it sends the datagram again. */
    public static final int UDP_RETRY_MILLIS = 50;
    /** Datagrams the UDP probe sends for one exchange before it counts an error: the loss in a row it forgives is one less. */
    public static final int UDP_TRIES = 4;
    /** The UDP flood's sizes: empty, tiny, around the Ethernet MTU (1,472 fits one frame, 1,473 does not), to 65,507. */
    static final int[] UDP_SIZES = {0, 1, 8, 64, 512, 1472, 1473, 4096, 9000, 16_384, 32_768, 65_507};

    public static ProgramProcess start(String program) throws IOException {
        return ProgramProcess.start(SERVER_JVM, AbusePlan.class, program, "--port", "0");
    }

    /** host:port of {@code READY tcp://host:port}. */
    public static InetSocketAddress address(String readyUrl) {
        URI u = URI.create(readyUrl);
        return new InetSocketAddress(u.getHost(), u.getPort());
    }

    public static ProbeClient probe(String program) {
        if (program.equals("udp-echo")) {
            return ProbeClient.udpEcho(MESSAGE.length, Duration.ofMillis(UDP_RETRY_MILLIS), UDP_TRIES);
        }
        return program.equals("kv") ? ProbeClient.frames(text("PING"), text("+PONG")) : ProbeClient.expecting(MESSAGE, MESSAGE);
    }

    /** The attacks on {@code program}; {@code scale} 1 for CI, more for the bench. */
    public static List<AbuseRun.Scenario> scenarios(String program, int scale) {
        if (program.equals("udp-echo")) {
            byte[] mtu = new byte[1472];
            return List.of(
                    new AbuseRun.Scenario("every size to 65,507", a -> Attack.udpFlood(a, 2 * scale, UDP_SIZES, 1, Duration.ofMillis(40))),
                    new AbuseRun.Scenario("tiny-datagram flood", a -> Attack.udpFlood(a, 2 * scale, new int[] {0, 1, 8}, 20,
                            Duration.ofMillis(10))),
                    new AbuseRun.Scenario("vanishing senders", a -> Attack.datagrams("vanishing", a, 2 * scale, true, (socket, to, at) -> {
                        at.send(socket, mtu, mtu.length);
                        socket.close(); // gone before the answer: it meets a closed port (ICMP port unreachable)
                        at.pause(Duration.ofMillis(5));
                    })));
        }
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
