package dev.netlab.tls.programs;

import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.abuse.Attack;
import dev.netlab.kit.abuse.ProbeClient;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.kit.tls.DevCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The abuse suite of day 4 (given; lab-kit's {@code dev.netlab.kit.abuse} does the work): the
 * {@code serve} program in a JVM of its own with {@code -Xmx256m} and a 2 s handshake timeout,
 * well-behaved keep-alive HTTPS clients asking {@code GET /plaintext} beside the attacks, and
 * TLS's own attacks:
 * <ul>
 *   <li><b>handshake flood</b>: clients that make full handshakes (a new session each time), one
 *       every 20 ms each, and hang up — the server's most expensive work, asked for cheaply;</li>
 *   <li><b>slow handshakes</b>: a real ClientHello sent one octet per 100 ms (slowloris on the
 *       handshake: only the handshake timeout ends it);</li>
 *   <li><b>half-open TLS</b>: connections that open TCP and never say a word, 150 past the server's
 *       cap of {@value #MAX_CONNECTIONS} (those wait in the accept backlog), and connections that
 *       send half a ClientHello and then nothing;</li>
 *   <li><b>oversized records</b>: a record header claiming 65,535 octets (RFC 8446 §5.1: more
 *       than 2^14 + 256 is record_overflow) followed by an endless stream, and a ClientHello whose
 *       handshake header claims 16 MiB;</li>
 *   <li><b>endless request over TLS</b>: after a good handshake, an HTTP header section that never
 *       ends (the HTTP loop's 16 KiB head limit must answer it);</li>
 *   <li><b>resets mid-handshake</b>: half a ClientHello, then a TCP reset.</li>
 * </ul>
 * Run by checkpoint 4.07's {@code AbuseTest} in brief and by bench's {@code abuse} suite at length
 * ({@code ./lab bench day4-tls --suite abuse}).
 */
public final class AbusePlan {
    private AbusePlan() {}

    /** The server's connection cap ({@code --max-connections}): the silent flood goes 150 past it. */
    public static final int MAX_CONNECTIONS = 256;
    /** The bound on the server's resident memory (heap capped at 256 MiB, plus the JVM's own). */
    public static final long RSS_BOUND_KIB = 512 * 1024;
    /** The well-behaved clients' promise. */
    public static final double P99_LIMIT_MILLIS = 100;
    /** JVM options of the server: the heap bound, fixed compiler and GC threads (thread counts compare like with like). */
    public static final List<String> SERVER_JVM = List.of("-Xms64m", "-Xmx256m",
            "-XX:-UseDynamicNumberOfCompilerThreads", "-XX:-UseDynamicNumberOfGCThreads");

    private static final String GET = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n";

    /** Starts {@code serve} with short timeouts, so attackers are shed quickly. */
    public static ProgramProcess start() throws IOException {
        return ProgramProcess.start(SERVER_JVM, "serve", SERVE_ARGS.toArray(String[]::new));
    }

    /** The {@code serve} program's arguments under abuse. */
    public static final List<String> SERVE_ARGS = List.of("--port", "0", "--redirect-port", "-1",
            "--handshake-timeout", "2", "--idle-timeout", "5", "--max-connections", Integer.toString(MAX_CONNECTIONS));

    /** host:port of a READY url such as {@code https://127.0.0.1:4711/}. */
    public static InetSocketAddress address(String readyUrl) {
        URI u = URI.create(readyUrl);
        return new InetSocketAddress(u.getHost(), u.getPort());
    }

    /** The well-behaved client: TLS trusting the lab CA, then keep-alive GET /plaintext, 200. */
    public static ProbeClient probe() {
        return ProbeClient.https(GET, 200, DevCertificates.standard().clientContext().getSocketFactory());
    }

    /** The attacks; {@code scale} 1 for CI, more for the bench. */
    public static List<AbuseRun.Scenario> scenarios(int scale) {
        byte[] hello = clientHello();
        byte[] half = Arrays.copyOf(hello, hello.length / 2);
        return List.of(
                new AbuseRun.Scenario("handshake flood", a -> Attack.custom("handshake-flood", a, 2 * scale, true,
                        (socket, attack) -> {
                            fullHandshake(socket, a);
                            attack.pause(Duration.ofMillis(20));
                        })),
                new AbuseRun.Scenario("slow handshakes", a -> Attack.slowloris(a, 50 * scale, hello, Duration.ofMillis(100))),
                new AbuseRun.Scenario("half-open: silent, past the cap", a -> Attack.connectionFlood(a, MAX_CONNECTIONS + 150 * scale)),
                new AbuseRun.Scenario("half-open: half a ClientHello", a -> Attack.custom("half-hello", a, 50 * scale, true,
                        (socket, attack) -> {
                            attack.send(socket.getOutputStream(), half, 0, half.length);
                            socket.getInputStream().read(); // held until the server gives up on it
                        })),
                new AbuseRun.Scenario("oversized record", a -> Attack.oversized(a, 2 * scale,
                        hex("16 03 01 ff ff"), new byte[4096], 64L << 20)),
                new AbuseRun.Scenario("oversized ClientHello", a -> Attack.oversized(a, 2 * scale,
                        hex("16 03 01 40 00 01 ff ff ff"), new byte[4096], 64L << 20)),
                new AbuseRun.Scenario("endless request over TLS", a -> Attack.custom("endless-request", a, 2 * scale, true,
                        (socket, attack) -> endlessRequest(socket, a, attack))),
                new AbuseRun.Scenario("resets mid-handshake", a -> Attack.resets(a, 4 * scale, half)));
    }

    private static final AtomicLong SESSIONS = new AtomicLong();

    /** A full handshake on {@code socket}: a host name of its own each time, so the client has no session to resume. */
    private static void fullHandshake(java.net.Socket socket, InetSocketAddress server) throws IOException {
        SSLSocketFactory tls = DevCertificates.standard().clientContext().getSocketFactory();
        try (SSLSocket secure = (SSLSocket) tls.createSocket(socket, "flood-" + SESSIONS.incrementAndGet() + ".test",
                server.getPort(), true)) {
            secure.startHandshake();
        }
    }

    /** A handshake, then a request head that never ends, 16 KiB every 10 ms, until the server answers and closes. */
    private static void endlessRequest(java.net.Socket socket, InetSocketAddress server, Attack attack)
            throws IOException, InterruptedException {
        SSLSocketFactory tls = DevCertificates.standard().clientContext().getSocketFactory();
        try (SSLSocket secure = (SSLSocket) tls.createSocket(socket, "localhost", server.getPort(), true)) {
            OutputStream out = secure.getOutputStream();
            byte[] head = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] filler = ("X-Filler: " + "a".repeat(16 * 1024 - 12) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            attack.send(out, head, 0, head.length);
            for (int i = 0; attack.running() && i < 4096; i++) {
                attack.send(out, filler, 0, filler.length);
                attack.pause(Duration.ofMillis(10));
            }
        }
    }

    /** The first flight of a JSSE client (one TLS record holding its ClientHello), as octets. */
    public static byte[] clientHello() {
        try {
            SSLContext context = DevCertificates.standard().clientContext();
            SSLEngine engine = context.createSSLEngine("localhost", 443);
            engine.setUseClientMode(true);
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            return Arrays.copyOf(out.array(), out.position());
        } catch (SSLException e) {
            throw new IllegalStateException("could not make a ClientHello", e);
        }
    }

    private static byte[] hex(String octets) {
        return java.util.HexFormat.ofDelimiter(" ").parseHex(octets);
    }
}
