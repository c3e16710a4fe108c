package dev.netlab.chat.web;

import static dev.netlab.chat.ws.ChatWire.awaitEnd;
import static dev.netlab.chat.ws.ChatWire.readHead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.server.ChatServer;
import dev.netlab.http2.programs.RawFrames;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.tls.DevCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat's graceful shutdown ({@code ChatServer.stop()}: the front door's {@code stopGracefully},
 * then {@code awaitStopped}) against clients that read nothing: it must end within seconds
 * whatever they do. JSSE's {@code SSLSocket.close()} sends close_notify (RFC 8446 §6.1) under the
 * lock of the socket's output records, which a write stuck on a peer that reads nothing holds as
 * long as the peer likes; so the shutdown closes no {@code SSLSocket} from its own thread — it wakes
 * an idle connection's thread (which closes with close_notify) and in the end closes the TCP
 * sockets, which never waits.
 *
 * <p>Mistakes it catches, each run as a hand-made mutant of the reference (2026-12-06):
 * <ul>
 *   <li>the front door as it was before this test: {@code ChatHttpConnection.shutdown} closed an
 *       idle connection's {@code SSLSocket} from the shutdown thread — {@link #idleConnectionAnsweringKeyUpdates}
 *       fails: {@code stop()} still running 5 s later (15 s in a first try), parked in
 *       {@code SSLSocketImpl.closeNotify} under {@code stopGracefully};</li>
 *   <li>{@code awaitStopped} closing the {@code SSLSocket}s instead of the TCP sockets under them —
 *       {@link #writesStuckOnReadersOfNothing} failed in one of two runs (the other, with a second
 *       to settle instead of two, came before the HTTP/1.1 write was stuck: {@code stop()} 0.27 s).</li>
 * </ul>
 * Not caught: day 5's connection closing the {@code SSLSocket} from its shutdown thread (what
 * {@code ChatHttpServer} hands it now only wakes the connection's own thread): that thread waits
 * until {@code awaitStopped} closes the TCP socket, so {@code stop()} still returns in time.
 * The first row's cost is the KeyUpdates: the server's send buffer grows to tcp_wmem's maximum
 * on loopback, about 150,000 answers of 28 octets, 10-20 s on this 2-core machine under load.
 */
@Checkpoint(id = "7.09", title = "The chat program on HTTPS: h2 or HTTP/1.1 by ALPN, the page under a strict CSP, HSTS, the redirect, /metrics, /healthz, refusals",
        edit = {"dev/netlab/chat/web/UpgradeRouter.java"},
        hint = "./lab run day7-capstone starts it; it needs days 3-6 and 7.01-7.06 (its start-up check names what is missing and the command that runs on those days' references)",
        readme = "#the-chat-program")
class GracefulShutdownTest {
    /** How long {@code stop()} may take here: its own budget is 2 s; this bound tells "slow" from "never". */
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final byte[] GET_SCRIPT = "GET /assets/chat.js HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /**
     * An idle HTTP/1.1 connection whose client asks for key updates (startHandshake() on a TLS 1.3
     * socket sends KeyUpdate with update_requested) and reads nothing: the server's read answers
     * each with a KeyUpdate of its own (RFC 8446 §4.6.3 MUST), until that write waits on the full
     * buffers, holding the output lock, while the connection is idle between requests. Measured
     * (2026-12-06): 100,000 to 190,000 KeyUpdates before the client's own writes stopped; the old
     * front door's stop() still running 5 s (and 15 s) later; the new one returned after 0.08 and
     * 0.91 s (the shutdown thread wakes the connection's own, which waits in its write until the
     * TCP close ends it).
     */
    @Test
    @Timeout(60)
    @DisplayName("RFC 8446 §4.6.3 and §6.1: an idle HTTP/1.1 connection whose TLS layer waits in a write (a client asks for "
            + "KeyUpdates and reads none) does not hold up the graceful shutdown; a quiet idle connection beside it is ended")
    void idleConnectionAnsweringKeyUpdates() throws Exception {
        Thread flood = null;
        try (ServerAndClients stage = ServerAndClients.start(dir.resolve("k.db"), "http/1.1", 4096, "http/1.1", 0)) {
            Client flooder = stage.first();
            Client quiet = stage.second();
            assertThat(flooder.tls.getSession().getProtocol()).as("the negotiated protocol (KeyUpdate is TLS 1.3's)").isEqualTo("TLSv1.3");
            for (Client c : new Client[] {flooder, quiet}) { // one answered request each: the connections are idle between requests
                c.tls.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                c.tls.getOutputStream().flush();
                assertThat(readHead(c.tls.getInputStream())).as("the answer to /healthz").startsWith("HTTP/1.1 200 ");
            }
            AtomicLong updates = new AtomicLong();
            flood = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 2_000_000; i++) {
                        flooder.tls.startHandshake(); // TLS 1.3, after the handshake: one KeyUpdate, update_requested
                        updates.incrementAndGet();
                    }
                } catch (IOException e) {
                    // the server closed: the flood is over
                }
            });
            // the server's TLS layer stops reading once its KeyUpdate answers fill the buffers: the client's writes
            // stop too. Stopped means a whole second without one more (a busy machine pauses threads for less).
            long floodStart = System.nanoTime();
            long stalledSince = System.nanoTime();
            long last = -1;
            long giveUp = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() - stalledSince < Duration.ofSeconds(1).toNanos() && System.nanoTime() < giveUp) {
                Thread.sleep(100);
                long now = updates.get();
                if (now != last) {
                    last = now;
                    stalledSince = System.nanoTime();
                }
            }
            System.out.printf("%,d KeyUpdates sent in %.1f s before the server stopped reading%n", last,
                    (stalledSince - floodStart) / 1e9);
            assertThat(flood.isAlive() && System.nanoTime() - stalledSince >= Duration.ofSeconds(1).toNanos())
                    .as("the client's KeyUpdates stopped for a second, its write waiting (the server's read waits in its answer's write)")
                    .isTrue();

            double seconds = timedStop(stage.server());
            System.out.printf("stop() returned after %.2f s%n", seconds);
            assertThat(quiet.ended()).as("the quiet idle connection ended by the shutdown").isTrue();
        } finally { // after the close: the server stopped, both clients' TCP sockets closed
            if (flood != null) {
                flood.join(5_000);
            }
        }
    }

    /**
     * Clients that ask for much and read nothing: 6 MB and more of pipelined responses over
     * HTTP/1.1 (more than the kernel's buffers hold: the connection's write waits, busy), and 100
     * streams over h2 with every flow-control window opened to the maximum (RFC 9113 §6.9.2), so the
     * writer's sends wait on TCP alone. A busy HTTP/1.1 connection finishes its response within
     * the grace, or not at all; h2 gets GOAWAY (RFC 9113 §6.8); then the TCP close ends both.
     */
    @Test
    @Timeout(60)
    @DisplayName("RFC 9112 §9.6 and RFC 9113 §6.8: with writes stuck on clients that read nothing (pipelined HTTP/1.1, h2 with open windows), "
            + "the graceful shutdown still ends within seconds and ends both connections")
    void writesStuckOnReadersOfNothing() throws Exception {
        try (ServerAndClients stage = ServerAndClients.start(dir.resolve("w.db"), "http/1.1", 4096, "h2", 4096)) {
            Client h1 = stage.first();
            Client h2 = stage.second();
            int requests = (int) ((sendBufferMaximum() + (4 << 20)) / ChatSite.load("chat.js").length) + 1;
            ByteArrayOutputStream pipelined = new ByteArrayOutputStream();
            for (int i = 0; i < requests; i++) {
                pipelined.write(GET_SCRIPT);
            }
            h1.tls.getOutputStream().write(pipelined.toByteArray());
            h1.tls.getOutputStream().flush();

            ByteArrayOutputStream streams = new ByteArrayOutputStream();
            streams.write(RawFrames.concat(RawFrames.PREFACE, RawFrames.settings(0x4, Integer.MAX_VALUE), RawFrames.settingsAck(),
                    RawFrames.windowUpdate(0, Integer.MAX_VALUE - 65_535)));
            for (int i = 0; i < 100; i++) {
                streams.write(RawFrames.get(1 + 2 * i, "/assets/chat.js"));
            }
            h2.tls.getOutputStream().write(streams.toByteArray());
            h2.tls.getOutputStream().flush();
            Thread.sleep(2_000); // the server answers until its writes wait (about 2.8 MB queued for the HTTP/1.1 client here)

            double seconds = timedStop(stage.server());
            System.out.printf("%d pipelined requests and 100 h2 streams unread; stop() returned after %.2f s%n", requests, seconds);
            assertThat(h1.ended()).as("the HTTP/1.1 connection ended by the shutdown").isTrue();
            assertThat(h2.ended()).as("the h2 connection ended by the shutdown").isTrue();
        }
    }

    /** Runs {@code server.stop()} on a thread of its own; asserts it returned within {@link #BOUND}; the seconds it took. */
    private static double timedStop(ChatServer server) throws InterruptedException {
        long start = System.nanoTime();
        Thread stop = Thread.ofPlatform().name("test-stop").daemon().start(server::stop);
        boolean returned = stop.join(BOUND);
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder where = new StringBuilder();
        for (StackTraceElement e : stop.getStackTrace()) {
            where.append("\n    at ").append(e);
        }
        assertThat(returned).as("stop() returned within %d s (it was still running after %.1f s:%s)", BOUND.toSeconds(), seconds, where)
                .isTrue();
        return seconds;
    }

    /** The most a TCP send buffer grows to on Linux (tcp_wmem's third field; 4 MiB by default). */
    private static long sendBufferMaximum() throws IOException {
        Path wmem = Path.of("/proc/sys/net/ipv4/tcp_wmem");
        if (!Files.isReadable(wmem)) {
            return 4 << 20;
        }
        String[] fields = Files.readString(wmem).trim().split("\\s+");
        return Long.parseLong(fields[fields.length - 1]);
    }

    /**
     * A TLS client whose close is of its TCP socket: its own {@code SSLSocket.close()} would meet the
     * same JSSE lock, held by the test's own stuck writes.
     */
    private record Client(Socket tcp, SSLSocket tls) implements AutoCloseable {
        /** Connected with ALPN {@code alpn}, {@code receiveBuffer} octets of receive buffer unless 0. */
        static Client open(int port, String alpn, int receiveBuffer) throws IOException {
            Socket tcp = new Socket();
            if (receiveBuffer > 0) {
                tcp.setReceiveBufferSize(receiveBuffer); // before connect: the window offered in the SYN
            }
            tcp.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            SSLSocket tls = (SSLSocket) DevCertificates.standard().clientContext().getSocketFactory()
                    .createSocket(tcp, "localhost", port, true);
            SSLParameters p = tls.getSSLParameters();
            p.setApplicationProtocols(new String[] {alpn});
            tls.setSSLParameters(p);
            tls.startHandshake();
            assertThat(tls.getApplicationProtocol()).as("ALPN").isEqualTo(alpn);
            return new Client(tcp, tls);
        }

        /** True once the server has ended this connection (end of stream, a reset, a TLS error), read for up to 10 s. */
        boolean ended() throws IOException {
            tls.setSoTimeout(10_000);
            return awaitEnd(tls.getInputStream());
        }

        @Override
        public void close() throws IOException {
            tcp.close();
        }
    }

    /**
     * What each row starts with: the chat (a fresh database {@code db}) and two clients that will read
     * nothing. Closed: the server stopped (again: a row's own timed stop came first), then both
     * clients' TCP sockets closed.
     */
    private record ServerAndClients(ChatServer server, Client first, Client second) implements AutoCloseable {
        /** The chat started, then the first client connected (ALPN, receive buffer as in {@link Client#open}), then the second. */
        static ServerAndClients start(Path db, String firstAlpn, int firstBuffer, String secondAlpn, int secondBuffer)
                throws IOException, SQLException {
            ChatServer server = ChatServer.start(ChatServer.Options.testing(db));
            Client first = null;
            try {
                first = Client.open(server.port(), firstAlpn, firstBuffer);
                return new ServerAndClients(server, first, Client.open(server.port(), secondAlpn, secondBuffer));
            } catch (IOException | RuntimeException | AssertionError e) {
                server.stop();
                if (first != null) {
                    first.close();
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            server.stop();
            first.close();
            second.close();
        }
    }
}
