package dev.netlab.http2.server;

import static dev.netlab.http2.server.H2Client.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Streams served concurrently (RFC 9113 §5: "A single HTTP/2 connection can contain multiple
 * concurrently open streams"). Mistakes it catches: handlers run one after another on the
 * reading thread (a slow one stalls all); responses interleaved in the middle of a field block;
 * a shared HPACK encoder used by two threads at once (blocks out of order: the client's decoder
 * fails); 1,000 streams at once more than the server can hold.
 */
@Checkpoint(id = "5.14", title = "Multiplexing: concurrent streams on virtual threads, a slow handler delays no other, 1,000 streams",
        edit = "dev/netlab/http2/server/Http2Connection.java",
        hint = "run each request's handler on its own virtual thread; encode and queue each field block under one lock so blocks reach the client in encoding order",
        readme = "#multiplexing")
class MultiplexingTest {
    @Test
    @DisplayName("a handler blocked on stream 1 delays nothing: streams 3 to 21 are answered first")
    void slowHandlerBlocksNoOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TestServer server = TestServer.start(r -> {
            if (r.path().equals("/slow")) {
                release.await(20, TimeUnit.SECONDS);
                return Response.text(200, "slow");
            }
            return Response.text(200, "fast " + r.path());
        }, ServerSettings.defaults()); H2Client c = H2Client.connect("5.14 slow", server.port()).handshake()) {
            c.get(1, "/slow");
            for (int id = 3; id <= 21; id += 2) {
                c.get(id, "/f" + id);
            }
            Set<Integer> answered = new HashSet<>();
            while (answered.size() < 10) {
                RawFrame f = c.expectFrame();
                assertThat(f.stream()).as("stream 1 waits for its handler").isNotEqualTo(1);
                if (f.type() == DATA && f.has(END_STREAM)) {
                    answered.add(f.stream());
                }
            }
            release.countDown();
            assertThat(c.answer(1).text()).isEqualTo("slow");
        }
    }

    @Test
    @DisplayName("1,000 concurrent streams on one connection: every handler runs at the same time, every answer decodes")
    void thousandStreams() throws Exception {
        int n = 1000;
        CountDownLatch all = new CountDownLatch(n);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        try (TestServer server = TestServer.start(r -> {
            peak.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            all.countDown();
            all.await(30, TimeUnit.SECONDS); // every handler waits until all 1,000 are running
            concurrent.decrementAndGet();
            return Response.text(200, "stream " + r.streamId() + " x-custom-" + (r.streamId() % 10));
        }, ServerSettings.defaults().withMaxConcurrentStreams(n)); H2Client c = H2Client.connect("5.14 thousand", server.port()).handshake()) {
            for (int i = 0; i < n; i++) {
                c.get(1 + 2 * i, "/s" + i);
            }
            Set<Integer> done = new HashSet<>();
            java.util.Map<Integer, java.io.ByteArrayOutputStream> bodies = new java.util.HashMap<>();
            while (done.size() < n) {
                RawFrame f = c.expectFrame();
                if (f.type() == HEADERS) {
                    assertThat(f.decoded().status().toString()).isEqualTo("200");
                } else if (f.type() == DATA) {
                    bodies.computeIfAbsent(f.stream(), k -> new java.io.ByteArrayOutputStream()).write(f.payload());
                    if (f.has(END_STREAM)) {
                        done.add(f.stream());
                    }
                } else {
                    assertThat(f.type()).as("no resets or GOAWAY: %s", f).isIn(SETTINGS, PING, WINDOW_UPDATE);
                }
            }
            assertThat(peak.get()).as("handlers running at once").isEqualTo(n);
            assertThat(bodies.get(1999).toString()).startsWith("stream 1999");
        }
    }
}
