package dev.netlab.http2.frame;

/**
 * One parameter of a SETTINGS frame (RFC 9113 §6.5.1): a 16-bit identifier and a 32-bit
 * unsigned value.
 *
 * <pre>
 * Setting {
 *   Identifier (16),
 *   Value (32),
 * }
 * </pre>
 *
 * <p>"An endpoint that receives a SETTINGS frame with any unknown or unsupported identifier
 * MUST ignore that setting" (RFC 9113 §6.5.2): unknown identifiers are kept in the frame and
 * skipped by whoever applies it.
 *
 * @param identifier 0 to 0xffff
 * @param value 0 to 2^32−1
 */
public record Setting(int identifier, long value) {
    /** The largest HPACK dynamic table the sender's decoder allows (initial 4096). */
    public static final int HEADER_TABLE_SIZE = 0x1;
    /** 0 or 1: whether server push is allowed (initial 1; a server never sends 1). */
    public static final int ENABLE_PUSH = 0x2;
    /** How many streams the sender lets its peer open at once (initially unlimited). */
    public static final int MAX_CONCURRENT_STREAMS = 0x3;
    /** The sender's initial stream flow-control window (initial 65,535). */
    public static final int INITIAL_WINDOW_SIZE = 0x4;
    /** The largest frame payload the sender accepts, 2^14 to 2^24−1 (initial 2^14). */
    public static final int MAX_FRAME_SIZE = 0x5;
    /** Advisory: the largest field section the sender accepts (initially unlimited). */
    public static final int MAX_HEADER_LIST_SIZE = 0x6;
    /** RFC 8441 §3: 1 when the sender accepts extended CONNECT ({@code :protocol}). */
    public static final int ENABLE_CONNECT_PROTOCOL = 0x8;

    /** Octets of one setting on the wire. */
    public static final int LENGTH = 6;

    public Setting {
        if (identifier < 0 || identifier > 0xffff) {
            throw new IllegalArgumentException("a setting identifier is 16 bits: " + identifier);
        }
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException("a setting value is 32 bits unsigned: " + value);
        }
    }

    /** The name RFC 9113 (or RFC 8441) gives the identifier, or its hex value. */
    public static String name(int identifier) {
        return switch (identifier) {
            case HEADER_TABLE_SIZE -> "HEADER_TABLE_SIZE";
            case ENABLE_PUSH -> "ENABLE_PUSH";
            case MAX_CONCURRENT_STREAMS -> "MAX_CONCURRENT_STREAMS";
            case INITIAL_WINDOW_SIZE -> "INITIAL_WINDOW_SIZE";
            case MAX_FRAME_SIZE -> "MAX_FRAME_SIZE";
            case MAX_HEADER_LIST_SIZE -> "MAX_HEADER_LIST_SIZE";
            case ENABLE_CONNECT_PROTOCOL -> "ENABLE_CONNECT_PROTOCOL";
            default -> "0x" + Integer.toHexString(identifier);
        };
    }

    @Override
    public String toString() {
        return name(identifier) + "=" + value;
    }
}
