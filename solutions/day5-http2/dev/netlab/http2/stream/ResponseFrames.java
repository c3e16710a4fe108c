package dev.netlab.http2.stream;

import dev.netlab.http2.frame.ContinuationFrame;
import dev.netlab.http2.frame.Frame;
import dev.netlab.http2.frame.HeadersFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a response is cut into frames (RFC 9113 §4.2, §6.2, §6.10, §6.9).
 *
 * <ul>
 *   <li>A field block larger than the peer's SETTINGS_MAX_FRAME_SIZE goes out as one HEADERS
 *       and as many CONTINUATION frames as needed, END_HEADERS on the last one only;
 *       END_STREAM, if any, sits on the HEADERS frame ("the HEADERS frame ... carries the
 *       END_STREAM flag", §6.2). They must go out back to back (the connection writes them as
 *       one unit).</li>
 *   <li>A DATA frame carries at most the smallest of: the content left, the peer's
 *       SETTINGS_MAX_FRAME_SIZE, the connection window and the stream window (§6.9.1: "The
 *       sender MUST NOT send a flow-controlled frame with a length that exceeds the space
 *       available in either of the flow-control windows advertised by the receiver"). A
 *       window of zero or less means: wait for WINDOW_UPDATE.</li>
 * </ul>
 */
public final class ResponseFrames {
    private ResponseFrames() {}

    /** The HEADERS frame and CONTINUATION frames that carry {@code block} on {@code streamId}. */
    public static List<Frame> headers(int streamId, byte[] block, boolean endStream, int maxFrameSize) {
        List<Frame> frames = new ArrayList<>(1 + block.length / maxFrameSize);
        int first = Math.min(block.length, maxFrameSize);
        frames.add(new HeadersFrame(streamId, Arrays.copyOfRange(block, 0, first), endStream, first == block.length));
        for (int at = first; at < block.length; at += maxFrameSize) {
            int end = Math.min(block.length, at + maxFrameSize);
            frames.add(new ContinuationFrame(streamId, Arrays.copyOfRange(block, at, end), end == block.length));
        }
        return frames;
    }

    /**
     * The length of the next DATA frame for {@code remaining} octets of content, taking that
     * much credit from both windows; 0 (taking nothing) when either window has no credit.
     */
    public static int nextData(int remaining, int maxFrameSize, FlowWindow connection, FlowWindow stream) {
        int n = Math.min(remaining, maxFrameSize);
        n = Math.min(n, Math.min(connection.size(), stream.size()));
        if (n <= 0) {
            return 0;
        }
        connection.take(n);
        stream.take(n);
        return n;
    }
}
