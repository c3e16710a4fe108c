package dev.netlab.http2.server;

import dev.netlab.http2.ErrorCode;
import java.io.IOException;

/**
 * What a {@link Tunnel}'s input and output throw once its stream was reset, by the client or by the
 * server: RFC 9113 §6.4, RST_STREAM "allows for immediate termination of a stream", and the stream is
 * closed (§5.1) — no more DATA will come, octets not read yet are gone, and none may be sent ("An
 * endpoint MUST NOT send frames other than PRIORITY on a closed stream"). It carries the RST_STREAM's
 * error code (CANCEL is how RFC 8441 §5 carries a TCP reset of the tunnel) and who sent it, so that a
 * tunnel can tell a peer that gave up from a broken connection. A read or a write blocked when the
 * stream is reset fails with it at once; so does every later one.
 */
public final class StreamResetException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int streamId;
    private final ErrorCode code;
    private final boolean byPeer;

    /**
     * @param byPeer true when the client sent the RST_STREAM, false when this server did
     */
    public StreamResetException(int streamId, ErrorCode code, boolean byPeer) {
        super("stream " + streamId + " was reset by the " + (byPeer ? "client" : "server") + " (RST_STREAM " + code + ")");
        this.streamId = streamId;
        this.code = code;
        this.byPeer = byPeer;
    }

    public int streamId() {
        return streamId;
    }

    /** The RST_STREAM's error code (an unknown one is INTERNAL_ERROR: RFC 9113 §7). */
    public ErrorCode code() {
        return code;
    }

    /** True when the client reset the stream. */
    public boolean byPeer() {
        return byPeer;
    }
}
