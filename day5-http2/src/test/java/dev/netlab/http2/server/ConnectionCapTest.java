package dev.netlab.http2.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.abuse.ProbeClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The given {@link Http2Server}'s connection cap: at most {@code maxConnections} connections are
 * served at once, the next one waits in the kernel's accept backlog (connected, unanswered) and
 * is served as soon as one closes. Its connections speak HTTP/1.1 (the server's given fallback,
 * no HTTP/2 code of the learner's), so it passes on both tracks: the cap is the given accept
 * loop's, not an exercise. Mistakes it catches: no cap (the third connection is served at
 * once), a slot never released when a connection ends (the waiting one is never served), a silent
 * connection holding its slot for ever (no first-octets timeout), a trickling one holding it as
 * long (a timeout per read instead of a deadline for the first octets).
 */
class ConnectionCapTest {
    private static final byte[] GET = "GET /x HTTP/1.1\r\nHost: cap\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static Http2Server start(int maxConnections, ServerSettings settings) throws IOException {
        return Http2Server.start(new InetSocketAddress("127.0.0.1", 0), r -> Response.text(200, "ok " + r.path() + "\n"),
                settings, null, maxConnections);
    }

    @Test
    @DisplayName("at most maxConnections at once: the next waits in the backlog and is served when one closes")
    void connectionBeyondTheCapWaits() throws Exception {
        try (Http2Server server = start(2, ServerSettings.defaults());
             Socket a = connect(server); Socket b = connect(server); Socket c = connect(server)) {
            for (Socket s : List.of(a, b)) {
                assertThat(exchange(s)).startsWith("HTTP/1.1 200 ");
            }
            send(c);
            Thread.sleep(300);
            assertThat(c.getInputStream().available()).as("the third connection is not served while two are open").isZero();
            assertThat(server.openConnections()).isEqualTo(2);
            a.close(); // the server sees the end of stream, closes, and frees a slot
            assertThat(ProbeClient.readHead(c.getInputStream())).startsWith("HTTP/1.1 200 ");
            assertThat(server.openConnections()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a connection silent past the settings timeout is closed: a flood of silent connections does not hold the slots for ever")
    void silentConnectionsAreShed() throws Exception {
        ServerSettings quick = ServerSettings.defaults().withTimeouts(Duration.ofMillis(500), Duration.ofMinutes(3),
                Duration.ofSeconds(30));
        List<Socket> flood = new ArrayList<>();
        try (Http2Server server = start(4, quick)) {
            for (int i = 0; i < 8; i++) {
                flood.add(connect(server)); // four served, four waiting in the backlog, all silent
            }
            Socket late = connect(server);
            flood.add(late);
            long start = System.nanoTime();
            assertThat(exchange(late)).as("served once the silent ones before it are shed").startsWith("HTTP/1.1 200 ");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            for (Socket s : flood.subList(0, 8)) {
                assertThat(s.getInputStream().read()).as("a silent connection is closed by the server").isEqualTo(-1);
            }
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
    }

    @Test
    @DisplayName("the first octets have a deadline, not a timeout per read: a preface trickled one octet every 200 ms is closed at it")
    void tricklingConnectionsAreShed() throws Exception {
        ServerSettings quick = ServerSettings.defaults().withTimeouts(Duration.ofMillis(500), Duration.ofMinutes(3),
                Duration.ofSeconds(30));
        try (Http2Server server = start(4, quick); Socket slow = connect(server)) {
            byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < preface.length - 1; i++) { // never the whole preface: 4.6 s of octets
                        slow.getOutputStream().write(preface[i]);
                        slow.getOutputStream().flush();
                        sent.incrementAndGet();
                        Thread.sleep(200);
                    }
                    Thread.sleep(10_000);
                } catch (IOException | InterruptedException closed) {
                    // the server closed, or the test ended
                }
            });
            long start = System.nanoTime();
            slow.setSoTimeout(15_000);
            int first;
            try {
                first = slow.getInputStream().read();
            } catch (IOException reset) {
                first = -1;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            trickle.interrupt();
            assertThat(first).as("closed by the server").isEqualTo(-1);
            assertThat(took).as("closed at the 0.5 s deadline while octets still came (%d sent), not after they stopped",
                    sent.get()).isLessThan(Duration.ofMillis(3_000));
        }
    }

    private static Socket connect(Http2Server server) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
        s.setSoTimeout(5_000);
        return s;
    }

    private static void send(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(GET);
        out.flush();
    }

    /** One keep-alive request and its head; the body (Content-Length) is skipped. */
    private static String exchange(Socket s) throws IOException {
        send(s);
        InputStream in = s.getInputStream();
        String head = ProbeClient.readHead(in);
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                in.skipNBytes(Long.parseLong(line.substring(15).strip()));
            }
        }
        return head;
    }
}
