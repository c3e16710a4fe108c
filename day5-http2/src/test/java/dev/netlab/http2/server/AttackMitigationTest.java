package dev.netlab.http2.server;

import static dev.netlab.http2.server.H2Client.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The attacks on HTTP/2 servers, each mounted for real (RFC 9113 §10.5: "An endpoint ... MUST
 * limit the resources that a peer can use"). Mistakes it catches: no count of client resets
 * (rapid reset, CVE-2023-44487: streams opened and reset at once never count against
 * MAX_CONCURRENT_STREAMS); a field block accumulated without bound across CONTINUATION frames
 * (CONTINUATION flood, 2024); an HPACK bomb expanded in memory; SETTINGS and PING answered
 * forever to a client that never reads; a response waiting forever for a window that never
 * opens (zero-window stall); a reset stream that gives its place back while its worker still runs
 * (a handler that goes on building its answer: rapid reset then starts a worker per reset stream,
 * whatever the reset budget, since attackers reconnect). Each time a normal client on another
 * connection is still served. Mutants run on the reference: client resets not counted fails
 * {@code rapidReset} (2026-12-05); closed streams with running workers not counted against the
 * stream limit fails {@code resetStreamsKeepTheirPlaceUntilTheirWorkersReturn} (60 handlers at once, 2026-12-06).
 * Found by a PIT run on the connection (2026-12-06): the field block limit off by one ({@code >=} for
 * {@code >}) or checked without the new fragment (a block one frame over the limit passes) fails
 * {@code continuationLimitIsExact}. Found by a PIT run of the flood counter (2026-12-07; their window is
 * measured by the settings' {@code floodClock}, which these rows move, so no sleep decides them): the
 * reset count off by one ({@code >=} for {@code >}), counted down, or its window never renewed (no
 * {@code roll()} in {@code reset}) fails {@code resetBudgetIsExactAndRenews}; the control-frame count off by
 * one, its window never renewed (no {@code roll()} in {@code control}) or renewed at every frame (the window's
 * test negated) fails {@code controlBudgetIsExactAndRenews} (the first two
 * survived while its PING's answer was taken from the ACK of an earlier PING). A hand-made mutant, the
 * window read from {@code System.nanoTime()} instead of the settings' clock, fails both. Found by a PIT run of
 * the connection's RST_STREAM handler (2026-12-07): a RST_STREAM on a stream no longer active ignored without
 * being counted (an unbounded flood of them) fails {@code resetsOfClosedStreamsAreCounted}, also by hand.
 * Found by PIT runs of the response writer and the connection's DATA handler (2026-12-07): a response given up
 * for a client that reads nothing without its RST_STREAM (the stream left open, {@code resetQuietly} removed)
 * fails {@code unreadResponseIsGivenUp}, a row for internal data buffering (CVE-2019-9517) that the writer's
 * unread-queue wait had none of; empty DATA frames not counted as control frames (the call removed, or the
 * test negated to count only the empty END_STREAM) fails {@code emptyDataFrames} (CVE-2019-9518).
 */
@Checkpoint(id = "5.16", title = "Attacks: rapid reset, CONTINUATION flood, HPACK bomb, control-frame floods, zero-window stall",
        edit = "dev/netlab/http2/server/Http2Connection.java",
        hint = "count resets and control frames per window of time, bound the field block across CONTINUATION, let the HPACK decoder drop fields past the list limit, time out a response that gets no credit",
        readme = "#attacks-and-their-mitigations")
class AttackMitigationTest {
    private static final ServerSettings GUARDED = ServerSettings.defaults()
            .withFloodLimits(Duration.ofSeconds(10), 100, 1000, 64 * 1024)
            .withTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMillis(500));

    /** The flood window of the budget rows, and where their clock starts (any value: only differences count). */
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final long START = 1_000_000_000_000L;

    private static void stillServes(TestServer server) throws Exception {
        try (H2Client normal = H2Client.connect("5.16 bystander", server.port()).handshake()) {
            normal.get(1, "/");
            assertThat(normal.answer(1).status()).as("a normal client is served meanwhile").isEqualTo(200);
        }
    }

    @Test
    @DisplayName("rapid reset (CVE-2023-44487): HEADERS + RST_STREAM in a loop ends with GOAWAY ENHANCE_YOUR_CALM")
    void rapidReset() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        try (TestServer server = TestServer.start(r -> {
            handled.incrementAndGet();
            Thread.sleep(1000);
            return Response.text(200, "late");
        }, GUARDED); H2Client c = H2Client.connect("5.16 rapid reset", server.port()).handshake()) {
            byte[] get = c.encode(common("GET", "/"));
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < 1000; i++) {
                int id = 1 + 2 * i;
                burst.write(frame(HEADERS, END_STREAM | END_HEADERS, id, i == 0 ? get : c.encode(common("GET", "/"))));
                burst.write(frame(RST_STREAM, 0, id, new byte[] {0, 0, 0, 8}));
            }
            c.sendRaw(burst.toByteArray());
            ok(c.connectionError(0xb));
            assertThat(handled.get()).as("handlers started for the reset streams").isLessThan(1000);
            stillServes(server);
        }
    }

    @Test
    @DisplayName("rapid reset of slow handlers: a reset stream keeps its place until its worker returns, so no more workers run than SETTINGS_MAX_CONCURRENT_STREAMS (RFC 9113 §5.1.2); past that, REFUSED_STREAM (§8.7)")
    void resetStreamsKeepTheirPlaceUntilTheirWorkersReturn() throws Exception {
        int limit = 8;
        int streams = 60; // under the reset budget (100 in 10 s): no GOAWAY, the bound alone must hold
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Handler slowAndDeaf = r -> {
            if (!r.path().equals("/slow")) {
                return Response.text(200, "quick");
            }
            started.incrementAndGet();
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                // a handler that builds its answer whatever it is told (told it is: interrupted), like
                // a page read and compressed for a stream the client has already reset
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (release.getCount() > 0 && System.nanoTime() < deadline) {
                    try {
                        release.await(100, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                    }
                }
            } finally {
                running.decrementAndGet();
            }
            return Response.text(200, "late");
        };
        try (TestServer server = TestServer.start(slowAndDeaf, GUARDED.withMaxConcurrentStreams(limit));
             H2Client c = H2Client.connect("5.16 resets of slow handlers", server.port()).handshake()) {
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < streams; i++) {
                int id = 1 + 2 * i;
                burst.write(frame(HEADERS, END_STREAM | END_HEADERS, id, c.encode(common("GET", "/slow"))));
                burst.write(frame(RST_STREAM, 0, id, new byte[] {0, 0, 0, 8}));
            }
            c.sendRaw(burst.toByteArray());
            int refused = 0;
            while (refused < streams - limit) {
                RawFrame f = c.waitFor(RST_STREAM);
                if (f == null) {
                    break;
                }
                refused += f.errorCode() == 0x7 ? 1 : 0;
            }
            assertThat(refused).as("streams refused with REFUSED_STREAM (0x7) once %d workers ran", limit).isEqualTo(streams - limit);
            assertThat(most.get()).as("handlers running at once (the bound is SETTINGS_MAX_CONCURRENT_STREAMS)").isLessThanOrEqualTo(limit);
            // the workers of the 8 streams that kept their place may start after the refusals went out (a loaded
            // machine: seen once, 4 of 8 started at this point); a server may also skip a handler whose stream was
            // reset before it began. What must hold: never more than the limit, and each one started is told.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((started.get() < limit || interrupted.get() < started.get()) && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(started.get()).as("handlers started for %d reset streams", streams).isBetween(1, limit);
            assertThat(most.get()).as("handlers running at once (the bound is SETTINGS_MAX_CONCURRENT_STREAMS)").isLessThanOrEqualTo(limit);
            assertThat(interrupted.get()).as("workers told (interrupted) that their stream was reset").isEqualTo(started.get());
            stillServes(server);
            release.countDown();
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (running.get() > 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            int next = 1 + 2 * streams;
            c.get(next, "/");
            assertThat(c.answer(next).status()).as("once the workers returned, their places are free again").isEqualTo(200);
        }
    }

    static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        java.nio.ByteBuffer.wrap(f, 5, 4).putInt(stream);
        System.arraycopy(payload, 0, f, 9, payload.length);
        return f;
    }

    @Test
    @DisplayName("CONTINUATION flood: a field block that never ends is cut off at the block limit with GOAWAY ENHANCE_YOUR_CALM")
    void continuationFlood() throws Exception {
        try (TestServer server = TestServer.start(r -> Response.text(200, "x"), GUARDED);
             H2Client c = H2Client.connect("5.16 continuation flood", server.port()).handshake()) {
            c.send(HEADERS, END_STREAM, 1, c.encode(common("GET", "/")));
            byte[] junk = new byte[16_384];
            java.util.Arrays.fill(junk, (byte) 0x40); // never-ending literal headers
            for (int i = 0; i < 64 && !c.closed; i++) {
                c.send(CONTINUATION, 0, 1, junk);
            }
            ok(c.connectionError(0xb));
            stillServes(server);
        }
    }

    @Test
    @DisplayName("the field block limit is exact: a block of exactly the limit across HEADERS + CONTINUATION is answered, "
            + "one octet more is GOAWAY ENHANCE_YOUR_CALM")
    void continuationLimitIsExact() throws Exception {
        // a field block written out (RFC 7541 §6.1, §6.2.2): :method GET, :path /, :scheme http (static
        // table 2, 4, 6), :authority localhost (name index 1, without indexing), x-pad: 100 octets (new name)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x82, (byte) 0x84, (byte) 0x86, 0x01, 9});
        out.writeBytes("localhost".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {0x00, 5});
        out.writeBytes("x-pad".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(100);
        out.writeBytes("p".repeat(100).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] block = out.toByteArray();
        int half = block.length / 2;
        for (int limit : new int[] {block.length, block.length - 1}) {
            ServerSettings limited = ServerSettings.defaults().withFloodLimits(Duration.ofSeconds(10), 100, 1000, limit);
            try (TestServer server = TestServer.start(r -> Response.text(200, "x"), limited);
                 H2Client c = H2Client.connect("5.16 continuation limit " + limit, server.port()).handshake()) {
                c.send(HEADERS, END_STREAM, 1, java.util.Arrays.copyOf(block, half));
                c.send(CONTINUATION, END_HEADERS, 1, java.util.Arrays.copyOfRange(block, half, block.length));
                if (limit == block.length) {
                    assertThat(c.answer(1).status()).as("a field block of exactly the limit, %d octets", limit).isEqualTo(200);
                } else {
                    RawFrame goAway = c.waitFor(GOAWAY);
                    assertThat(goAway).as("GOAWAY for a field block of %d octets, one over the limit", block.length).isNotNull();
                    assertThat(goAway.errorCode()).as("ENHANCE_YOUR_CALM").isEqualTo(0xb);
                }
            }
        }
    }

    @Test
    @DisplayName("empty CONTINUATION frames in a loop are a flood too")
    void emptyContinuations() throws Exception {
        try (TestServer server = TestServer.start(r -> Response.text(200, "x"), GUARDED);
             H2Client c = H2Client.connect("5.16 empty continuations", server.port()).handshake()) {
            c.send(HEADERS, END_STREAM, 1, c.encode(common("GET", "/")));
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < 5000; i++) {
                burst.write(frame(CONTINUATION, 0, 1, new byte[0]));
            }
            c.sendRaw(burst.toByteArray());
            ok(c.connectionError(0xb));
        }
    }

    @Test
    @DisplayName("empty DATA frames in a loop are a flood too (empty frames flood, CVE-2019-9518; RFC 9113 §10.5: \"Large numbers "
            + "of small or empty frames can be abused to cause a peer to expend time processing frame headers\"): GOAWAY "
            + "ENHANCE_YOUR_CALM")
    void emptyDataFrames() throws Exception {
        try (TestServer server = TestServer.start(r -> Response.text(200, "x"), GUARDED);
             H2Client c = H2Client.connect("5.16 empty DATA", server.port()).handshake()) {
            c.headers(1, false, true, common("POST", "/")); // a request whose content never comes
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int i = 0; i < 5000; i++) {
                burst.write(frame(DATA, 0, 1, new byte[0]));
            }
            c.sendRaw(burst.toByteArray());
            ok(c.connectionError(0xb));
        }
    }

    @Test
    @DisplayName("HPACK bomb: one 4 KB table entry referenced 16,000 times is answered 431, and the connection goes on")
    void hpackBomb() throws Exception {
        try (TestServer server = TestServer.start(r -> Response.text(200, "x"), GUARDED.withMaxHeaderListSize(16 * 1024));
             H2Client c = H2Client.connect("5.16 hpack bomb", server.port()).handshake()) {
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.write(c.encode(common("GET", "/")));
            block.write(new byte[] {0x40, 0x01, 'x', 0x7f, (byte) 0x81, 0x1e}); // literal with indexing, name "x", value length 127 + 1 + 30*128 = 3968
            block.write("y".repeat(3968).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < 16_000; i++) {
                block.write(0xbe); // index 62: the entry just added
            }
            byte[] b = block.toByteArray();
            c.send(HEADERS, END_STREAM, 1, java.util.Arrays.copyOfRange(b, 0, 16_384));
            c.send(CONTINUATION, END_HEADERS, 1, java.util.Arrays.copyOfRange(b, 16_384, b.length));
            assertThat(c.answer(1).status()).isEqualTo(431);
            c.get(3, "/");
            assertThat(c.answer(3).status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("PING and SETTINGS floods from a client that never reads: GOAWAY ENHANCE_YOUR_CALM or a closed connection")
    void controlFloods() throws Exception {
        try (TestServer server = TestServer.start(r -> Response.text(200, "x"), GUARDED)) {
            for (int kind : new int[] {PING, SETTINGS}) {
                try (H2Client c = H2Client.connect("5.16 flood " + kind, server.port()).handshake()) {
                    ByteArrayOutputStream burst = new ByteArrayOutputStream();
                    for (int i = 0; i < 2000; i++) {
                        burst.write(frame(kind, 0, 0, kind == PING ? new byte[8] : new byte[0]));
                    }
                    c.sendRaw(burst.toByteArray());
                    ok(c.connectionError(0xb));
                }
            }
            stillServes(server);
        }
    }

    @Test
    @DisplayName("the reset budget is exact and renews each window (RFC 9113 §10.5: \"An endpoint ... MUST limit the resources "
            + "that a peer can use\"): 5 resets in a window of 10 s pass, and again 5 in the next window; the 6th in one window "
            + "is GOAWAY ENHANCE_YOUR_CALM (the window is measured by the settings' floodClock, which the test moves)")
    void resetBudgetIsExactAndRenews() throws Exception {
        AtomicLong now = new AtomicLong(START);
        ServerSettings budget = ServerSettings.defaults().withFloodLimits(WINDOW, 5, 1000, 64 * 1024).withFloodClock(now::get);
        try (TestServer server = TestServer.start(r -> Response.text(200, "x"), budget);
             H2Client c = H2Client.connect("5.16 reset budget", server.port()).handshake()) {
            int id = 1;
            id = openAndReset(c, id, 5);
            assertThat(pingAnswered(c)).as("the connection after 5 resets, the budget (a count off by one ends it at the 5th)").isTrue();
            now.addAndGet(WINDOW.toNanos() + 1); // past the window: the count starts again
            id = openAndReset(c, id, 5);
            assertThat(pingAnswered(c)).as("the connection after 5 more resets in the next window "
                    + "(a count that never decays, or a window read from another clock, ends it here, at the 6th of the connection)").isTrue();
            openAndReset(c, id, 1);
            ok(c.connectionError(0xb)); // the 6th in this window (a window that stops renewing never counts past 1)
        }
    }

    @Test
    @DisplayName("the control-frame budget is exact and renews each window (RFC 9113 §10.5): the client's SETTINGS and 9 PINGs "
            + "in a window of 10 s pass (10, the budget), and 10 PINGs in the next window; the 11th in one window is GOAWAY "
            + "ENHANCE_YOUR_CALM (the window is measured by the settings' floodClock, which the test moves)")
    void controlBudgetIsExactAndRenews() throws Exception {
        AtomicLong now = new AtomicLong(START);
        ServerSettings budget = ServerSettings.defaults().withFloodLimits(WINDOW, 100, 10, 64 * 1024).withFloodClock(now::get);
        try (TestServer server = TestServer.start(r -> Response.text(200, "x"), budget);
             H2Client c = H2Client.connect("5.16 control budget", server.port()).handshake()) {
            for (int i = 0; i < 8; i++) {
                c.ping(i);
            }
            // the handshake's SETTINGS, 8 PINGs and this one: 10 control frames, the budget
            assertThat(pingAnswered(c)).as("the connection after 10 control frames, the budget (a count off by one ends it at the 10th)").isTrue();
            now.addAndGet(WINDOW.toNanos() + 1); // past the window: the count starts again
            for (int i = 0; i < 9; i++) {
                c.ping(i);
            }
            assertThat(pingAnswered(c)).as("the connection after 10 more PINGs in the next window "
                    + "(a count that never decays, or a window read from another clock, ends it at the 11th of the connection)").isTrue();
            c.ping(11);
            ok(c.connectionError(0xb)); // the 11th in this window (a window that stops renewing never counts past 1)
        }
    }

    @Test
    @DisplayName("RST_STREAM frames on a closed stream count as control frames (RFC 9113 §10.5: \"An endpoint ... MUST limit the "
            + "resources that a peer can use\"; §5.1 lets it ignore them, not count them out): the client's SETTINGS and 10 of "
            + "them on an answered stream, 11 in a budget of 10, are GOAWAY ENHANCE_YOUR_CALM")
    void resetsOfClosedStreamsAreCounted() throws Exception {
        AtomicLong now = new AtomicLong(START);
        ServerSettings budget = ServerSettings.defaults().withFloodLimits(WINDOW, 100, 10, 64 * 1024).withFloodClock(now::get);
        try (TestServer server = TestServer.start(r -> Response.text(200, "x"), budget);
             H2Client c = H2Client.connect("5.16 resets of a closed stream", server.port()).handshake()) {
            c.get(1, "/");
            assertThat(c.answer(1).status()).isEqualTo(200);
            for (int i = 0; i < 10; i++) {
                c.rst(1, 0x8);
            }
            ok(c.connectionError(0xb));
        }
    }

    /** Opens {@code n} streams from {@code id} on (HEADERS without END_STREAM: no worker starts) and resets each. */
    private static int openAndReset(H2Client c, int id, int n) throws java.io.IOException {
        for (int i = 0; i < n; i++, id += 2) {
            c.headers(id, false, true, common("POST", "/"));
            c.rst(id, 0x8);
        }
        return id;
    }

    /**
     * Sends a PING and reads up to its ACK: false when the connection ended first (a GOAWAY, a close).
     * Only the ACK of this PING counts (its opaque data, RFC 9113 §6.7): the ACKs of PINGs sent before
     * it say nothing of the frames after them.
     */
    private static boolean pingAnswered(H2Client c) throws java.io.IOException {
        long data = 0x5165_0000_0516L;
        c.ping(data);
        for (int i = 0; i < 1000; i++) {
            Event e = c.next(TIMEOUT);
            if (!(e instanceof FrameEvent f)) {
                return false;
            }
            if (f.frame().type() == GOAWAY) {
                return false;
            }
            if (f.frame().type() == PING && f.frame().has(ACK) && java.nio.ByteBuffer.wrap(f.frame().payload()).getLong() == data) {
                return true;
            }
        }
        return false;
    }

    @Test
    @DisplayName("a client that opens both windows wide but reads nothing from its socket (internal data buffering, CVE-2019-9517): "
            + "the response is not queued without bound, its stream is given up after the stall timeout (RFC 9113 §10.5: \"An "
            + "endpoint ... MUST limit the resources that a peer can use\")")
    void unreadResponseIsGivenUp() throws Exception {
        byte[] content = new byte[24 << 20]; // far more than loopback's socket buffers hold
        try (TestServer server = TestServer.start(r -> r.path().equals("/big")
                ? Response.of(200, "application/octet-stream", content) : Response.text(200, "small\n"), GUARDED);
             H2Client c = H2Client.connect("5.16 reads nothing", server.port()).handshake(0x4, 0x7fff_ffff)) {
            c.windowUpdate(0, 0x7fff_ffff - 65_535); // the connection's window as wide as it goes
            c.get(1, "/big");
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3)); // reads nothing: 6 stall timeouts
            long octets = 0;
            String end = null; // the stream given up (RST_STREAM), the connection given up (GOAWAY, closed), or all sent
            for (int i = 0; i < 4_000 && end == null; i++) {
                Event e = c.next(TIMEOUT);
                if (e instanceof Closed) {
                    end = "the connection closed";
                } else if (e instanceof FrameEvent fe) {
                    RawFrame f = fe.frame();
                    if (f.stream() == 1 && f.type() == DATA) {
                        octets += f.payload().length;
                    }
                    if (f.type() == GOAWAY || f.stream() == 1 && (f.type() == RST_STREAM || f.type() == DATA && f.has(END_STREAM))) {
                        end = f.toString();
                        if (f.type() == DATA) {
                            throw new AssertionError("all " + content.length + " octets arrived with END_STREAM: the server queued "
                                    + "the response for a client that read nothing for 3 s (the stall timeout being 0.5 s)");
                        }
                    }
                } else {
                    throw new AssertionError("nothing more from the server after " + octets + " octets of DATA, neither the stream's "
                            + "RST_STREAM nor GOAWAY: the stalled response was dropped without a word, its stream left open");
                }
            }
            assertThat(end).as("the end of stream 1 among 4,000 frames (%d octets of DATA)", octets).isNotNull();
            stillServes(server);
        }
    }

    @Test
    @DisplayName("zero-window stall: a client that gives no credit has the response given up (RST_STREAM) after the stall timeout")
    void zeroWindowStall() throws Exception {
        try (TestServer server = TestServer.start(r -> Response.of(200, "application/octet-stream", new byte[100_000]), GUARDED);
             H2Client c = H2Client.connect("5.16 zero window", server.port()).handshake(0x4, 0)) {
            c.get(1, "/");
            assertThat(c.waitFor(HEADERS)).isNotNull();
            c.expectReset(1, 0x8, "the stalled stream is reset");
            stillServes(server);
        }
    }
}
