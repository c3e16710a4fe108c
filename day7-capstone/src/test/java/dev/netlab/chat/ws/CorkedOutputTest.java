package dev.netlab.chat.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cork (given plumbing) on a transport that records each write it is handed: a run of
 * frames must reach the transport as one write, and nothing may be held past the send that
 * promised to follow. Mutants it kills (each applied by hand once): {@code flush()} held while
 * corked by any thread (a Ping written by another thread waits for the chat's next frame: row
 * 2), held bytes not written before a later write (frames out of order: row 2), no bound on what
 * is held (row 3), {@code close()} that drops what is held (row 4).
 */
class CorkedOutputTest {
    /** A transport that keeps every write and counts flushes. */
    private static final class Wire extends OutputStream {
        final List<String> writes = new ArrayList<>();
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        int flushes;
        boolean closed;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes.add(new String(b, off, len, StandardCharsets.ISO_8859_1));
            all.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** One frame as the engine writes it: header, payload, flush (a BufferedOutputStream's flush). */
    private static void frame(OutputStream out, String header, String payload) throws IOException {
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(payload.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    @DisplayName("a run of frames sent with 'more' reaches the transport as one write and one flush, made by the run's last send")
    void aRunIsOneWrite() throws IOException {
        Wire wire = new Wire();
        CorkedOutput out = new CorkedOutput(wire);
        for (String p : List.of("a", "b")) {
            out.corked(true);
            frame(out, "H", p);
            out.corked(false);
        }
        assertThat(wire.writes).as("nothing leaves while the writer promised more").isEmpty();
        frame(out, "H", "c"); // the run's last: not corked
        assertThat(wire.writes).containsExactly("HaHbHc");
        assertThat(wire.flushes).isEqualTo(1);
        frame(out, "H", "d"); // nothing held: written as it comes, no copy
        assertThat(wire.writes.subList(1, 3)).containsExactly("H", "d");
    }

    @Test
    @DisplayName("a frame another thread writes during the cork (a Ping) is never held, and takes the held frames along first, in order")
    void anotherThreadIsNeverHeld() throws Exception {
        Wire wire = new Wire();
        CorkedOutput out = new CorkedOutput(wire);
        out.corked(true);
        frame(out, "H", "chat");
        // the cork belongs to this thread; the ticker's Ping comes from another one (the engine's send lock orders them)
        Thread ping = Thread.ofVirtual().start(() -> {
            try {
                frame(out, "P", "");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        ping.join();
        assertThat(wire.all.toString(StandardCharsets.ISO_8859_1)).as("the held frame, then the Ping").isEqualTo("HchatP");
        assertThat(wire.flushes).isEqualTo(1);
        out.corked(false);
    }

    @Test
    @DisplayName("at most one TLS record's worth (2^14 octets) is held: a longer run is written as it crosses the bound, nothing lost or reordered")
    void heldIsBounded() throws IOException {
        Wire wire = new Wire();
        CorkedOutput out = new CorkedOutput(wire);
        StringBuilder expected = new StringBuilder();
        out.corked(true);
        for (int i = 0; i < 100; i++) {
            String payload = String.valueOf((char) ('a' + i % 26)).repeat(300);
            frame(out, "H", payload);
            expected.append('H').append(payload);
        }
        assertThat(wire.writes).as("30,100 octets held would be more than a record").isNotEmpty();
        assertThat(wire.writes).allSatisfy(w -> assertThat(w.length()).isLessThanOrEqualTo(CorkedOutput.MAX_HELD));
        out.corked(false);
        out.flush();
        assertThat(wire.all.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected.toString());
    }

    @Test
    @DisplayName("closing writes and flushes what is held before closing the transport")
    void closeFlushes() throws IOException {
        Wire wire = new Wire();
        CorkedOutput out = new CorkedOutput(wire);
        out.corked(true);
        frame(out, "H", "last");
        out.close();
        assertThat(wire.all.toString(StandardCharsets.ISO_8859_1)).isEqualTo("Hlast");
        assertThat(wire.flushes).isEqualTo(1);
        assertThat(wire.closed).isTrue();
    }
}
