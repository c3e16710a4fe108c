package dev.netlab.websocket.programs;

import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.abuse.Attack;
import dev.netlab.kit.abuse.ProbeClient;
import dev.netlab.kit.launch.ProgramProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.Deflater;

/**
 * The abuse suite of day 6 (given; lab-kit's {@code dev.netlab.kit.abuse} does the work): the
 * {@code serve} program in a JVM of its own with {@code -Xmx256m}, a 2 s deadline for the request
 * head, messages of at most {@value #MAX_MESSAGE} octets and {@value #ROOM_QUEUE} queued per room member; well-behaved clients beside the
 * attacks, half echoing on {@code /echo}, half chatting in {@code /room} (each waits for its own
 * message to come back through the room); and WebSocket's attacks: handshakes sent one octet at
 * a time, a connection flood, room members that never read while the room is busy, floods of
 * tiny frames and of pings, a fragmented message that never ends, deflate bombs, connections
 * reset in the middle of a frame. Every attacker sends its handshake and frames without waiting
 * for the 101, as a client in a hurry may. Run by checkpoint 6.16 in brief, and by bench's
 * {@code abuse} suite at length ({@code ./lab bench day6-websocket --suite abuse}).
 */
public final class AbusePlan {
    private AbusePlan() {}

    /** The largest message the abused server takes (after decompression): a bigger one is 1009. */
    public static final int MAX_MESSAGE = 256 * 1024;
    /**
     * The connection flood: 300 silent connections, under the server's default cap of 2,000.
     * Not past a cap here: with {@code --max-connections 256} and 406 flooding, each attack alone
     * kept the probes' p99 under 16 ms, but all at once it rose to 274-295 ms on an idle machine
     * (18-36 ms without the cap, same run); measured again, the refusal costs the server nothing
     * and the SYNs dropped are the attackers' (README, "Abuse"); bench's
     * {@code -Dnetlab.abuse.maxConnections=256} runs the suite past a cap ({@link #start(int)}).
     * The cap itself is proven by {@code ConnectionCapTest}.
     */
    static final int FLOOD = 300;
    /**
     * Messages queued per room member before it is dropped: 2.5 s of the never-reading members'
     * traffic, so that a probe that reads, on a machine busy with other work, is not dropped with them.
     */
    public static final int ROOM_QUEUE = 512;
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

    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** Starts {@code serve} with a short head deadline and a small message limit, so attackers are shed quickly. */
    public static ProgramProcess start() throws IOException {
        return start(0);
    }

    /**
     * The same, with {@code --max-connections maxConnections} (0: the server's default): bench's
     * {@code -Dnetlab.abuse.maxConnections=256} runs the suite with the connection flood past a cap.
     */
    public static ProgramProcess start(int maxConnections) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("--port", "0", "--tick", "0", "--head-timeout", "2",
                "--max-message", Integer.toString(MAX_MESSAGE), "--room-queue", Integer.toString(ROOM_QUEUE)));
        if (maxConnections > 0) {
            args.addAll(List.of("--max-connections", Integer.toString(maxConnections)));
        }
        // by class: on the bench's class path every day's program is called "serve"
        return ProgramProcess.start(SERVER_JVM, ServeCommand.class.getName(), args.toArray(String[]::new));
    }

    /** host:port of a READY url such as {@code http://127.0.0.1:4711/}. */
    public static InetSocketAddress address(String readyUrl) {
        URI u = URI.create(readyUrl);
        return new InetSocketAddress(u.getHost(), u.getPort());
    }

    /** The well-behaved clients, in turn: one on /echo, one in /room, one on /echo, ... */
    public static Supplier<ProbeClient> probe() {
        AtomicInteger n = new AtomicInteger();
        return () -> n.getAndIncrement() % 2 == 0 ? WebSocketProbe.echo() : WebSocketProbe.room();
    }

    /** The attacks; {@code scale} 1 for CI, more for the bench. */
    public static List<AbuseRun.Scenario> scenarios(int scale) {
        byte[] echo = handshake("/echo");
        byte[] room = handshake("/room", "Sec-WebSocket-Protocol: chat");
        byte[] deflate = handshake("/echo", "Sec-WebSocket-Extensions: permessage-deflate");
        // 32 KiB every 10 ms from each: a member that never reads fills the server's socket buffer in about a second
        byte[] chat = clientFrame(true, 0, OPCODE_TEXT, ascii("x".repeat(32 * 1024)));
        byte[] fragment = clientFrame(false, 0, OPCODE_CONTINUATION, ascii("a".repeat(1024)));
        return List.of(
                new AbuseRun.Scenario("slow handshakes", a -> Attack.slowloris(a, 50 * scale,
                        ascii("GET /echo HTTP/1.1\r\nHost: abuse\r\nUpgrade: websocket\r\nX-Slow: "), Duration.ofMillis(100))),
                new AbuseRun.Scenario("connection flood", a -> Attack.connectionFlood(a, FLOOD * scale)),
                new AbuseRun.Scenario("room members that never read", a -> Attack.slowReaders(a, 2 * scale, room, chat)),
                new AbuseRun.Scenario("frame flood", a -> Attack.flood(a, 2 * scale, echo,
                        repeat(clientFrame(true, 0, OPCODE_TEXT, ascii("flood")), 100), Duration.ofMillis(20))),
                new AbuseRun.Scenario("ping flood", a -> Attack.flood(a, 2 * scale, echo,
                        repeat(clientFrame(true, 0, OPCODE_PING, ascii("ping")), 100), Duration.ofMillis(20))),
                new AbuseRun.Scenario("endless fragmented message", a -> Attack.oversized(a, 2 * scale,
                        concat(echo, clientFrame(false, 0, OPCODE_TEXT, ascii("a".repeat(1024)))), fragment, 64L << 20)),
                new AbuseRun.Scenario("deflate bombs", a -> Attack.oversized(a, 2 * scale, deflate, deflateBomb(), 64L << 20)),
                new AbuseRun.Scenario("resets mid-frame", a -> Attack.resets(a, 4 * scale,
                        concat(echo, Arrays.copyOf(clientFrame(true, 0, OPCODE_TEXT, ascii("b".repeat(1000))), 40)))));
    }

    static final int OPCODE_CONTINUATION = 0x0;
    static final int OPCODE_TEXT = 0x1;
    static final int OPCODE_CLOSE = 0x8;
    static final int OPCODE_PING = 0x9;
    static final int OPCODE_PONG = 0xA;
    private static final int RSV1 = 0b0100_0000;

    /** An upgrade request for {@code path} (no Origin: a non-browser client) with any extra field lines. */
    static byte[] handshake(String path, String... fields) {
        StringBuilder r = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: abuse\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n");
        for (String f : fields) {
            r.append(f).append("\r\n");
        }
        return ascii(r.append("\r\n").toString());
    }

    /**
     * A masked client frame (RFC 6455 §5.2), written here rather than by your {@code FrameWriter}
     * so that the attackers and probes stay the same whatever the code under test does.
     */
    public static byte[] clientFrame(boolean fin, int rsv1, int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | rsv1 | opcode);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        out.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i & 3]);
        }
        return out.toByteArray();
    }

    /**
     * One compressed text message (RSV1) of 4 MiB of spaces in about 4 KiB: DEFLATE with a sync
     * flush, its {@code 00 00 ff ff} removed (RFC 7692 §7.2.1). The server must stop inflating
     * at its message limit and close with 1009.
     */
    public static byte[] deflateBomb() {
        byte[] spaces = new byte[4 << 20];
        Arrays.fill(spaces, (byte) ' ');
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(spaces);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buf, 0, n);
        }
        d.end();
        byte[] compressed = out.toByteArray();
        return clientFrame(true, RSV1, OPCODE_TEXT, Arrays.copyOf(compressed, compressed.length - 4));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] repeat(byte[] unit, int times) {
        byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
