package dev.netlab.http2.stream;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;

/**
 * One flow-control window (RFC 9113 §5.2, §6.9): of the connection (stream 0) or of one
 * stream, on the sending or the receiving side. Pure arithmetic — who waits for credit, and
 * when WINDOW_UPDATE goes out, is the connection's business.
 *
 * <ul>
 *   <li>A sender may send flow-controlled octets (DATA payloads) only while the window is
 *       positive, and never more than it: {@link #take(int)}.</li>
 *   <li>A receiver counts what arrives: {@link #consume(int)}. "A receiver MAY respond with a
 *       stream error (Section 5.4.2) or connection error (Section 5.4.1) of type
 *       FLOW_CONTROL_ERROR if it is unable to accept a frame" — more than the window it
 *       advertised (§6.9).</li>
 *   <li>WINDOW_UPDATE adds credit: {@link #expand(int)}. "A sender MUST NOT allow a
 *       flow-control window to exceed 2^31-1 octets. If a sender receives a WINDOW_UPDATE that
 *       causes a flow-control window to exceed this maximum, it MUST terminate either the
 *       stream or the connection, as appropriate" (§6.9.1): a stream error on a stream, a
 *       connection error on the connection, both FLOW_CONTROL_ERROR.</li>
 *   <li>A new SETTINGS_INITIAL_WINDOW_SIZE moves every stream window by the difference:
 *       {@link #adjust(int)}. It "can cause the available space in a flow-control window to
 *       become negative"; past 2^31−1 it is a connection error FLOW_CONTROL_ERROR (§6.9.2).</li>
 * </ul>
 */
public final class FlowWindow {
    /** The largest window, 2^31−1. */
    public static final int MAX = Integer.MAX_VALUE;

    private final int streamId;
    private long size;

    /** A window of {@code initial} octets for stream {@code streamId} (0: the connection). */
    public FlowWindow(int streamId, int initial) {
        this.streamId = streamId;
        this.size = initial;
    }

    /** The credit left; negative after a SETTINGS_INITIAL_WINDOW_SIZE decrease. */
    public int size() {
        return (int) size;
    }

    public int streamId() {
        return streamId;
    }

    /**
     * Receiving side: {@code octets} of flow-controlled payload arrived.
     *
     * @throws Http2Exception FLOW_CONTROL_ERROR when that is more than the window (a stream
     *                        error on a stream, a connection error on the connection)
     */
    public void consume(int octets) throws Http2Exception {
        if (octets > size) {
            throw error("%d octets arrived with a window of %d", octets, size);
        }
        size -= octets;
    }

    /**
     * A WINDOW_UPDATE of {@code increment} (1 to 2^31−1).
     *
     * @throws Http2Exception FLOW_CONTROL_ERROR when the window would pass 2^31−1
     */
    public void expand(int increment) throws Http2Exception {
        if (size + increment > MAX) {
            throw error("a WINDOW_UPDATE of %d takes the window from %d past 2^31-1", increment, size);
        }
        size += increment;
    }

    /**
     * SETTINGS_INITIAL_WINDOW_SIZE changed by {@code delta} (new − old, may be negative).
     *
     * @throws Http2Exception a connection error FLOW_CONTROL_ERROR when the window would pass 2^31−1
     */
    public void adjust(int delta) throws Http2Exception {
        if (size + delta > MAX) {
            throw Http2Exception.connectionError(ErrorCode.FLOW_CONTROL_ERROR,
                    "SETTINGS_INITIAL_WINDOW_SIZE takes stream %d's window past 2^31-1", streamId);
        }
        size += delta;
    }

    /**
     * Sending side: takes up to {@code wanted} octets of credit and returns how many were taken:
     * 0 while the window is zero or negative.
     */
    public int take(int wanted) {
        int n = (int) Math.max(0, Math.min(wanted, size));
        size -= n;
        return n;
    }

    private Http2Exception error(String message, Object... args) {
        return streamId == 0
                ? Http2Exception.connectionError(ErrorCode.FLOW_CONTROL_ERROR, message, args)
                : Http2Exception.streamError(streamId, ErrorCode.FLOW_CONTROL_ERROR, message, args);
    }

    @Override
    public String toString() {
        return (streamId == 0 ? "connection" : "stream " + streamId) + " window " + size;
    }
}
