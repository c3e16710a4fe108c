package dev.netlab.http2;

import java.util.Locale;

/**
 * The one error type of HTTP/2 (and HPACK) in this lab: an {@link ErrorCode} and its scope.
 *
 * <p>RFC 9113 §5.4 knows two scopes. A <b>connection error</b> makes the whole connection
 * unusable: "An endpoint that encounters a connection error SHOULD first send a GOAWAY frame
 * ... with the stream identifier of the last stream that it successfully received from its
 * peer", then closes the TCP connection (§5.4.1). A <b>stream error</b> concerns one stream:
 * the endpoint sends RST_STREAM with the code on that stream, and every other stream carries
 * on (§5.4.2).
 *
 * <p>Codecs throw it, the connection acts on it (STYLE.md: "parsers report, servers act").
 * HPACK errors are always connection errors of type {@link ErrorCode#COMPRESSION_ERROR}
 * (RFC 9113 §4.3: the decoding context is shared by the whole connection).
 */
public final class Http2Exception extends Exception {
    private static final long serialVersionUID = 1L;

    /** Which of the two kinds of RFC 9113 §5.4 an error is. */
    public enum Scope {
        /** §5.4.1: GOAWAY, then close the connection. */
        CONNECTION,
        /** §5.4.2: RST_STREAM on one stream; the connection stays. */
        STREAM
    }

    private final ErrorCode code;
    private final Scope scope;
    private final int streamId;

    private Http2Exception(ErrorCode code, Scope scope, int streamId, String message) {
        super(message, null, false, false);
        this.code = code;
        this.scope = scope;
        this.streamId = streamId;
    }

    /** A connection error (RFC 9113 §5.4.1); {@code message} is a format string. */
    public static Http2Exception connectionError(ErrorCode code, String message, Object... args) {
        return new Http2Exception(code, Scope.CONNECTION, 0, format(message, args));
    }

    /** A stream error on {@code streamId} (RFC 9113 §5.4.2); {@code message} is a format string. */
    public static Http2Exception streamError(int streamId, ErrorCode code, String message, Object... args) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("a stream error needs a stream, not " + streamId);
        }
        return new Http2Exception(code, Scope.STREAM, streamId, format(message, args));
    }

    /** An HPACK decoding error: a connection error of type COMPRESSION_ERROR (RFC 9113 §4.3). */
    public static Http2Exception compressionError(String message, Object... args) {
        return connectionError(ErrorCode.COMPRESSION_ERROR, message, args);
    }

    private static String format(String message, Object... args) {
        return args.length == 0 ? message : String.format(Locale.ROOT, message, args);
    }

    public ErrorCode code() {
        return code;
    }

    public Scope scope() {
        return scope;
    }

    /** The stream of a stream error; 0 for a connection error. */
    public int streamId() {
        return streamId;
    }

    public boolean isConnectionError() {
        return scope == Scope.CONNECTION;
    }

    @Override
    public String toString() {
        return (scope == Scope.CONNECTION ? "connection error " : "stream error on stream " + streamId + ": ")
                + code + ": " + getMessage();
    }
}
