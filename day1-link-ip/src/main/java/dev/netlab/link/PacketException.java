package dev.netlab.link;

import java.util.OptionalInt;

/**
 * A malformed or unacceptable packet. Carries a typed {@link PacketError} and, where the
 * decoder knows it, the offset of the first offending byte within the buffer it was given
 * (like the pointer of an ICMP Parameter Problem message, RFC 792).
 */
public final class PacketException extends Exception {
    private static final long serialVersionUID = 1L;
    private final PacketError error;
    private final int offset;

    public PacketException(PacketError error, String detail) {
        this(error, -1, detail);
    }

    public PacketException(PacketError error, int offset, String detail) {
        super(error.description() + ": " + detail + (offset >= 0 ? " (at byte " + offset + ")" : ""));
        this.error = error;
        this.offset = offset;
    }

    /** The typed reason. */
    public PacketError error() {
        return error;
    }

    /** The offset of the first offending byte, if known. */
    public OptionalInt offset() {
        return offset >= 0 ? OptionalInt.of(offset) : OptionalInt.empty();
    }
}
