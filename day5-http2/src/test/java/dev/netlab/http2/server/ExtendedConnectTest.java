package dev.netlab.http2.server;

import static dev.netlab.http2.server.H2Client.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.http2.ErrorCode;
import dev.netlab.kit.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 8441 extended CONNECT, the way the capstone runs WebSocket over HTTP/2. Mistakes it
 * catches: SETTINGS_ENABLE_CONNECT_PROTOCOL not advertised; {@code :protocol} accepted while
 * disabled; the 200 sent with END_STREAM (the stream must stay open); the request held until
 * END_STREAM like an ordinary one; the tunnel's output not flow-controlled or its close not
 * sending END_STREAM; the tunnel's input not ending at the client's END_STREAM; a tunnel that
 * ended left in the stream table while the client's side stays open (its place and its DATA
 * held for good: a chat WebSocket refused with 1013 over h2 stays until the connection ends); a
 * tunnel closed while another thread's write waits for credit, that ends the stream with
 * END_STREAM (as if all was sent) and leaves the writer waiting until the stall timeout (a chat
 * member with a zero window then held its session and writer for 30 s); a RST_STREAM that leaves
 * the tunnel's reader blocked in its read (day 7's WebSocket reader waits there: a reset chat member
 * stayed counted until the keep-alive Ping, 29.9 s, {@code H2MemberResetTest}); a write on a reset stream that
 * fails untyped or sends DATA; a reset the server sends (a stream error, a tunnel that fails) that does not
 * reach the client, leaves the tunnel's reader or writer waiting, or keeps the stream's place. Mutants run on the reference
 * (2026-12-06): close() sending END_STREAM whatever writes wait fails {@code closeWakesAWriterWaitingForCredit};
 * {@code onReset} neither failing the tunnel's input nor interrupting the worker fails {@code resetWakesTheReader}
 * (the read still blocked 5 s later); the reference before the typed error (an {@code IOException}
 * "stream 1 was reset", 11 ms after the RST_STREAM) fails it on the type.
 *
 * <p>A write on a reset tunnel, and a reset the server sends (RFC 9113 §5.4.2 stream error, RFC 8441
 * §5 CANCEL for a tunnel that fails): the write must fail typed like the read, with the code and
 * who sent it, and send nothing (§5.1: no frame but PRIORITY on a closed stream; each row reads the
 * frames up to a PING's ACK); the server's reset must reach the peer, wake the tunnel's reader and
 * writer, give the stream's place back (SETTINGS_MAX_CONCURRENT_STREAMS 1: the next CONNECT is
 * served) and count the DATA still arriving on it toward the connection window (§6.9). Mutants run
 * on the reference (2026-12-06, {@code -Dtest=ExtendedConnectTest}, each killed by the rows named):
 * <ul>
 *   <li>a write after a reset throws a plain {@code IOException} ("stream 1 can send no more", as the
 *       reference did before these rows): {@code writeAfterClientReset}, {@code streamErrorResetsTheTunnel},
 *       {@code abortedTunnel}, {@code closeWakesAWriterWaitingForCredit};</li>
 *   <li>the closed output checked before the reset (a write after the tunnel failed says only "the
 *       tunnel's output is closed"): {@code abortedTunnel};</li>
 *   <li>a write on a reset stream queues its DATA, then throws the typed error:
 *       {@code writeAfterClientReset}, {@code streamErrorResetsTheTunnel}, {@code abortedTunnel} (the
 *       DATA seen after the RST_STREAM); the writer sending whatever the stream's state, without the
 *       up-front reset check: {@code writeAfterClientReset}, {@code streamErrorResetsTheTunnel} (an
 *       {@code IllegalStateException} from the state machine instead of the typed error),
 *       {@code abortedTunnel} (a plain "the tunnel's output is closed");</li>
 *   <li>the server's RST_STREAM not sent: {@code streamErrorResetsTheTunnel}, {@code abortedTunnel}
 *       (and {@code tunnelEndsFirst}, {@code closeWakesAWriterWaitingForCredit}, {@code disabled});</li>
 *   <li>the stream not released when the server resets it (left in the stream table):
 *       {@code abortedTunnel} (stream 3 refused, REFUSED_STREAM), {@code streamErrorResetsTheTunnel}
 *       (a second RST_STREAM for the DATA in flight), {@code tunnelEndsFirst};</li>
 *   <li>the server's reset not failing the tunnel's input: {@code streamErrorResetsTheTunnel},
 *       {@code abortedTunnel} (the read still blocked 5 s later);</li>
 *   <li>DATA on a reset stream not counted toward the connection's WINDOW_UPDATE:
 *       {@code streamErrorResetsTheTunnel} (no credit for the 33,025 octets).</li>
 * </ul>
 * Found by a PIT run of the tunnel's input (2026-12-07): its single-octet {@code read()} returning 0 for
 * every octet, or the credit of what the application read never given back (the stream's window stays
 * shut at 16,384 octets), fails {@code tunnelInputKeepsEveryOctetInOrder}; its {@code end()} that does not
 * wake a reader already waiting (only DATA with octets does) fails {@code emptyEndStreamEndsAWaitingRead}
 * (the read still blocked 5 s later), also as a hand-made mutant on the reference, and so does a read that
 * returns 0 instead of -1 at the end.
 *
 * <p>Found by a PIT run of the response writer with the tunnel and stall tests (2026-12-07, 5.13, 5.15, 5.16 and
 * 5.20: 100 of 127 killed, 92 before), each row failing the mutants named: a write that the stall timeout gave up
 * returning as if its octets were sent ({@code data()} answering true after its RST_STREAM CANCEL) fails
 * {@code stalledWriteFails}; {@code write(int)} that sends nothing, and a write of no octets that sends an empty
 * DATA frame ({@code len > 0} as {@code len >= 0}), fail {@code tunnelOutputAsWritten}; a writer that fails while
 * holding the connection's lock (its {@code unlock} removed on the failing path: stream 3 is never answered) fails
 * {@code closeWakesAWriterWaitingForCredit}; the error of a write the connection's end stopped left {@code null}
 * (a {@code NullPointerException}, not an {@code IOException}), and the unread-queue check negated (the later
 * write then fails with the closed output's error, which names no stream), fail
 * {@code connectionEndFailsWaitingWrites}. Found by a PIT run of the connection's DATA handler (2026-12-07):
 * the padding of a tunnel's DATA subtracted from, or its data added to, the credit given back at once (the
 * window shrinks by the padding, or is given back before the application read) fails
 * {@code paddingCreditAtOnceDataCreditAsRead}, and so does a stream's WINDOW_UPDATE sent only past half its
 * window ({@code >} for {@code >=}). Not killed: the interrupted write's path (these rows' waiting writes fail
 * through the state check, not the interrupt), and {@code close()} interrupted while queueing END_STREAM.
 */
@Checkpoint(id = "5.20", title = "Extended CONNECT (RFC 8441): SETTINGS_ENABLE_CONNECT_PROTOCOL, :protocol, a byte tunnel over a stream",
        edit = {"dev/netlab/http2/server/Http2Connection.java", "dev/netlab/http2/stream/RequestHead.java"},
        hint = "advertise 0x8 = 1; dispatch an extended CONNECT at its HEADERS; 200 without END_STREAM; DATA in both directions until END_STREAM",
        readme = "#extended-connect")
class ExtendedConnectTest {
    @Test
    @DisplayName("CONNECT :protocol echo: 200 without END_STREAM, DATA echoed upper-case both ways, END_STREAM both ways")
    void tunnel() throws Exception {
        Handler handler = r -> r.protocol() != null
                ? Response.tunnel((in, out) -> {
                    byte[] buf = new byte[1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(new String(buf, 0, n, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
                    }
                })
                : Response.text(404, "no");
        try (TestServer server = TestServer.start(handler, ServerSettings.defaults().withConnectProtocol(true));
             H2Client c = H2Client.connect("5.20 extended connect", server.port()).handshake()) {
            assertThat(c.serverSettings.get(0x8)).as("SETTINGS_ENABLE_CONNECT_PROTOCOL").isEqualTo(1L);
            c.headers(1, false, true, ":method", "CONNECT", ":protocol", "echo", ":scheme", "http", ":path", "/tunnel",
                    ":authority", "127.0.0.1");
            RawFrame head = c.waitFor(HEADERS);
            assertThat(head.decoded().status().toString()).isEqualTo("200");
            assertThat(head.has(END_STREAM)).as("the stream stays open").isFalse();
            c.data(1, "hello", false);
            RawFrame echoed = c.waitFor(DATA);
            assertThat(new String(echoed.payload(), StandardCharsets.UTF_8)).isEqualTo("HELLO");
            c.data(1, "bye", true);
            StringBuilder rest = new StringBuilder();
            while (true) {
                RawFrame f = c.waitFor(DATA);
                assertThat(f).as("DATA until END_STREAM").isNotNull();
                rest.append(new String(f.payload(), StandardCharsets.UTF_8));
                if (f.has(END_STREAM)) {
                    break;
                }
            }
            assertThat(rest.toString()).isEqualTo("BYE");
        }
    }

    @Test
    @DisplayName("the tunnel's input gives the application every octet of the DATA, in order (RFC 9113 §8.5, a tunnel as RFC 8441 §4 "
            + "extends it: \"The payload of any DATA frames sent by the client is transmitted by the proxy to the TCP server\"), and "
            + "gives the stream's window back as it is read (§6.9.1: a sender \"MUST NOT send a flow-controlled frame with a length "
            + "that exceeds the space available\"): 50,000 octets of every value through a 16,384-octet window, read one octet and "
            + "997 octets at a time")
    void tunnelInputKeepsEveryOctetInOrder() throws Exception {
        byte[] sent = new byte[50_000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i % 257); // every octet value, 0x80..0xff too; a period that no chunk size shares
        }
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        Handler handler = r -> r.protocol() != null
                ? Response.tunnel((in, out) -> {
                    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                    byte[] buf = new byte[1000];
                    while (true) {
                        int b = in.read(); // one octet: 0..255, -1 only at the end
                        if (b < 0) {
                            break;
                        }
                        all.write(b);
                        int n = in.read(buf, 3, 997); // into the middle of an array
                        if (n < 0) {
                            break;
                        }
                        all.write(buf, 3, n);
                    }
                    received.complete(all.toByteArray());
                })
                : Response.text(404, "no");
        try (TestServer server = TestServer.start(handler, ServerSettings.defaults().withConnectProtocol(true).withInitialWindowSize(16_384));
             H2Client c = H2Client.connect("5.20 tunnel input", server.port()).handshake()) {
            c.headers(1, false, true, connect("/tunnel"));
            RawFrame head = c.waitFor(HEADERS);
            assertThat(head.decoded().status().toString()).isEqualTo("200");
            long window = 16_384; // the stream's window the server announced (SETTINGS_INITIAL_WINDOW_SIZE)
            for (int at = 0; at < sent.length; ) {
                int n = Math.min(4_093, sent.length - at);
                while (window < n) {
                    RawFrame update = c.waitFor(WINDOW_UPDATE);
                    assertThat(update).as("a WINDOW_UPDATE for stream 1 once the tunnel read what it got (%d of %d octets sent)", at, sent.length)
                            .isNotNull();
                    if (update.stream() == 1) {
                        window += java.nio.ByteBuffer.wrap(update.payload()).getInt();
                    }
                }
                c.send(DATA, at + n == sent.length ? END_STREAM : 0, 1, java.util.Arrays.copyOfRange(sent, at, at + n));
                window -= n;
                at += n;
            }
            byte[] got = received.get(5, TimeUnit.SECONDS);
            assertThat(got.length).as("octets the tunnel read before -1").isEqualTo(sent.length);
            assertThat(java.util.Arrays.mismatch(got, sent)).as("the first octet the tunnel read wrong (-1: none)").isEqualTo(-1);
        }
    }

    @Test
    @DisplayName("a tunnel's stream window: the padding of the client's DATA comes back at once, its data only as the application "
            + "reads it (RFC 9113 §6.9.1: \"The entire DATA frame payload is included in flow control, including the Pad Length "
            + "and Padding fields if present\"; §5.2.2: \"Flow control is defined to protect endpoints that are operating under "
            + "resource constraints\"): two DATA frames of 10 octets, each padded with 255, through a window of 1,024 get "
            + "WINDOW_UPDATEs of exactly 512 (2 x 256) while the tunnel reads nothing")
    void paddingCreditAtOnceDataCreditAsRead() throws Exception {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        Handler handler = r -> r.protocol() != null
                ? Response.tunnel((in, out) -> {
                    try {
                        go.await(5, TimeUnit.SECONDS); // reads nothing until the test says so
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    received.complete(in.readAllBytes());
                })
                : Response.text(404, "no");
        try (TestServer server = TestServer.start(handler, ServerSettings.defaults().withConnectProtocol(true).withInitialWindowSize(1024));
             H2Client c = H2Client.connect("5.20 tunnel padding credit", server.port()).handshake()) {
            c.headers(1, false, true, connect("/tunnel"));
            assertThat(c.waitFor(HEADERS).decoded().status().toString()).isEqualTo("200");
            for (String data : List.of("0123456789", "abcdefghij")) {
                java.nio.ByteBuffer padded = java.nio.ByteBuffer.allocate(1 + 10 + 255); // Pad Length, data, Padding
                padded.put((byte) 255).put(data.getBytes(StandardCharsets.US_ASCII));
                c.send(DATA, PADDED, 1, padded.array());
            }
            List<RawFrame> before = framesBeforePingAck(c);
            long credit = before.stream().filter(f -> f.type() == WINDOW_UPDATE && f.stream() == 1)
                    .mapToLong(f -> java.nio.ByteBuffer.wrap(f.payload()).getInt()).sum();
            assertThat(credit).as("credit for stream 1 before the tunnel read anything: its padding, 2 x (1 + 255) octets, no more, no "
                    + "less (frames: " + before + ")").isEqualTo(512);
            go.countDown();
            c.data(1, "", true);
            byte[] got = received.get(5, TimeUnit.SECONDS);
            assertThat(new String(got, StandardCharsets.US_ASCII)).as("what the tunnel read: the data, without the padding")
                    .isEqualTo("0123456789abcdefghij");
        }
    }

    @Test
    @DisplayName("the client ends its side with an empty DATA frame (END_STREAM) while the tunnel's reader waits: that read "
            + "returns -1 at once (RFC 9113 §8.5, a tunnel as RFC 8441 §4 extends it: \"The END_STREAM flag on a DATA frame is "
            + "treated as being equivalent to the TCP FIN bit\")")
    void emptyEndStreamEndsAWaitingRead() throws Exception {
        CompletableFuture<Integer> waiting = new CompletableFuture<>();
        Handler handler = r -> r.protocol() != null
                ? Response.tunnel((in, out) -> {
                    byte[] buf = new byte[64];
                    int n = in.read(buf);
                    out.write(("got " + n).getBytes(StandardCharsets.UTF_8)); // the client knows the next read waits
                    out.flush();
                    waiting.complete(in.read(buf)); // nothing comes but the END_STREAM
                })
                : Response.text(404, "no");
        try (TestServer server = TestServer.start(handler, ServerSettings.defaults().withConnectProtocol(true));
             H2Client c = H2Client.connect("5.20 empty END_STREAM", server.port()).handshake()) {
            c.headers(1, false, true, connect("/tunnel"));
            assertThat(c.waitFor(HEADERS).decoded().status().toString()).isEqualTo("200");
            c.data(1, "hello", false);
            assertThat(new String(c.waitFor(DATA).payload(), StandardCharsets.UTF_8)).isEqualTo("got 5");
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000); // the tunnel is in its second read
            c.data(1, "", true);
            Integer read;
            try {
                read = waiting.get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the read waiting when the client's empty END_STREAM came was still blocked 5 s later "
                        + "(its end must wake the reader, not only DATA with octets)");
            }
            assertThat(read).as("the waiting read after the client's END_STREAM: the end of the tunnel's input").isEqualTo(-1);
        }
    }

    @Test
    @DisplayName("a tunnel that ends while the client's side is open: END_STREAM, then RST_STREAM NO_ERROR (RFC 9113 §8.1); its place is free again")
    void tunnelEndsFirst() throws Exception {
        // a WebSocket the server refuses or closes: the tunnel ends, the client never ends its side
        Handler handler = r -> r.protocol() != null
                ? Response.tunnel((in, out) -> out.write("bye".getBytes(StandardCharsets.UTF_8)))
                : Response.text(404, "no");
        try (TestServer server = TestServer.start(handler, ServerSettings.defaults().withConnectProtocol(true).withMaxConcurrentStreams(1));
             H2Client c = H2Client.connect("5.20 tunnel ends first", server.port()).handshake()) {
            c.headers(1, false, true, ":method", "CONNECT", ":protocol", "echo", ":scheme", "http", ":path", "/tunnel",
                    ":authority", "127.0.0.1");
            RawFrame head = c.waitFor(HEADERS);
            assertThat(head.decoded().status().toString()).isEqualTo("200");
            while (true) {
                RawFrame f = c.waitFor(DATA);
                assertThat(f).as("DATA until END_STREAM").isNotNull();
                if (f.has(END_STREAM)) {
                    break;
                }
            }
            c.expectReset(1, 0x0, "RST_STREAM after the tunnel's END_STREAM, the client's side being open");
            // SETTINGS_MAX_CONCURRENT_STREAMS is 1: the next CONNECT is served only if stream 1 let go of its place
            c.headers(3, false, true, ":method", "CONNECT", ":protocol", "echo", ":scheme", "http", ":path", "/tunnel",
                    ":authority", "127.0.0.1");
            RawFrame next = c.waitFor(HEADERS);
            assertThat(next).as("stream 3 answered, not refused").isNotNull();
            assertThat(next.stream()).isEqualTo(3);
            assertThat(next.decoded().status().toString()).isEqualTo("200");
        }
    }

    @Test
    @DisplayName("a tunnel closed while a write of it waits for credit: RST_STREAM CANCEL (RFC 8441 §5), not END_STREAM, and the waiting write fails at once")
    void closeWakesAWriterWaitingForCredit() throws Exception {
        // the chat's writer thread sends into a stream whose window is 0 while the tunnel's own thread ends it
        CompletableFuture<Throwable> writer = new CompletableFuture<>();
        Handler handler = r -> r.protocol() != null
                ? Response.tunnel((in, out) -> {
                    Thread w = Thread.ofVirtual().start(() -> {
                        try {
                            out.write(new byte[1000]);
                            writer.complete(null);
                        } catch (Throwable e) {
                            writer.complete(e);
                        }
                    });
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (w.getState() != Thread.State.WAITING && w.getState() != Thread.State.TIMED_WAITING
                            && w.isAlive() && System.nanoTime() < deadline) {
                        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000_000); // waiting for credit (SETTINGS_INITIAL_WINDOW_SIZE 0), not just starting
                    out.close();
                })
                : Response.text(404, "no");
        try (TestServer server = TestServer.start(handler, ServerSettings.defaults().withConnectProtocol(true));
             H2Client c = H2Client.connect("5.20 close wakes a writer", server.port()).handshake(0x4, 0)) {
            c.headers(1, false, true, ":method", "CONNECT", ":protocol", "echo", ":scheme", "http", ":path", "/tunnel",
                    ":authority", "127.0.0.1");
            RawFrame head = c.waitFor(HEADERS);
            assertThat(head.decoded().status().toString()).isEqualTo("200");
            RawFrame end = c.expectFrame();
            while (end.stream() != 1 || !(end.type() == RST_STREAM || end.type() == DATA && end.has(END_STREAM))) {
                end = c.expectFrame();
            }
            assertThat(end.type()).as("the broken tunnel ends with RST_STREAM, not an END_STREAM that says all was sent: " + end)
                    .isEqualTo(RST_STREAM);
            assertThat(end.errorCode()).as("CANCEL (0x8)").isEqualTo(0x8);
            Throwable failed = writer.get(3, TimeUnit.SECONDS);
            assertThat(failed).as("the write waiting for credit fails (within 3 s, the stall timeout being 30 s), typed: the server reset the stream")
                    .isInstanceOf(StreamResetException.class);
            assertReset(failed, ErrorCode.CANCEL, false);
            assertThat(failed.getMessage()).contains("stream 1");
            // the writer that failed let go of the connection: a request after it is still answered (its HEADERS:
            // the client's windows are 0, so no DATA)
            c.get(3, "/after");
            RawFrame next = c.waitFor(HEADERS);
            assertThat(next).as("HEADERS for stream 3 after the writer failed: the connection still serves (a writer that "
                    + "fails while holding the connection's lock stops it for good)").isNotNull();
            assertThat(next.stream()).isEqualTo(3);
            assertThat(next.decoded().status().toString()).isEqualTo("404");
        }
    }

    @Test
    @DisplayName("a tunnel's write that gets no credit for the stall timeout: the stream is given up with RST_STREAM CANCEL "
            + "(RFC 8441 §5: a broken TCP connection is CANCEL), and the write fails with a StreamResetException (CANCEL, by the "
            + "server), not as if its octets were sent")
    void stalledWriteFails() throws Exception {
        CompletableFuture<Throwable> write = new CompletableFuture<>();
        Handler handler = r -> r.protocol() != null
                ? Response.tunnel((in, out) -> write.complete(failure(() -> out.write(new byte[1000]))))
                : Response.text(404, "no");
        ServerSettings settings = ServerSettings.defaults().withConnectProtocol(true)
                .withTimeouts(java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(1), java.time.Duration.ofMillis(500));
        try (TestServer server = TestServer.start(handler, settings);
             H2Client c = H2Client.connect("5.20 stalled write", server.port()).handshake(0x4, 0)) {
            c.headers(1, false, true, connect("/tunnel"));
            assertThat(c.waitFor(HEADERS).decoded().status().toString()).isEqualTo("200");
            c.expectReset(1, 0x8, "RST_STREAM for the tunnel whose write got no credit for the stall timeout (0.5 s)");
            Throwable failed = await(write, "the write that got no credit");
            assertThat(failed).as("the write the stall gave up: it fails, typed, rather than return as if its 1,000 octets were sent ("
                    + failed + ")").isInstanceOf(StreamResetException.class);
            assertReset(failed, ErrorCode.CANCEL, false);
        }
    }

    @Test
    @DisplayName("the client closes the connection while two writes of a tunnel wait for credit, one on the tunnel's own thread "
            + "and one on another: both fail at once with an IOException naming the stream, and so does a later write (the "
            + "connection's end ends its streams: RFC 9113 §5.1, \"An endpoint MUST NOT send frames other than PRIORITY on a "
            + "closed stream\"; the credit they wait for can no longer come)")
    void connectionEndFailsWaitingWrites() throws Exception {
        CompletableFuture<Throwable> own = new CompletableFuture<>();
        CompletableFuture<Throwable> other = new CompletableFuture<>();
        CompletableFuture<Throwable> later = new CompletableFuture<>();
        Handler handler = r -> r.protocol() != null
                ? Response.tunnel((in, out) -> {
                    Thread.ofVirtual().start(() -> other.complete(failure(() -> out.write(new byte[1000]))));
                    own.complete(failure(() -> out.write(new byte[1000]))); // the stream's window is 0: both wait
                    later.complete(failure(() -> out.write(new byte[10])));
                })
                : Response.text(404, "no");
        try (TestServer server = TestServer.start(handler, ServerSettings.defaults().withConnectProtocol(true))) {
            try (H2Client c = H2Client.connect("5.20 connection end fails waiting writes", server.port()).handshake(0x4, 0)) {
                c.headers(1, false, true, connect("/tunnel"));
                assertThat(c.waitFor(HEADERS).decoded().status().toString()).isEqualTo("200");
                java.util.concurrent.locks.LockSupport.parkNanos(300_000_000); // both writes wait for credit
            } // the client closes its socket: the connection ends
            for (var w : List.of(java.util.Map.entry("the write on the tunnel's own thread", own),
                    java.util.Map.entry("the write on another thread", other), java.util.Map.entry("a write after them", later))) {
                Throwable failed;
                try {
                    failed = w.getValue().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError(w.getKey() + " still waited 5 s after the connection closed (the stall timeout being 30 s)");
                }
                assertThat(failed).as(w.getKey() + " after the connection's end: an IOException (" + failed + ")")
                        .isInstanceOf(java.io.IOException.class);
                assertThat(failed.getMessage()).as(w.getKey() + ": the exception names the stream").contains("stream 1");
            }
        }
    }

    @Test
    @DisplayName("what the tunnel writes arrives as written: an octet written alone (write(int)) is sent, and a write of no octets "
            + "sends no frame (RFC 9113 §10.5: \"Large numbers of small or empty frames can be abused to cause a peer to expend "
            + "time processing frame headers\"; only the END_STREAM may come on an empty DATA frame)")
    void tunnelOutputAsWritten() throws Exception {
        Handler handler = r -> r.protocol() != null
                ? Response.tunnel((in, out) -> {
                    out.write('b');
                    out.write(new byte[0]);
                    out.write(new byte[8], 8, 0);
                    out.write("ye".getBytes(StandardCharsets.UTF_8));
                })
                : Response.text(404, "no");
        try (TestServer server = TestServer.start(handler, ServerSettings.defaults().withConnectProtocol(true));
             H2Client c = H2Client.connect("5.20 tunnel output as written", server.port()).handshake()) {
            c.headers(1, false, true, connect("/tunnel"));
            assertThat(c.waitFor(HEADERS).decoded().status().toString()).isEqualTo("200");
            StringBuilder got = new StringBuilder();
            List<RawFrame> data = new ArrayList<>();
            while (true) {
                RawFrame f = c.waitFor(DATA);
                assertThat(f).as("DATA until END_STREAM (so far %s)", data).isNotNull();
                data.add(f);
                got.append(new String(f.payload(), StandardCharsets.UTF_8));
                if (f.has(END_STREAM)) {
                    break;
                }
            }
            assertThat(got.toString()).as("the tunnel's octets: 'b' by write(int), then \"ye\"").isEqualTo("bye");
            assertThat(data).as("DATA frames of no octets without END_STREAM (the writes of no octets)")
                    .noneMatch(f -> f.payload().length == 0 && !f.has(END_STREAM));
        }
    }

    @Test
    @DisplayName("a write after the client's RST_STREAM fails with a StreamResetException (the client's code, stream 1, by the client) and sends nothing: no frame of the stream follows (RFC 9113 §6.4, §5.1)")
    void writeAfterClientReset() throws Exception {
        CompletableFuture<Throwable> read = new CompletableFuture<>();
        CompletableFuture<Throwable> write = new CompletableFuture<>();
        Handler handler = r -> r.protocol() != null
                ? Response.tunnel((in, out) -> {
                    byte[] buf = new byte[64];
                    int n = in.read(buf);
                    out.write(("got " + n).getBytes(StandardCharsets.UTF_8));
                    read.complete(failure(() -> in.read(buf))); // blocked until the RST_STREAM
                    write.complete(failure(() -> out.write("after the reset".getBytes(StandardCharsets.UTF_8))));
                })
                : Response.text(404, "no");
        try (TestServer server = TestServer.start(handler, ServerSettings.defaults().withConnectProtocol(true));
             H2Client c = H2Client.connect("5.20 write after the client's reset", server.port()).handshake()) {
            c.headers(1, false, true, connect("/tunnel"));
            assertThat(c.waitFor(HEADERS).decoded().status().toString()).isEqualTo("200");
            c.data(1, "hello", false);
            assertThat(new String(c.waitFor(DATA).payload(), StandardCharsets.UTF_8)).isEqualTo("got 5");
            c.rst(1, 0x8);
            assertThat(await(read, "the read blocked when RST_STREAM came")).isInstanceOf(StreamResetException.class);
            Throwable failed = await(write, "the write after the reset");
            assertThat(failed).as("the write after the client's RST_STREAM: a StreamResetException, like the read (" + failed + ")")
                    .isInstanceOf(StreamResetException.class);
            assertReset(failed, ErrorCode.CANCEL, true);
            assertNoFrameOf(1, framesBeforePingAck(c));
        }
    }

    @Test
    @DisplayName("a client that overruns a tunnel's stream window: RST_STREAM FLOW_CONTROL_ERROR (RFC 9113 §6.9.1, §5.4.2); the tunnel's reader and writer fail with a StreamResetException (by the server), nothing more is sent on the stream (§5.1), the connection window its DATA used comes back (§6.9), its place is free and the connection serves the next stream")
    void streamErrorResetsTheTunnel() throws Exception {
        CompletableFuture<Thread> worker = new CompletableFuture<>();
        CompletableFuture<Throwable> read = new CompletableFuture<>();
        CompletableFuture<Throwable> write = new CompletableFuture<>();
        Handler handler = r -> r.protocol() == null ? Response.text(404, "no")
                : r.path().equals("/echo") ? Response.tunnel(ExtendedConnectTest::echo)
                : Response.tunnel((in, out) -> {
                    worker.complete(Thread.currentThread());
                    out.write("ready".getBytes(StandardCharsets.UTF_8));
                    read.complete(failure(() -> in.read(new byte[64]))); // blocked until the stream error
                    write.complete(failure(() -> out.write("after the reset".getBytes(StandardCharsets.UTF_8))));
                });
        ServerSettings d = ServerSettings.defaults().withConnectProtocol(true).withMaxConcurrentStreams(1).withInitialWindowSize(1024);
        // the connection's window left at 65,535: WINDOW_UPDATE on stream 0 once 32,768 octets are used
        ServerSettings settings = new ServerSettings(d.maxConcurrentStreams(), d.initialWindowSize(), 65_535, d.headerTableSize(),
                d.maxHeaderListSize(), d.enableConnectProtocol(), d.maxBodySize(), d.settingsTimeout(), d.idleTimeout(),
                d.stallTimeout(), d.floodWindow(), d.maxResets(), d.maxControlFrames(), d.maxHeaderBlockSize());
        try (TestServer server = TestServer.start(handler, settings);
             H2Client c = H2Client.connect("5.20 stream error resets the tunnel", server.port()).handshake()) {
            c.headers(1, false, true, connect("/overrun"));
            assertThat(c.waitFor(HEADERS).decoded().status().toString()).isEqualTo("200");
            assertThat(new String(c.waitFor(DATA).payload(), StandardCharsets.UTF_8)).isEqualTo("ready");
            // 1,025 octets into a window of 1,024, then two more DATA frames a real client would have
            // in flight before it sees the RST_STREAM: the server ignores them but counts them (§6.9)
            c.send(DATA, 0, 1, new byte[1025]);
            c.send(DATA, 0, 1, new byte[16_000]);
            c.send(DATA, 0, 1, new byte[16_000]);
            c.expectReset(1, 0x3, "RST_STREAM for the stream whose window was overrun (RFC 9113 §6.9.1, a stream error)");
            Throwable readFailure = await(read, "the read blocked when the server reset the stream");
            assertThat(readFailure).as("the tunnel's blocked read (" + readFailure + ")").isInstanceOf(StreamResetException.class);
            assertReset(readFailure, ErrorCode.FLOW_CONTROL_ERROR, false);
            Throwable writeFailure = await(write, "the write after the server's RST_STREAM");
            assertThat(writeFailure).as("the write after the server's RST_STREAM (" + writeFailure + ")").isInstanceOf(StreamResetException.class);
            assertReset(writeFailure, ErrorCode.FLOW_CONTROL_ERROR, false);
            List<RawFrame> after = framesBeforePingAck(c);
            assertNoFrameOf(1, after);
            long credit = after.stream().filter(f -> f.type() == WINDOW_UPDATE && f.stream() == 0)
                    .mapToLong(f -> java.nio.ByteBuffer.wrap(f.payload()).getInt()).sum();
            assertThat(credit).as("WINDOW_UPDATE on stream 0 for the 33,025 octets of DATA on the reset stream (frames after the RST_STREAM: " + after + ")")
                    .isEqualTo(33_025);
            assertServedAfter(worker, c, 3);
        }
    }

    @Test
    @DisplayName("a tunnel that fails (the application aborts it): RST_STREAM CANCEL (RFC 8441 §5); a read and a write of it on other threads fail with a StreamResetException (CANCEL, by the server), nothing more is sent on the stream (RFC 9113 §5.1), its place is free and the connection serves the next stream")
    void abortedTunnel() throws Exception {
        CompletableFuture<Thread> worker = new CompletableFuture<>();
        CompletableFuture<Throwable> read = new CompletableFuture<>();
        CompletableFuture<Throwable> write = new CompletableFuture<>();
        Handler handler = r -> r.protocol() == null ? Response.text(404, "no")
                : r.path().equals("/echo") ? Response.tunnel(ExtendedConnectTest::echo)
                : Response.tunnel((in, out) -> {
                    // the capstone's shape: a reader thread, a writer thread, and the tunnel's own thread, which gives up
                    worker.complete(Thread.currentThread());
                    Thread.ofVirtual().start(() -> read.complete(failure(() -> in.read(new byte[64]))));
                    Thread.ofVirtual().start(() -> {
                        try {
                            read.get(5, TimeUnit.SECONDS); // the reader woke: the stream was reset
                        } catch (Exception e) {
                            // judged by the test: the write goes ahead anyway
                        }
                        write.complete(failure(() -> out.write("after the abort".getBytes(StandardCharsets.UTF_8))));
                    });
                    out.write("ready".getBytes(StandardCharsets.UTF_8));
                    throw new java.io.IOException("the application gives the tunnel up");
                });
        try (TestServer server = TestServer.start(handler, ServerSettings.defaults().withConnectProtocol(true).withMaxConcurrentStreams(1));
             H2Client c = H2Client.connect("5.20 aborted tunnel", server.port()).handshake()) {
            c.headers(1, false, true, connect("/abort"));
            assertThat(c.waitFor(HEADERS).decoded().status().toString()).isEqualTo("200");
            c.expectReset(1, 0x8, "RST_STREAM for the tunnel that failed (RFC 8441 §5: a TCP reset is RST_STREAM CANCEL)");
            Throwable readFailure = await(read, "the read of the aborted tunnel");
            assertThat(readFailure).as("the read of the aborted tunnel (" + readFailure + ")").isInstanceOf(StreamResetException.class);
            assertReset(readFailure, ErrorCode.CANCEL, false);
            Throwable writeFailure = await(write, "the write after the abort");
            assertThat(writeFailure).as("the write after the abort: the stream was reset, not just the output closed (" + writeFailure + ")")
                    .isInstanceOf(StreamResetException.class);
            assertReset(writeFailure, ErrorCode.CANCEL, false);
            assertNoFrameOf(1, framesBeforePingAck(c));
            assertServedAfter(worker, c, 3);
        }
    }

    @Test
    @DisplayName("RST_STREAM CANCEL while the tunnel's reader waits for DATA: the blocked read fails at once with a StreamResetException (the client's code, stream 1), and so does the next (RFC 9113 §6.4)")
    void resetWakesTheReader() throws Exception {
        // the capstone's WebSocket reader waits in exactly such a read; its chat member is released when it wakes
        CompletableFuture<Throwable> blocked = new CompletableFuture<>();
        CompletableFuture<Throwable> next = new CompletableFuture<>();
        Handler handler = r -> r.protocol() != null
                ? Response.tunnel((in, out) -> {
                    byte[] buf = new byte[64];
                    int n = in.read(buf);
                    out.write(("got " + n).getBytes(StandardCharsets.UTF_8)); // the client knows the next read waits
                    out.flush();
                    try {
                        in.read(buf);
                        blocked.complete(null);
                    } catch (Throwable e) {
                        blocked.complete(e);
                    }
                    try {
                        in.read(buf);
                        next.complete(null);
                    } catch (Throwable e) {
                        next.complete(e);
                    }
                })
                : Response.text(404, "no");
        try (TestServer server = TestServer.start(handler, ServerSettings.defaults().withConnectProtocol(true));
             H2Client c = H2Client.connect("5.20 reset wakes the reader", server.port()).handshake()) {
            c.headers(1, false, true, ":method", "CONNECT", ":protocol", "echo", ":scheme", "http", ":path", "/tunnel",
                    ":authority", "127.0.0.1");
            assertThat(c.waitFor(HEADERS).decoded().status().toString()).isEqualTo("200");
            c.data(1, "hello", false);
            RawFrame got = c.waitFor(DATA);
            assertThat(new String(got.payload(), StandardCharsets.UTF_8)).isEqualTo("got 5");
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000); // the tunnel is in its second read
            long reset = System.nanoTime();
            c.rst(1, 0x8);
            Throwable failed;
            try {
                failed = blocked.get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the read blocked when RST_STREAM came was still blocked 5 s later (RFC 9113 §6.4: "
                        + "RST_STREAM terminates the stream immediately)");
            }
            System.out.printf("5.20: the blocked read failed %.1f ms after RST_STREAM: %s%n", (System.nanoTime() - reset) / 1e6, failed);
            assertThat(failed).as("the blocked read's failure").isInstanceOf(StreamResetException.class);
            StreamResetException e = (StreamResetException) failed;
            assertThat(e.code()).as("the client's RST_STREAM code").isEqualTo(dev.netlab.http2.ErrorCode.CANCEL);
            assertThat(e.streamId()).as("the stream").isEqualTo(1);
            assertThat(e.byPeer()).as("reset by the client").isTrue();
            assertThat(next.get(5, TimeUnit.SECONDS)).as("a read after the reset fails the same way").isInstanceOf(StreamResetException.class);
        }
    }

    @Test
    @DisplayName("without SETTINGS_ENABLE_CONNECT_PROTOCOL, :protocol is malformed: RST_STREAM PROTOCOL_ERROR")
    void disabled() throws Exception {
        try (TestServer server = TestServer.start(r -> Response.text(200, "x"), ServerSettings.defaults());
             H2Client c = H2Client.connect("5.20 disabled", server.port()).handshake()) {
            assertThat(c.serverSettings.get(0x8)).isNull();
            c.headers(1, false, true, ":method", "CONNECT", ":protocol", "websocket", ":scheme", "http", ":path", "/",
                    ":authority", "127.0.0.1");
            ok(c.streamError(0x1));
        }
    }

    private static String[] connect(String path) {
        return new String[] {":method", "CONNECT", ":protocol", "echo", ":scheme", "http", ":path", path, ":authority", "127.0.0.1"};
    }

    private static void echo(java.io.InputStream in, java.io.OutputStream out) throws java.io.IOException {
        byte[] buf = new byte[1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
    }

    private interface IoAction {
        void run() throws java.io.IOException;
    }

    /** What {@code action} threw, or null. */
    private static Throwable failure(IoAction action) {
        try {
            action.run();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private static <T> T await(CompletableFuture<T> f, String what) throws Exception {
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " was still blocked 5 s after the RST_STREAM (RFC 9113 §6.4: RST_STREAM terminates the stream immediately)");
        }
    }

    private static void assertReset(Throwable failed, ErrorCode code, boolean byPeer) {
        StreamResetException e = (StreamResetException) failed;
        assertThat(e.streamId()).as("the stream").isEqualTo(1);
        assertThat(e.code()).as("the RST_STREAM's code").isEqualTo(code);
        assertThat(e.byPeer()).as(byPeer ? "reset by the client" : "reset by the server").isEqualTo(byPeer);
    }

    /** The frames the server sends before the ACK of a PING sent now: its writer sends in order. */
    private static List<RawFrame> framesBeforePingAck(H2Client c) throws java.io.IOException {
        c.ping(520L);
        List<RawFrame> seen = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            RawFrame f = c.expectFrame();
            if (f.type() == PING && f.has(ACK)) {
                return seen;
            }
            seen.add(f);
        }
        throw new AssertionError("no PING ACK among 1,000 frames: " + seen.subList(0, 10));
    }

    private static void assertNoFrameOf(int stream, List<RawFrame> frames) {
        assertThat(frames).as("frames of stream %d after its RST_STREAM, up to a PING's ACK (RFC 9113 §5.1: "
                        + "\"An endpoint MUST NOT send frames other than PRIORITY on a closed stream\")", stream)
                .noneMatch(f -> f.stream() == stream && f.type() != PRIORITY);
    }

    /**
     * Once the reset stream's worker has returned, stream {@code id} (SETTINGS_MAX_CONCURRENT_STREAMS
     * being 1) is served, not refused: the reset stream gave its place back (RFC 9113 §5.1.2).
     */
    private static void assertServedAfter(CompletableFuture<Thread> worker, H2Client c, int id) throws Exception {
        Thread t = worker.get(5, TimeUnit.SECONDS);
        t.join(java.time.Duration.ofSeconds(5));
        assertThat(t.isAlive()).as("the reset stream's worker returned").isFalse();
        c.headers(id, false, true, connect("/echo"));
        RawFrame answer = c.expectFrame();
        for (int i = 0; answer.stream() != id && i < 100; i++) {
            answer = c.expectFrame();
        }
        assertThat(answer.type()).as("stream %d answered with HEADERS, not refused (the reset stream's place is free): %s", id, answer)
                .isEqualTo(HEADERS);
        assertThat(answer.decoded().status().toString()).isEqualTo("200");
        c.data(id, "still serving", false);
        RawFrame echoed = c.waitFor(DATA);
        assertThat(echoed).as("the echo on stream %d", id).isNotNull();
        assertThat(echoed.stream()).isEqualTo(id);
        assertThat(new String(echoed.payload(), StandardCharsets.UTF_8)).isEqualTo("still serving");
    }
}
