package dev.netlab.tls.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.tls.http.ConnectionInfo;
import dev.netlab.tls.http.RequestHead;
import dev.netlab.tls.http.Response;
import dev.netlab.tls.http.SiteHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 4.07: HTTPS on SSLSocket with virtual threads, the plain port that redirects, HSTS.
 *
 * <p>Learner mistakes this catches (each checked once against a hand-made mutant of the reference):
 * reading the request before the handshake finished (a failed handshake then looks like an I/O
 * error in the HTTP code, and is not counted); no handshake timeout (a silent client holds its
 * thread); a per-read timeout alone (a ClientHello trickled an octet at a time holds the connection
 * for as long as it likes: {@code trickledHello}); a deadline that closes the {@code SSLSocket} rather than the TCP
 * socket under it (JSSE's close drains the input under the handshake's read lock, and the one timer thread waits up
 * to SO_TIMEOUT for each such connection: {@code deadlineWhileBusy}); HSTS sent over plain HTTP, or not at all; a 301/302 that lets the method change, or a
 * redirect to the HTTP port; the Host echoed unchecked into Location (an open redirect, a split
 * response); the connection closed after one request (no keep-alive over TLS); no connection cap
 * (the third connection's handshake is answered at once: {@code connectionCap}), a slot not given
 * back when a connection ends (the third is never served). Killed since the PIT run of
 * 2026-12-07 of {@code HttpsRedirect} ({@code redirectHostForms}): an IPv6 Host without a port
 * read past its ']' (a 500 instead of the redirect), the character after ']' not checked to be
 * ':', and the 253-character limit of a name off by one. Left alone: {@code close < 0} as
 * {@code <= 0} and {@code colon >= 0} as {@code > 0} (equivalent: a Host that starts with '['
 * cannot close at 0, and a Host ":port" is refused by the name check either way). Killed since
 * the PIT run of 2026-12-07 of {@code HttpsServer} (34 of 43 mutants killed, 26 before): the idle
 * timeout never set, so the handshake timeout also bounds the wait between requests
 * ({@code idleTimeout}); a {@code stop()} that leaves the listening socket open through the grace
 * period (new connections are taken by the kernel and never answered), that closes nothing still
 * open when the grace ends, or that sits out the whole grace with nothing open (the executor never
 * shut down), and a {@code close()} that does not stop ({@code stopGrace}); the ALPN result left
 * out of the connection's description ({@code negotiatedOnPage}); "at least 1" checked as "more
 * than 1" ({@code capOfOne}); the listening socket of a failed bind left open
 * ({@code failedBind}). Left alone, equivalent: the explicit close of what is still open after the
 * grace (the executor's {@code shutdownNow()} interrupts each connection's virtual thread, and an
 * interrupted virtual thread's blocking socket read closes its socket); {@code SO_TIMEOUT} during
 * the handshake (the deadline that closes the TCP socket bounds it already); TCP_NODELAY (latency
 * only); {@code setReuseAddress(true)} (Linux's JDK sets it on every {@code ServerSocket}); a slot
 * given back after a failed {@code accept()} (only when the server is stopping); every server name
 * taken as a host name (RFC 6066 §3 defines no other type); the close when
 * {@code createSocket} fails over an accepted socket (not reachable from a client), and the
 * interrupt {@code stop()} restores when its own wait is interrupted (no test interrupts it).
 */
@Checkpoint(id = "4.07", title = "A blocking HTTPS server, a redirecting HTTP port, HSTS",
        edit = {"dev/netlab/tls/server/HttpsServer.java", "dev/netlab/tls/server/Hsts.java", "dev/netlab/tls/server/HttpsRedirect.java"},
        hint = "accept, layer an SSLSocket over the TCP socket, then on a virtual thread: a deadline for the whole handshake (SO_TIMEOUT is per read) that closes the TCP socket, startHandshake(), describe the session, serve with HSTS; the plain port answers 308 to https://host:port/target",
        readme = "#https-server-redirect-and-hsts")
class HttpsServerTest {
    @Test
    @DisplayName("curl -v --cacert ca.crt: TLS 1.3, 200, Strict-Transport-Security on every HTTPS response")
    void curl() throws Exception {
        try (HttpsServer server = TestHttps.start(TestHttps.options())) {
            String url = "https://localhost:" + server.port() + "/";
            Evidence.current().reproduce("curl -v --cacert " + TestHttps.CERTS.caCertificate() + " " + url);
            Peer.PeerResult r = Peer.require("curl").run(TestHttps.TIMEOUT, "-sv", "--cacert",
                    TestHttps.CERTS.caCertificate().toString(), url, url + "plaintext").assertSuccess();
            assertThat(r.stderr()).contains("SSL connection using TLSv1.3").contains("< HTTP/1.1 200 OK")
                    .contains("< Strict-Transport-Security: max-age=31536000; includeSubDomains")
                    .contains("Re-using existing connection");
            assertThat(r.stdout()).contains("Hello over TLSv1.3").contains("Hello, World!");
            assertThat(server.options().handshakes().full()).as("two requests, one connection, one handshake").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("the JDK's HttpClient trusting only the lab CA gets the page; the page shows the negotiated suite")
    void jdkClient() throws Exception {
        try (HttpsServer server = TestHttps.start(TestHttps.options());
                HttpClient client = HttpClient.newBuilder().sslContext(TestHttps.CERTS.clientContext())
                        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("strict-transport-security")).isPresent();
            assertThat(page.body()).contains("TLS_AES_").contains("<td id=\"SNI\">localhost");
            assertThat(page.body()).as("an HTTP/1.1-only HttpClient offers no ALPN").contains("<td id=\"ALPN\">(none)");
        }
    }

    @Test
    @DisplayName("at most maxConnections at once: the next waits in the accept backlog, unanswered, and is served when one closes")
    void connectionCap() throws Exception {
        try (HttpsServer server = TestHttps.start(TestHttps.options(), 2);
             Socket a = new Socket(InetAddress.getLoopbackAddress(), server.port());
             Socket b = new Socket(InetAddress.getLoopbackAddress(), server.port());
             Socket c = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            // a and b hold the two slots, silent (the handshake timeout is 5 s); c sends a real ClientHello
            c.getOutputStream().write(dev.netlab.tls.programs.AbusePlan.clientHello());
            c.getOutputStream().flush();
            Thread.sleep(300);
            assertThat(c.getInputStream().available()).as("no ServerHello while two connections are open").isZero();
            a.close(); // the server's handshake read ends, the slot is free again
            c.setSoTimeout(10_000);
            assertThat(c.getInputStream().read()).as("then the server's first record: a handshake record (22)").isEqualTo(22);
        }
    }

    @Test
    @DisplayName("a plain-HTTP client and a silent client fail their handshakes, are counted, and the next client is served")
    void failedHandshakes() throws Exception {
        HttpsServer.Options quick = new HttpsServer.Options(TlsPolicy::apply, null, null, new HandshakeCounter(), Hsts.oneYear(),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        try (HttpsServer server = TestHttps.start(quick)) {
            try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                plain.setSoTimeout(10_000);
                OutputStream out = plain.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] answer = plain.getInputStream().readAllBytes();
                assertThat(answer.length).as("a TLS alert at most, never an HTTP response").isLessThan(10);
            }
            try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                silent.setSoTimeout(10_000);
                long start = System.nanoTime();
                byte[] last = silent.getInputStream().readAllBytes();
                assertThat(last.length).as("closed by the handshake timeout, after alert records at most").isLessThan(32);
                assertThat(last.length == 0 || last[0] == 21).as("nothing but alerts (content type 21)").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (server.handshakeFailures() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.handshakeFailures()).isEqualTo(2);
            Peer.require("curl").run(TestHttps.TIMEOUT, "-sf", "--cacert", TestHttps.CERTS.caCertificate().toString(),
                    "https://localhost:" + server.port() + "/plaintext").assertSuccess();
        }
    }

    @Test
    @DisplayName("the handshake timeout bounds the whole handshake: a ClientHello trickled one octet every 100 ms is cut off at the deadline")
    void trickledHello() throws Exception {
        HttpsServer.Options quick = new HttpsServer.Options(TlsPolicy::apply, null, null, new HandshakeCounter(), Hsts.oneYear(),
                Duration.ofSeconds(1), Duration.ofSeconds(5));
        byte[] hello = dev.netlab.tls.programs.AbusePlan.clientHello();
        try (HttpsServer server = TestHttps.start(quick);
             Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            // each octet well within the 1 s per-read timeout; the whole hello would take over 20 s
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = slow.getOutputStream();
                    long stop = System.nanoTime() + Duration.ofSeconds(12).toNanos();
                    while (sent.get() < hello.length && System.nanoTime() < stop) {
                        out.write(hello[sent.getAndIncrement()]);
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (java.io.IOException | InterruptedException closed) {
                    // the server closed (or the test ended): the trickle stops
                }
            });
            long start = System.nanoTime();
            slow.setSoTimeout(20_000);
            int first;
            try {
                first = slow.getInputStream().read();
            } catch (java.io.IOException reset) {
                first = -1; // reset by the server's close: closed too
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            trickle.interrupt();
            assertThat(first).as("closed (or an alert, 21), no ServerHello").isIn(-1, 21);
            assertThat(took).as("closed near the 1 s deadline while the trickle went on (%d of %d octets sent), "
                    + "not 1 s after the trickle stopped", sent.get(), hello.length).isLessThan(Duration.ofSeconds(6));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (server.handshakeFailures() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.handshakeFailures()).as("counted as a failed handshake").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("the handshake deadline waits for no connection: 6 stalled ClientHellos on a busy server (every virtual-thread carrier "
            + "taken) are each ended within 3 handshake timeouts, then freed, and a client beside them is served")
    void deadlineWhileBusy() throws Exception {
        // Why a close at the deadline can wait: JSSE's SSLSocket.close() sends its alerts, then drains
        // what the peer sent (SSLSocketImpl.closeSocket -> SSLSocketInputRecord.deplete: available(),
        // then skip()), and that skip is a read: it waits for the socket's read lock, which the
        // handshaking thread holds while it waits for the rest of the ClientHello -- up to SO_TIMEOUT.
        // It happens when an octet is waiting unread as the deadline fires, which is what a busy server
        // looks like: its virtual threads wait for a carrier. The test makes one by taking every carrier.
        Duration timeout = Duration.ofSeconds(1);
        HttpsServer.Options quick = new HttpsServer.Options(TlsPolicy::apply, null, null, new HandshakeCounter(), Hsts.oneYear(),
                timeout, Duration.ofSeconds(5));
        byte[] hello = dev.netlab.tls.programs.AbusePlan.clientHello();
        int half = hello.length / 2;
        int stalled = 6;
        try (HttpsServer server = TestHttps.start(quick)) {
            List<Socket> attackers = new java.util.ArrayList<>();
            long connected = System.nanoTime();
            try {
                for (int i = 0; i < stalled; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                    attackers.add(s);
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(hello, 0, half); // the handshake has begun: the record header and half the hello
                    s.getOutputStream().flush();
                }
                Thread.sleep(300); // accepted, each handshake thread waiting in its read for the rest
                // a busy server: virtual threads are not time-sliced, so these hold every carrier until released
                java.util.concurrent.atomic.AtomicBoolean release = new java.util.concurrent.atomic.AtomicBoolean();
                int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
                long busyUntil = connected + timeout.multipliedBy(3).plusMillis(500).toNanos();
                List<Thread> busy = new java.util.ArrayList<>();
                for (int i = 0; i < carriers; i++) {
                    busy.add(Thread.ofVirtual().start(() -> {
                        while (!release.get() && System.nanoTime() < busyUntil) {
                            Thread.onSpinWait();
                        }
                    }));
                }
                java.util.concurrent.atomic.AtomicBoolean probe = new java.util.concurrent.atomic.AtomicBoolean();
                Thread.ofVirtual().start(() -> probe.set(true));
                Thread.sleep(50);
                // one more octet each: it waits unread in the kernel while the handshake threads wait for a carrier
                for (Socket s : attackers) {
                    s.getOutputStream().write(hello[half]);
                    s.getOutputStream().flush();
                }
                long[] ended = new long[stalled];
                List<Thread> readers = new java.util.ArrayList<>();
                java.util.concurrent.CountDownLatch allEnded = new java.util.concurrent.CountDownLatch(stalled);
                for (int i = 0; i < stalled; i++) {
                    int k = i;
                    readers.add(Thread.ofPlatform().start(() -> {
                        try {
                            attackers.get(k).getInputStream().read(); // an alert (21), the end of the stream, or a reset
                        } catch (java.io.IOException reset) {
                            // ended too
                        }
                        ended[k] = System.nanoTime();
                        allEnded.countDown();
                    }));
                }
                allEnded.await(busyUntil - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
                boolean starved = !probe.get();
                release.set(true);
                for (Thread t : busy) {
                    t.join();
                }
                for (Thread t : readers) {
                    t.join(Duration.ofSeconds(15));
                }
                assertThat(starved).as("precondition: the test took all %d carriers of the virtual-thread scheduler", carriers).isTrue();
                List<Long> millis = java.util.Arrays.stream(ended).map(t -> (t - connected) / 1_000_000).sorted().boxed().toList();
                assertThat(millis).as("ms from connecting until the server ended each stalled handshake (deadline %d ms): a close that "
                        + "waits for one connection delays every other deadline", timeout.toMillis())
                        .allMatch(t -> t < timeout.multipliedBy(3).toMillis());
                // once the carriers are back, the server lets go of every one: a write draws a reset
                for (Socket s : attackers) {
                    long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    boolean reset = false;
                    while (!reset && System.nanoTime() < giveUp) {
                        try {
                            s.getOutputStream().write(0);
                            s.getOutputStream().flush();
                            Thread.sleep(20);
                        } catch (java.io.IOException closed) {
                            reset = true;
                        }
                    }
                    assertThat(reset).as("the server closed its socket (a write draws a reset)").isTrue();
                }
            } finally {
                for (Socket s : attackers) {
                    s.close();
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (server.handshakeFailures() < stalled && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.handshakeFailures()).as("each counted as a failed handshake").isEqualTo(stalled);
            Peer.require("curl").run(TestHttps.TIMEOUT, "-sf", "--cacert", TestHttps.CERTS.caCertificate().toString(),
                    "https://localhost:" + server.port() + "/plaintext").assertSuccess();
        }
    }

    @Test
    @DisplayName("RFC 6797 §7.2: HSTS only over secure transport; max-age in seconds; includeSubDomains valueless")
    void hsts() {
        ConnectionInfo secure = new ConnectionInfo(true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "", "", null, false, 8443);
        Response ok = Response.text(200, "OK", "x");
        assertThat(new Hsts(Duration.ofDays(1), false).apply(ok, secure).field(Hsts.FIELD)).isEqualTo("max-age=86400");
        assertThat(Hsts.oneYear().apply(ok, secure).field(Hsts.FIELD)).isEqualTo("max-age=31536000; includeSubDomains");
        assertThat(Hsts.oneYear().apply(ok, ConnectionInfo.plain(8080)).field(Hsts.FIELD)).isNull();
        assertThat(new Hsts(Duration.ZERO, false).value()).isEqualTo("max-age=0");
        assertThatThrownBy(() -> new Hsts(Duration.ofSeconds(-1), false)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RequestHead get(String target, String host) {
        return new RequestHead("GET", target, "HTTP/1.1", host == null ? List.of() : List.of(new RequestHead.Field("Host", host)));
    }

    @Test
    @DisplayName("RFC 9110 §15.4.9: 308 to https://host:httpsPort/target; Host is validated before it is echoed")
    void redirect() throws Exception {
        HttpsRedirect redirect = new HttpsRedirect(8443);
        assertThat(redirect.location(get("/a?b=1", "localhost:8080"))).isEqualTo("https://localhost:8443/a?b=1");
        assertThat(redirect.location(get("/", "[::1]:8080"))).isEqualTo("https://[::1]:8443/");
        assertThat(redirect.location(get("/", "Example.TEST"))).isEqualTo("https://example.test:8443/");
        assertThat(new HttpsRedirect(443).location(get("/x", "a.test"))).isEqualTo("https://a.test/x");
        for (String bad : new String[] {"evil.test@localhost", "a b", "localhost:80x", "[::1", "a.test/x", ""}) {
            assertThat(redirect.location(get("/", bad))).as("Host %s", bad).isNull();
        }
        assertThat(redirect.location(get("/", null))).isNull();
        assertThat(redirect.location(get("http://evil.test/", "localhost"))).isNull();
        Response r = redirect.handle(get("/x", "localhost:8080"), ConnectionInfo.plain(8080));
        assertThat(r.status()).isEqualTo(308);
        assertThat(r.field("Location")).isEqualTo("https://localhost:8443/x");
        assertThat(r.field(Hsts.FIELD)).isNull();
        assertThat(redirect.handle(get("/", "x@y"), ConnectionInfo.plain(8080)).status()).isEqualTo(400);
    }

    @Test
    @DisplayName("RFC 9110 §7.2: \"Host = uri-host [ \":\" port ]\": an IPv6 literal without a port and a 253-character name are redirected; a bracketed non-address, \"[::1]x8080\" and 254 characters are 400")
    void redirectHostForms() {
        HttpsRedirect redirect = new HttpsRedirect(8443);
        assertThat(redirect.location(get("/p?q", "[::1]"))).as("[::1] with no port").isEqualTo("https://[::1]:8443/p?q");
        assertThat(redirect.location(get("/", "[2001:db8::1]:80"))).isEqualTo("https://[2001:db8::1]:8443/");
        for (String bad : new String[] {"[::1]x8080", "[evil.test]", "[::1]:", "[::1]:8443:1"}) {
            assertThat(redirect.location(get("/", bad))).as("Host %s", bad).isNull();
        }
        // RFC 1035 §2.3.4: a name is at most 255 octets on the wire, 253 characters as text
        String longest = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        assertThat(longest).hasSize(253);
        assertThat(redirect.location(get("/", longest + ":8080"))).as("a 253-character name").isEqualTo("https://" + longest + ":8443/");
        assertThat(redirect.location(get("/", "e" + longest))).as("a 254-character name").isNull();
    }

    @Test
    @DisplayName("stop(): new connections are refused at once")
    void stop() throws Exception {
        HttpsServer server = TestHttps.start(TestHttps.options());
        int port = server.port();
        server.stop(Duration.ofMillis(500));
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    @DisplayName("stop(grace): \"stops accepting at once, lets open connections finish for the grace period, then closes what is left\": "
            + "a new connection is refused during the grace, a silent one still open is closed at its end (not at its 30 s handshake "
            + "timeout); with nothing open stop() returns without sitting out the grace; close() stops at once")
    void stopGrace() throws Exception {
        HttpsServer.Options patient = new HttpsServer.Options(TlsPolicy::apply, null, null, new HandshakeCounter(), Hsts.oneYear(),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
        HttpsServer server = TestHttps.start(patient);
        int port = server.port();
        try (Socket held = new Socket(InetAddress.getLoopbackAddress(), port)) {
            held.setSoTimeout(20_000);
            Thread.sleep(300); // accepted: its handshake waits for a ClientHello that never comes
            long start = System.nanoTime();
            Thread stopping = Thread.ofVirtual().start(() -> server.stop(Duration.ofSeconds(5)));
            boolean refused = false;
            long giveUp = System.nanoTime() + Duration.ofSeconds(3).toNanos(); // well inside the 5 s grace
            while (!refused && System.nanoTime() < giveUp) {
                try {
                    new Socket(InetAddress.getLoopbackAddress(), port).close();
                    Thread.sleep(50);
                } catch (ConnectException closedPort) {
                    refused = true;
                } catch (java.net.SocketException reset) {
                    // this attempt reached the listener's backlog just as stop() closed it: the kernel
                    // resets such a connection ("Connection reset by peer"); the next attempt is refused
                }
            }
            assertThat(refused).as("a new connection refused within 3 s of stop(), while the 5 s grace runs").isTrue();
            String end;
            try {
                end = held.getInputStream().read() < 0 ? "closed" : "data";
            } catch (SocketTimeoutException stillOpen) {
                end = "still open after 20 s";
            } catch (IOException reset) {
                end = "closed";
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(end).as("the connection still open when the 5 s grace ended").isEqualTo("closed");
            assertThat(took).as("closed at the end of the grace, not at the 30 s handshake timeout").isLessThan(Duration.ofSeconds(15));
            assertThat(stopping.join(Duration.ofSeconds(15))).as("stop() returned").isTrue();
        }
        HttpsServer idle = TestHttps.start(patient);
        long start = System.nanoTime();
        idle.stop(Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stop(30 s) with no connection open").isLessThan(Duration.ofSeconds(10));
        HttpsServer closed = TestHttps.start(patient);
        int closedPort = closed.port();
        closed.close();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), closedPort).close()).as("a connection after close()")
                .isInstanceOf(ConnectException.class);
    }

    /** {@code GET /plaintext} on a kept-alive connection: the status line, or how the connection ended instead. */
    private static String plaintext(SSLSocket socket) {
        try {
            socket.getOutputStream().write("GET /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return "(closed by the server" + (head.isEmpty() ? "" : " after " + head) + ")";
                }
                head.append((char) b);
            }
            int length = head.toString().lines().filter(l -> l.regionMatches(true, 0, "Content-Length:", 0, 15))
                    .mapToInt(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
            in.readNBytes(length);
            return head.substring(0, head.indexOf("\r\n"));
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @Test
    @DisplayName("between requests Options#idleTimeout applies, not the handshake timeout: a kept-alive connection idle 3 s "
            + "(handshake timeout 2 s, idle 6 s) gets its second response, and is closed once idle past 6 s")
    void idleTimeout() throws Exception {
        HttpsServer.Options options = new HttpsServer.Options(TlsPolicy::apply, null, null, new HandshakeCounter(), Hsts.oneYear(),
                Duration.ofSeconds(2), Duration.ofSeconds(6));
        try (HttpsServer server = TestHttps.start(options);
                SSLSocket socket = (SSLSocket) TestHttps.CERTS.clientContext().getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(20_000);
            socket.startHandshake();
            assertThat(plaintext(socket)).isEqualTo("HTTP/1.1 200 OK");
            Thread.sleep(3_000); // longer than the handshake timeout, shorter than the idle timeout
            assertThat(plaintext(socket)).as("the second request after 3 s idle (idle timeout 6 s)").isEqualTo("HTTP/1.1 200 OK");
            String end;
            try {
                end = socket.getInputStream().read() < 0 ? "closed" : "data";
            } catch (SocketTimeoutException stillOpen) {
                end = "still open after 20 s idle";
            } catch (IOException reset) {
                end = "closed";
            }
            assertThat(end).as("a connection idle past the 6 s idle timeout").isEqualTo("closed");
        }
    }

    @Test
    @DisplayName("RFC 7301 §3.2: the page describes this connection with the protocol the handshake selected: curl offering h2 and "
            + "http/1.1 to a server that speaks http/1.1 sees ALPN http/1.1, and SNI localhost")
    void negotiatedOnPage() throws Exception {
        try (HttpsServer server = TestHttps.start(TestHttps.options())) {
            Peer.PeerResult r = Peer.require("curl").run(TestHttps.TIMEOUT, "-s", "--cacert", TestHttps.CERTS.caCertificate().toString(),
                    "https://localhost:" + server.port() + "/").assertSuccess();
            assertThat(r.stdout()).contains("<td id=\"ALPN\">http/1.1<").contains("<td id=\"SNI\">localhost<");
        }
    }

    @Test
    @DisplayName("\"at most maxConnections connections at once (at least 1)\": a cap of 1 serves its client, one after the other; 0 is refused")
    void capOfOne() throws Exception {
        try (HttpsServer server = TestHttps.start(TestHttps.options(), 1)) {
            for (int i = 0; i < 2; i++) {
                Peer.require("curl").run(TestHttps.TIMEOUT, "-sf", "--cacert", TestHttps.CERTS.caCertificate().toString(),
                        "https://localhost:" + server.port() + "/plaintext").assertSuccess();
            }
        }
        assertThatThrownBy(() -> TestHttps.start(TestHttps.options(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a port already taken: start() throws and closes the socket it opened (100 failed starts leave no descriptor behind)")
    void failedBind() throws Exception {
        Require.linux();
        Path fds = Path.of("/proc/self/fd");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
            SSLContext context = TestHttps.CERTS.serverContext();
            long before;
            try (var listing = Files.list(fds)) {
                before = listing.count();
            }
            for (int i = 0; i < 100; i++) { // other tests' servers may open or close a few descriptors meanwhile
                assertThatThrownBy(() -> HttpsServer.start(address, context, new SiteHandler(), TestHttps.options()))
                        .isInstanceOf(BindException.class);
            }
            long after;
            try (var listing = Files.list(fds)) {
                after = listing.count();
            }
            assertThat(after - before).as("file descriptors left open by 100 failed starts").isLessThan(50);
        }
    }

    @Test
    @DisplayName("./lab run day4-tls: READY https://..., curl follows the redirect port's 308 to the page, SIGTERM exits 0")
    void program() throws Exception {
        ServeStubs.failIfStub("--port", "0", "--redirect-port", "0"); // a stub fails here at once, not after the program's JVM started
        try (ProgramProcess program = ProgramProcess.start("serve", "--port", "0", "--redirect-port", "0")) {
            String url = program.awaitReady(Duration.ofSeconds(60));
            assertThat(url).matches("https://127\\.0\\.0\\.1:\\d+/");
            String redirectLine = program.output().stream().filter(l -> l.startsWith("redirect: ")).findFirst().orElseThrow();
            String plain = redirectLine.split(" ")[1];
            Peer.PeerResult r = Peer.require("curl").run(TestHttps.TIMEOUT, "-sL", "-D", "-", "--cacert",
                    TestHttps.CERTS.caCertificate().toString(), plain.replace("127.0.0.1", "localhost") + "plaintext").assertSuccess();
            assertThat(r.stdout()).contains("HTTP/1.1 308 Permanent Redirect").contains("Location: https://localhost:")
                    .contains("Strict-Transport-Security").endsWith("Hello, World!");
            assertThat(program.stop(Duration.ofSeconds(5))).as("exit code after SIGTERM: %s", program.output()).isZero();
            assertThat(program.output().stream().filter(l -> l.startsWith("READY ")).count()).isEqualTo(1);
        }
    }
}
