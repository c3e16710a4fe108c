package dev.netlab.http2.hpack;

import java.util.Arrays;

/**
 * A growable array of octets to encode into: what {@code ByteArrayOutputStream} is, without
 * its locks. The encoders of this package append to one; the connection copies
 * {@link #array()} up to {@link #size()} into frames.
 */
public final class OctetBuffer {
    private byte[] octets;
    private int size;

    public OctetBuffer(int initialCapacity) {
        octets = new byte[Math.max(16, initialCapacity)];
    }

    public OctetBuffer() {
        this(256);
    }

    /** Appends one octet (the low 8 bits of {@code b}). */
    public void write(int b) {
        if (size == octets.length) {
            grow(1);
        }
        octets[size++] = (byte) b;
    }

    /** Appends {@code length} octets of {@code b} from {@code offset}. */
    public void write(byte[] b, int offset, int length) {
        if (size + length > octets.length) {
            grow(length);
        }
        System.arraycopy(b, offset, octets, size, length);
        size += length;
    }

    /** Appends the chars of {@code s} as octets (ISO-8859-1: each char's low 8 bits). */
    public void writeLatin1(String s) {
        int length = s.length();
        if (size + length > octets.length) {
            grow(length);
        }
        for (int i = 0; i < length; i++) {
            octets[size + i] = (byte) s.charAt(i);
        }
        size += length;
    }

    /** Makes room for {@code n} more octets, so that the next {@code n} writes never grow. */
    public void ensure(int n) {
        if (size + n > octets.length) {
            grow(n);
        }
    }

    private void grow(int atLeast) {
        octets = Arrays.copyOf(octets, Math.max(octets.length * 2, size + atLeast));
    }

    /** Octets written so far. */
    public int size() {
        return size;
    }

    /** The backing array: valid from 0 to {@link #size()}; it changes when the buffer grows. */
    public byte[] array() {
        return octets;
    }

    /** The octet at {@code index} (0 to size − 1). */
    public int get(int index) {
        return octets[index] & 0xff;
    }

    /** Sets the octet at {@code index} (0 to size − 1), e.g. to fill a prefix written earlier. */
    public void set(int index, int b) {
        octets[index] = (byte) b;
    }

    /** A copy of the octets written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(octets, size);
    }

    /** Forgets the octets written; keeps the capacity. */
    public void reset() {
        size = 0;
    }
}
