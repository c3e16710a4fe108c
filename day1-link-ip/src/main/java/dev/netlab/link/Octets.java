package dev.netlab.link;

/**
 * Big-endian ("network byte order", RFC 791 Appendix B) reads and writes of unsigned
 * 8-, 16- and 32-bit fields. The caller checks bounds first; these helpers only shift.
 */
public final class Octets {
    private Octets() {
    }

    /** The unsigned octet at {@code off}. */
    public static int u8(byte[] buf, int off) {
        return buf[off] & 0xFF;
    }

    /** The unsigned 16-bit big-endian value at {@code off}. */
    public static int u16(byte[] buf, int off) {
        return (buf[off] & 0xFF) << 8 | buf[off + 1] & 0xFF;
    }

    /** The unsigned 32-bit big-endian value at {@code off}, as a {@code long}. */
    public static long u32(byte[] buf, int off) {
        return (long) u16(buf, off) << 16 | u16(buf, off + 2);
    }

    /** Writes the low 16 bits of {@code value} big-endian at {@code off}. */
    public static void putU16(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 8);
        buf[off + 1] = (byte) value;
    }

    /** Writes the low 32 bits of {@code value} big-endian at {@code off}. */
    public static void putU32(byte[] buf, int off, long value) {
        putU16(buf, off, (int) (value >>> 16));
        putU16(buf, off + 2, (int) value);
    }
}
