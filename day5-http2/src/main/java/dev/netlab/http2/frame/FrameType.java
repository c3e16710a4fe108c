package dev.netlab.http2.frame;

/**
 * The frame types of RFC 9113 §6, with their 8-bit wire values. A type that is not listed
 * here is an extension: "Implementations MUST ignore and discard frames of unknown types"
 * (RFC 9113 §4.1), which is why {@link FrameHeader#type()} keeps the raw octet.
 */
public enum FrameType {
    DATA(0x0),
    HEADERS(0x1),
    PRIORITY(0x2),
    RST_STREAM(0x3),
    SETTINGS(0x4),
    PUSH_PROMISE(0x5),
    PING(0x6),
    GOAWAY(0x7),
    WINDOW_UPDATE(0x8),
    CONTINUATION(0x9);

    private static final FrameType[] BY_VALUE = values();

    private final int wire;

    FrameType(int wire) {
        this.wire = wire;
    }

    /** The type octet on the wire. */
    public int wire() {
        return wire;
    }

    /** The type for a wire value, or {@code null} for an unknown (extension) type. */
    public static FrameType of(int wire) {
        return wire >= 0 && wire < BY_VALUE.length ? BY_VALUE[wire] : null;
    }
}
