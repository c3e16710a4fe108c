package dev.netlab.http2;

/**
 * The error codes of RFC 9113 §7, with their 32-bit wire values. They appear in RST_STREAM
 * (a stream error) and GOAWAY (a connection error) frames.
 *
 * <p>RFC 9113 §7: "Unknown or unsupported error codes MUST NOT trigger any special behavior.
 * These MAY be treated by an implementation as being equivalent to INTERNAL_ERROR." Frames
 * therefore keep the raw value; {@link #of(long)} maps it, unknown values to
 * {@link #INTERNAL_ERROR}.
 */
public enum ErrorCode {
    /** The condition is not a result of an error; GOAWAY with it is a graceful shutdown. */
    NO_ERROR(0x0),
    /** An unspecific protocol error, when no more specific code applies. */
    PROTOCOL_ERROR(0x1),
    /** An unexpected internal error. */
    INTERNAL_ERROR(0x2),
    /** The peer violated the flow-control protocol. */
    FLOW_CONTROL_ERROR(0x3),
    /** A SETTINGS frame was not acknowledged in time. */
    SETTINGS_TIMEOUT(0x4),
    /** A frame arrived after the stream was half-closed or closed. */
    STREAM_CLOSED(0x5),
    /** A frame has an invalid size. */
    FRAME_SIZE_ERROR(0x6),
    /** The stream was refused before any application processing (safe to retry). */
    REFUSED_STREAM(0x7),
    /** The stream is no longer needed. */
    CANCEL(0x8),
    /** The HPACK compression context cannot be maintained. */
    COMPRESSION_ERROR(0x9),
    /** The connection of a CONNECT request was reset or abnormally closed. */
    CONNECT_ERROR(0xa),
    /** The peer behaves in a way that might be generating excessive load. */
    ENHANCE_YOUR_CALM(0xb),
    /** The transport's security properties are below the minimum (RFC 9113 §9.2). */
    INADEQUATE_SECURITY(0xc),
    /** The endpoint requires HTTP/1.1 for this request. */
    HTTP_1_1_REQUIRED(0xd);

    private static final ErrorCode[] BY_VALUE = values();

    private final int wire;

    ErrorCode(int wire) {
        this.wire = wire;
    }

    /** The value on the wire (32 bits, unsigned). */
    public int wire() {
        return wire;
    }

    /** The code for a wire value; unknown values are {@link #INTERNAL_ERROR} (RFC 9113 §7). */
    public static ErrorCode of(long wire) {
        return wire >= 0 && wire < BY_VALUE.length ? BY_VALUE[(int) wire] : INTERNAL_ERROR;
    }

    /** True when {@code wire} is one of the codes RFC 9113 defines. */
    public static boolean isKnown(long wire) {
        return wire >= 0 && wire < BY_VALUE.length;
    }
}
