package dev.netlab.kit.transcript;

import dev.netlab.kit.transcript.Transcript.Chunk;
import dev.netlab.kit.transcript.Transcript.Direction;
import dev.netlab.kit.transcript.Transcript.Offense;
import dev.netlab.kit.transcript.Transcript.Transport;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A transcript as text for a failing checkpoint:
 *
 * <pre>
 * transcript http-get: TCP 127.0.0.1:40001 → 127.0.0.1:8080
 * → client → server  18 bytes  +0.000 s
 *     GET / HTTP/1.1\n
 *                   ^
 * first offending byte: client → server offset 14 (the request line must end with CRLF)
 * ← server → client  closed  +0.004 s
 * reproduce by hand: curl -v http://127.0.0.1:8080/
 * </pre>
 *
 * Each chunk is a block: its direction, length and time since the first chunk, then its
 * bytes indented — escaped text one line per input line, or a hex dump when the chunk is
 * mostly binary (see {@link ChunkRenderer}). Closes appear where they happened. At most
 * {@code maxBytesPerDirection} bytes are shown each way; the rest is counted in a
 * {@code ... N more bytes} line.
 */
public final class TranscriptFormatter {
    private TranscriptFormatter() {}

    /** How many bytes each way {@link #format(Transcript)} shows. */
    public static final int DEFAULT_MAX_BYTES_PER_DIRECTION = 4_096;
    private static final String INDENT = "    ";

    public static String format(Transcript t) {
        return format(t, DEFAULT_MAX_BYTES_PER_DIRECTION);
    }

    public static String format(Transcript t, int maxBytesPerDirection) {
        return new Run(t, maxBytesPerDirection).text();
    }

    /** One formatting pass: the per-direction offsets and budgets it tracks. */
    private static final class Run {
        private final Transcript t;
        private final int max;
        private final Optional<Offense> offense;
        private final StringBuilder out = new StringBuilder();
        private final long[] offset = new long[2];
        private final long[] total = new long[2];
        private final boolean[] cut = new boolean[2];
        private final boolean[] closeShown = new boolean[2];
        private boolean offenseShown;
        private Instant start;

        Run(Transcript t, int maxBytesPerDirection) {
            this.t = t;
            this.max = Math.max(0, maxBytesPerDirection);
            this.offense = t.offense();
            for (Direction d : Direction.values()) {
                total[d.ordinal()] = t.bytes(d).length;
            }
        }

        String text() {
            line("transcript " + t.name() + ": " + t.transport() + " " + address(t.client()) + " → "
                    + address(t.server()));
            List<Chunk> chunks = t.chunks();
            start = firstEvent(chunks);
            if (chunks.isEmpty()) {
                line(INDENT + "(no bytes exchanged)");
            }
            for (Chunk c : chunks) {
                closesBefore(c.time());
                chunk(c);
            }
            closesBefore(null);
            offense.filter(o -> !offenseShown).ifPresent(o -> offenseLine(o, " (not shown above)"));
            t.reproduce().ifPresent(cmd -> line("reproduce by hand: " + cmd));
            return out.toString();
        }

        private void chunk(Chunk c) {
            Direction d = c.direction();
            int i = d.ordinal();
            long from = offset[i];
            offset[i] += c.length();
            if (cut[i]) {
                return;
            }
            byte[] bytes = c.bytes();
            int shown = (int) Math.max(0, Math.min(c.length(), max - from));
            String size = c.length() == 0 && t.transport() == Transport.UDP ? "an empty datagram"
                    : c.length() + (c.length() == 1 ? " byte" : " bytes");
            line(d.arrow() + " " + d.label() + "  " + size + "  " + since(c.time()));
            int caret = caretIn(d, from, shown);
            for (String l : ChunkRenderer.render(bytes, shown, caret)) {
                line(INDENT + l);
            }
            if (caret >= 0) {
                offenseShown = true;
                offenseLine(offense.orElseThrow(), "");
            }
            if (shown < c.length()) {
                cut[i] = true;
                line(INDENT + "... " + (total[i] - from - shown) + " more bytes " + d.label() + " not shown");
            }
        }

        /** The index in this chunk's shown bytes that gets the caret, or -1. */
        private int caretIn(Direction d, long from, int shown) {
            if (offense.isEmpty() || offense.get().direction() != d || offenseShown) {
                return -1;
            }
            long at = offense.get().offset() - from;
            boolean inside = at >= 0 && at < shown;
            // one past the last byte sent that way: the byte that never came
            boolean atEnd = at == shown && from + shown == total[d.ordinal()];
            return inside || atEnd ? (int) at : -1;
        }

        private void closesBefore(Instant time) {
            for (Direction d : Direction.values()) {
                Optional<Instant> at = t.closedAt(d);
                if (closeShown[d.ordinal()] || !t.isClosed(d)) {
                    continue;
                }
                if (time == null || (at.isPresent() && at.get().isBefore(time))) {
                    closeShown[d.ordinal()] = true;
                    line(d.arrow() + " " + d.label() + "  closed" + at.map(a -> "  " + since(a)).orElse(""));
                }
            }
        }

        private Instant firstEvent(List<Chunk> chunks) {
            Instant first = chunks.isEmpty() ? null : chunks.get(0).time();
            for (Direction d : Direction.values()) {
                Instant at = t.closedAt(d).orElse(null);
                if (at != null && (first == null || at.isBefore(first))) {
                    first = at;
                }
            }
            return first;
        }

        private void offenseLine(Offense o, String note) {
            line("first offending byte: " + o.direction().label() + " offset " + o.offset() + " (" + o.why() + ")" + note);
        }

        private String since(Instant time) {
            Duration d = Duration.between(start, time);
            return String.format(Locale.ROOT, "+%.3f s", d.toNanos() / 1e9);
        }

        private void line(String s) {
            out.append(s).append('\n');
        }
    }

    /** {@code 127.0.0.1:8080}, {@code [::1]:8080}, or {@code ?} when unknown. */
    static String address(InetSocketAddress a) {
        if (a == null) {
            return "?";
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
