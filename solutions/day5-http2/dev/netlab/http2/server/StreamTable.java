package dev.netlab.http2.server;

import dev.netlab.http2.stream.StreamState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streams of one connection: the active ones, and a bounded memory of how recently closed
 * ones ended (RFC 9113 §5.1 answers frames on a closed stream differently depending on that).
 * A stream older than that memory is taken as closed normally. Guarded by the connection's lock.
 */
final class StreamTable {
    private static final int REMEMBERED = 1024;

    private final Map<Integer, Http2Stream> active = new HashMap<>();
    private final Map<Integer, StreamState> recent = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, StreamState> eldest) {
            return size() > REMEMBERED;
        }
    };
    /** The highest stream the client opened (RFC 9113 §5.1.1: new ones must be higher). */
    int lastStreamId;

    Http2Stream get(int id) {
        return active.get(id);
    }

    /** The state of a stream that is not active: one of the closed states, or IDLE. */
    StreamState inactiveState(int id) {
        StreamState s = recent.get(id);
        if (s != null) {
            return s;
        }
        // §5.1.1: "The first use of a new stream identifier implicitly closes all streams in the
        // idle state that might have been initiated by that peer with a lower-valued stream identifier."
        return id <= lastStreamId && id % 2 == 1 ? StreamState.CLOSED : StreamState.IDLE;
    }

    /** True when the stream was used and closed recently (as opposed to never used). */
    boolean remembers(int id) {
        return recent.containsKey(id);
    }

    void add(Http2Stream stream) {
        active.put(stream.id, stream);
    }

    /** A stream reached a closed state: forget it, remembering how it ended. True if it was active. */
    boolean closed(Http2Stream stream) {
        if (active.remove(stream.id) != null) {
            recent.put(stream.id, stream.state);
            return true;
        }
        return false;
    }

    /** A stream refused before it was ever active. */
    void refused(int id, StreamState how) {
        recent.put(id, how);
    }

    /** Streams that count against SETTINGS_MAX_CONCURRENT_STREAMS: open or half-closed. */
    int activeCount() {
        return active.size();
    }

    List<Http2Stream> all() {
        return new ArrayList<>(active.values());
    }
}
