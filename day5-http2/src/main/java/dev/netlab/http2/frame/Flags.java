package dev.netlab.http2.frame;

/**
 * The flag bits of RFC 9113 §6, by the frames that define them. A flag means something only
 * for the frame types that define it: "Flags that have no defined semantics for a particular
 * frame type MUST be ignored and MUST be left unset (0x00) when sending" (RFC 9113 §4.1).
 */
public final class Flags {
    /** DATA, HEADERS: the last frame the endpoint sends on this stream (§6.1, §6.2). */
    public static final int END_STREAM = 0b0000_0001;
    /** SETTINGS, PING: this frame acknowledges the peer's (§6.5, §6.7). Same bit as END_STREAM. */
    public static final int ACK = 0b0000_0001;
    /** HEADERS, PUSH_PROMISE, CONTINUATION: the field block ends in this frame (§6.2, §6.10). */
    public static final int END_HEADERS = 0b0000_0100;
    /** DATA, HEADERS, PUSH_PROMISE: a Pad Length octet and padding are present (§6.1). */
    public static final int PADDED = 0b0000_1000;
    /** HEADERS: the Exclusive, Stream Dependency and Weight fields are present (§6.2). */
    public static final int PRIORITY = 0b0010_0000;

    private Flags() {}

    /** True when every bit of {@code flag} is set in {@code flags}. */
    public static boolean has(int flags, int flag) {
        return (flags & flag) == flag;
    }
}
