package dev.netlab.chat.programs;

import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.abuse.Attack;
import dev.netlab.kit.abuse.ProbeClient;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.kit.tls.DevCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;

/**
 * The abuse suite of day 7 (given; lab-kit's {@code dev.netlab.kit.abuse} does the work): the
 * {@code chat} program over HTTPS in a JVM of its own with {@code -Xmx256m}, at most
 * {@value #MAX_CONNECTIONS} chat connections, its own rate limit (5 messages/s, bursts of 20) and
 * message limit (16 Ki characters; WebSocket messages of 64 KiB); well-behaved chat members
 * beside the attacks ({@link ChatProbe}: TLS, the upgrade, a join to {@value #ROOM}, then a
 * message every 250 ms — within the rate limit — waiting for its ack and for it to come back
 * through the room, and a {@code rooms} query in between, each through the sequencer). The
 * attacks, every one over TLS past the handshake except the first three:
 * <ul>
 *   <li><b>TLS handshake flood</b>: full handshakes (a new session each time) every 20 ms, hung up at once;</li>
 *   <li><b>slow TLS handshakes</b>: a real ClientHello one octet per 100 ms;</li>
 *   <li><b>connection flood past the cap</b>: silent TCP connections past the {@value #MAX_CONNECTIONS} + 256
 *       connections the front door serves at once;</li>
 *   <li><b>Origin-less upgrades past the chat's cap</b>: WebSockets opened without an Origin (allowed: no
 *       browser, so no foreign page), never joining anything, past {@value #MAX_CONNECTIONS}: refused
 *       with 1013 {@code server_full};</li>
 *   <li><b>cross-origin upgrades</b>: keep-alive upgrade requests from {@code https://evil.example}, each a 403;</li>
 *   <li><b>slow readers in a busy room</b>: members of {@value #ROOM} with a 4 KiB receive buffer that send
 *       2,000-character messages within the rate and never read: their outboxes fill, the server drops
 *       them as slow consumers (1013) and the room does not wait for them;</li>
 *   <li><b>message flood past the rate limit</b>: members that send 100 messages every 20 ms (5,000/s
 *       against 5/s): each one past the bucket is answered {@code rate_limited} and not stored;</li>
 *   <li><b>oversized messages</b>: a text frame that claims 16 MiB, then an endless payload (1009 at 64 KiB);</li>
 *   <li><b>deflate bombs</b>: permessage-deflate negotiated, then 4 MiB of spaces in about 4 KiB (1009; day 6's bomb);</li>
 *   <li><b>resets mid-frame</b>: the upgrade, 40 octets of a 1,000-octet frame, then a TCP reset.</li>
 * </ul>
 * With {@link #scenarios(int, InetSocketAddress)}, more groups:
 * <ul>
 *   <li><b>h2 over TLS</b> (ALPN {@code h2}, the page's own connection): day 5's stream flood, rapid
 *       reset and PING flood ({@code dev.netlab.http2.programs.AbusePlan#tlsScenarios}) against the
 *       chat's front door, which hands an h2 connection to day 5's {@code Http2Connection};</li>
 *   <li><b>the plain-HTTP redirect port</b> ({@code --redirect-port 0}): slowloris, a connection flood,
 *       a flood of pipelined requests (each answered 308) and a request head without end.</li>
 * </ul>
 * and, between them, the WebSocket over h2 itself (RFC 8441's extended CONNECT streams,
 * {@link H2WebSocketAbuse}): a flood of CONNECT streams past the stream and connection caps
 * with resets mid-frame, oversized messages inside a stream (1009), and members that never open
 * their flow-control window in the busy room.
 * Run by checkpoint 7.12's {@code AbuseTest} in brief and by bench's {@code abuse} suite at length
 * ({@code ./lab bench day7-capstone --suite abuse}).
 */
public final class AbusePlan {
    private AbusePlan() {}

    /** Chat connections at once (the program's {@code --max-connections}); the front door serves 256 more TCP connections. */
    public static final int MAX_CONNECTIONS = 32;
    /** The room the probes and the attacking members share. */
    public static final String ROOM = "lobby";
    /** The bound on the server's resident memory (heap capped at 256 MiB, plus the JVM's own). */
    public static final long RSS_BOUND_KIB = 512 * 1024;
    /** The well-behaved clients' promise. */
    public static final double P99_LIMIT_MILLIS = 100;
    /** JVM options of the server: the heap bound, fixed compiler and GC threads (thread counts compare like with like). */
    public static final List<String> SERVER_JVM = List.of("-Xms64m", "-Xmx256m",
            "-XX:-UseDynamicNumberOfCompilerThreads", "-XX:-UseDynamicNumberOfGCThreads");

    static final int OPCODE_CONTINUATION = 0x0;
    static final int OPCODE_TEXT = 0x1;
    static final int OPCODE_CLOSE = 0x8;
    static final int OPCODE_PING = 0x9;
    static final int OPCODE_PONG = 0xA;
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final AtomicLong NAMES = new AtomicLong();

    /**
     * Starts {@code chat} on a free port with its history in {@code db} (a fresh file), no
     * redirect port, and {@value #MAX_CONNECTIONS} chat connections at most.
     */
    public static ProgramProcess start(Path db) throws IOException {
        return start(db, false);
    }

    /** As {@link #start(Path)}, with a redirect port on a free port when {@code redirect} (its line: {@link #redirectAddress}). */
    public static ProgramProcess start(Path db, boolean redirect) throws IOException {
        // by class: on the bench's class path several days have a program of the same name
        return ProgramProcess.start(SERVER_JVM, ChatCommand.class.getName(), "--port", "0", "--redirect-port", redirect ? "0" : "-1",
                "--db", db.toString(), "--max-connections", Integer.toString(MAX_CONNECTIONS));
    }

    /** host:port of the redirect port from the program's line {@code redirect: http://host:port/ -> https (308)}. */
    public static InetSocketAddress redirectAddress(List<String> output) {
        for (String line : output) {
            if (line.startsWith("redirect: ")) {
                return address(line.substring("redirect: ".length()).split(" ")[0]);
            }
        }
        throw new IllegalStateException("no 'redirect:' line in the program's output: " + output);
    }

    /**
     * {@link #scenarios(int)}, day 5's h2 attacks over TLS on the chat's port, the attacks on the
     * chat's WebSocket over h2 ({@link H2WebSocketAbuse}), and attacks on the redirect port
     * {@code redirect} (none when null).
     */
    public static List<AbuseRun.Scenario> scenarios(int scale, InetSocketAddress redirect) {
        return scenarios(scale, redirect == null ? null : () -> redirect);
    }

    /**
     * As {@link #scenarios(int, InetSocketAddress)}, the redirect port's address asked for when
     * each of its attacks starts: the bench builds its targets before the server runs, and hands
     * in {@code () -> redirectAddress(server.output())} of the server it starts.
     */
    public static List<AbuseRun.Scenario> scenarios(int scale, Supplier<InetSocketAddress> redirectPort) {
        List<AbuseRun.Scenario> all = new java.util.ArrayList<>(scenarios(scale));
        for (AbuseRun.Scenario h2 : dev.netlab.http2.programs.AbusePlan.tlsScenarios(scale)) {
            if (List.of("stream flood (TLS)", "rapid reset (TLS)", "PING flood (TLS)").contains(h2.name())) {
                all.add(new AbuseRun.Scenario("h2: " + h2.name().replace(" (TLS)", ""), h2.start()));
            }
        }
        all.addAll(H2WebSocketAbuse.scenarios(scale));
        if (redirectPort == null) {
            return all;
        }
        String get = "GET /chat HTTP/1.1\r\nHost: localhost\r\n\r\n";
        all.add(new AbuseRun.Scenario("redirect port: slowloris", a -> Attack.slowloris(redirectPort.get(), 50 * scale,
                ascii("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: "), Duration.ofMillis(100))));
        all.add(new AbuseRun.Scenario("redirect port: connection flood", a -> Attack.connectionFlood(redirectPort.get(), 300 * scale)));
        all.add(new AbuseRun.Scenario("redirect port: request flood", a -> Attack.flood(redirectPort.get(), 2 * scale,
                ascii(get.repeat(100)), Duration.ofMillis(20))));
        all.add(new AbuseRun.Scenario("redirect port: endless head", a -> Attack.oversized(redirectPort.get(), 2 * scale,
                ascii("GET / HTTP/1.1\r\nHost: localhost\r\n"), ascii("X-Filler: " + "a".repeat(80) + "\r\n"), 64L << 20)));
        return all;
    }

    /** host:port of a READY url such as {@code https://127.0.0.1:4711/}. */
    public static InetSocketAddress address(String readyUrl) {
        URI u = URI.create(readyUrl);
        return new InetSocketAddress(u.getHost(), u.getPort());
    }

    /** The well-behaved chat members, each with a nickname of its own. */
    public static Supplier<ProbeClient> probe() {
        AtomicInteger n = new AtomicInteger();
        return () -> new ChatProbe("probe-" + n.incrementAndGet());
    }

    /** The attacks; {@code scale} 1 for CI, more for the bench. */
    public static List<AbuseRun.Scenario> scenarios(int scale) {
        byte[] hello = dev.netlab.tls.programs.AbusePlan.clientHello();
        return List.of(
                new AbuseRun.Scenario("TLS handshake flood", a -> Attack.custom("handshake-flood", a, 2 * scale, true,
                        (socket, attack) -> {
                            tls(socket, a, "flood-" + NAMES.incrementAndGet() + ".test").close();
                            attack.pause(Duration.ofMillis(20));
                        })),
                new AbuseRun.Scenario("slow TLS handshakes", a -> Attack.slowloris(a, 50 * scale, hello, Duration.ofMillis(100))),
                new AbuseRun.Scenario("connection flood past the cap", a -> Attack.connectionFlood(a,
                        (MAX_CONNECTIONS + 256 + 80) * scale)),
                new AbuseRun.Scenario("Origin-less upgrades past the chat's cap", a -> Attack.custom("upgrades-past-cap", a,
                        (MAX_CONNECTIONS + 16) * scale, true, (socket, attack) -> {
                            // the handshakes spread over a second: 80 at the same instant are a TLS
                            // handshake burst (probe p99 480-530 ms on 2 cores, quiet CI), which the
                            // handshake-flood phase is for; this phase is about the cap
                            attack.pause(Duration.ofMillis(java.util.concurrent.ThreadLocalRandom.current().nextInt(1000)));
                            SSLSocket s = tls(socket, a, "localhost");
                            upgrade(s);
                            try {
                                s.getInputStream().transferTo(OutputStream.nullOutputStream()); // held until refused or stopped
                                closedByServer(attack);
                            } finally {
                                // refused: not at once again. 500 ms, not 100: the 16 past the cap then
                                // handshake ~30 times a second, not ~130 (a TLS burst on 2 cores gave the
                                // probes p99 110 ms once in CI; the handshake flood has its own phase)
                                attack.pause(Duration.ofMillis(500));
                            }
                        })),
                new AbuseRun.Scenario("cross-origin upgrades", a -> Attack.custom("cross-origin", a, 2 * scale, true,
                        (socket, attack) -> {
                            SSLSocket s = tls(socket, a, "localhost");
                            byte[] request = upgradeRequest("Origin: https://evil.example");
                            InputStream in = s.getInputStream();
                            while (attack.running()) {
                                attack.send(s.getOutputStream(), request, 0, request.length);
                                String head = ProbeClient.readHead(in);
                                if (!head.startsWith("HTTP/1.1 403 ")) {
                                    throw new IOException("a cross-origin upgrade was answered " + head.lines().findFirst().orElse(""));
                                }
                                in.skipNBytes(contentLength(head));
                                attack.pause(Duration.ofMillis(10));
                            }
                        })),
                new AbuseRun.Scenario("slow readers in a busy room", a -> Attack.custom("slow-readers", a, 4 * scale, true,
                        (socket, attack) -> {
                            socket.setReceiveBufferSize(4 * 1024);
                            SSLSocket s = tls(socket, a, "localhost");
                            OutputStream out = s.getOutputStream();
                            byte[] opening = concat(upgradeRequest(), join("slow-" + NAMES.incrementAndGet()));
                            attack.send(out, opening, 0, opening.length);
                            String text = "s".repeat(2000);
                            while (attack.running()) {
                                byte[] m = send(text, null);
                                attack.send(out, m, 0, m.length); // blocks once the server stops reading
                                attack.pause(Duration.ofMillis(200)); // 5/s: within the rate limit
                            }
                        })),
                new AbuseRun.Scenario("message flood past the rate limit", a -> Attack.custom("message-flood", a, 2 * scale, true,
                        (socket, attack) -> {
                            SSLSocket s = tls(socket, a, "localhost");
                            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                                try {
                                    s.getInputStream().transferTo(OutputStream.nullOutputStream());
                                } catch (IOException e) {
                                    // closed
                                }
                            });
                            try {
                                OutputStream out = s.getOutputStream();
                                byte[] opening = concat(upgradeRequest(), join("flood-" + NAMES.incrementAndGet()));
                                attack.send(out, opening, 0, opening.length);
                                byte[] burst = repeat(send("flood", null), 100);
                                while (attack.running()) {
                                    attack.send(out, burst, 0, burst.length);
                                    attack.pause(Duration.ofMillis(20));
                                }
                            } finally {
                                s.close();
                                reader.join(1_000);
                            }
                        })),
                new AbuseRun.Scenario("oversized messages", a -> Attack.custom("oversized", a, 2 * scale, true,
                        paced((socket, attack) -> {
                            SSLSocket s = tls(socket, a, "localhost");
                            OutputStream out = s.getOutputStream();
                            byte[] opening = concat(upgradeRequest(), frameHeader(OPCODE_TEXT, 16L << 20));
                            attack.send(out, opening, 0, opening.length);
                            byte[] block = new byte[16 * 1024];
                            Arrays.fill(block, (byte) 'x'); // unmasked by the key 0: still 'x'
                            for (long n = 0; attack.running() && n < 64L << 20; n += block.length) {
                                attack.send(out, block, 0, block.length);
                                attack.pause(Duration.ofMillis(10));
                            }
                        }))),
                new AbuseRun.Scenario("deflate bombs", a -> Attack.custom("deflate-bombs", a, 2 * scale, true,
                        paced((socket, attack) -> {
                            SSLSocket s = tls(socket, a, "localhost");
                            byte[] bomb = concat(upgradeRequest("Sec-WebSocket-Extensions: permessage-deflate"),
                                    dev.netlab.websocket.programs.AbusePlan.deflateBomb());
                            attack.send(s.getOutputStream(), bomb, 0, bomb.length);
                            s.getOutputStream().flush();
                            s.getInputStream().transferTo(OutputStream.nullOutputStream()); // the 101, then the 1009, to the close
                            closedByServer(attack);
                        }))),
                new AbuseRun.Scenario("resets mid-frame", a -> Attack.custom("resets", a, 4 * scale, true,
                        (socket, attack) -> {
                            SSLSocket s = tls(socket, a, "localhost");
                            byte[] cut = concat(upgradeRequest(), Arrays.copyOf(frame(true, 0, OPCODE_TEXT,
                                    ascii("b".repeat(1000))), 40));
                            attack.send(s.getOutputStream(), cut, 0, cut.length);
                            s.getOutputStream().flush();
                            attack.pause(Duration.ofMillis(5));
                            socket.setSoLinger(true, 0); // the attack closes the TCP socket: a RST, no close_notify
                        })));
    }

    /**
     * {@code client}, then a pause of 20 ms however it ended: an attacker the server closed on (as
     * it should) reconnects at most 50 times a second, each time with a full TLS handshake.
     */
    private static Attack.Client paced(Attack.Client client) {
        return (socket, attack) -> {
            try {
                client.run(socket, attack);
            } finally {
                attack.pause(Duration.ofMillis(20));
            }
        };
    }

    /** The server closed a connection the attacker still wanted (an end of stream, not an error): counted as such. */
    private static void closedByServer(Attack attack) throws IOException {
        if (attack.running()) {
            throw new IOException("closed by the server");
        }
    }

    /** A TLS handshake over {@code socket} (trusting the lab CA), named {@code host} in SNI. */
    static SSLSocket tls(Socket socket, InetSocketAddress server, String host) throws IOException {
        SSLSocket s = (SSLSocket) DevCertificates.standard().clientContext().getSocketFactory()
                .createSocket(socket, host, server.getPort(), true);
        s.startHandshake();
        return s;
    }

    /** Sends the upgrade of /chat (no Origin, no extension) and reads its 101. */
    static void upgrade(SSLSocket s) throws IOException {
        s.getOutputStream().write(upgradeRequest());
        s.getOutputStream().flush();
        String head = ProbeClient.readHead(s.getInputStream());
        if (!head.startsWith("HTTP/1.1 101 ")) {
            throw new IOException("the upgrade of /chat was answered " + head.lines().findFirst().orElse(""));
        }
    }

    /** An upgrade request for /chat (RFC 6455 §4.1; no Origin: a non-browser client) with any extra field lines. */
    static byte[] upgradeRequest(String... fields) {
        StringBuilder r = new StringBuilder("GET /chat HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n");
        for (String f : fields) {
            r.append(f).append("\r\n");
        }
        return ascii(r.append("\r\n").toString());
    }

    /** A join of {@value #ROOM} as {@code nick}, as a masked text frame. */
    static byte[] join(String nick) {
        return frame(true, 0, OPCODE_TEXT, utf8("{\"type\":\"join\",\"room\":\"" + ROOM + "\",\"nick\":\"" + nick + "\"}"));
    }

    /**
     * A chat message to {@value #ROOM} ({@code text} and {@code ref} need no JSON escaping), as a masked text frame;
     * a null {@code ref} gets a fresh one (the protocol requires it: without one every message was refused as
     * {@code bad_message}, so the slow readers' and zero-window members' room was not busy and the message flood
     * never reached the rate limit).
     */
    static byte[] send(String text, String ref) {
        String r = ref == null ? "a" + NAMES.incrementAndGet() : ref;
        return frame(true, 0, OPCODE_TEXT, utf8("{\"type\":\"send\",\"room\":\"" + ROOM + "\",\"text\":\"" + text + "\""
                + ",\"ref\":\"" + r + "\"}"));
    }

    /** A masked client frame (RFC 6455 §5.2): day 6's abuse suite's, independent of the code under test. */
    static byte[] frame(boolean fin, int rsv1, int opcode, byte[] payload) {
        return dev.netlab.websocket.programs.AbusePlan.clientFrame(fin, rsv1, opcode, payload);
    }

    /** The head of a masked, final frame that claims {@code length} octets, with the mask key 0 (the payload goes as it is). */
    static byte[] frameHeader(int opcode, long length) {
        ByteBuffer b = ByteBuffer.allocate(14);
        b.put((byte) (0x80 | opcode)).put((byte) (0x80 | 127)).putLong(length).putInt(0);
        return b.array();
    }

    /** The Content-Length of a response head, 0 without one. */
    static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                return Long.parseLong(line.substring(colon + 1).strip());
            }
        }
        return 0;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] repeat(byte[] unit, int times) {
        byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }
}
