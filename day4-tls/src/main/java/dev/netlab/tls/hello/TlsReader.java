package dev.netlab.tls.hello;

import dev.netlab.tls.TlsAlert;
import dev.netlab.tls.TlsException;
import java.util.Arrays;

/**
 * A bounded cursor over the octets of a TLS structure (RFC 8446 §3, "Presentation Language"):
 * big-endian integers of 1, 2 and 3 octets and length-prefixed vectors. Every read checks the
 * octets are there; running past the end is {@code decode_error} with the offset. A vector
 * reader ({@link #vector8()}, {@link #vector16()}) is a new cursor over exactly the vector's
 * contents, so a parser can never read past a length it was given.
 *
 * <pre>
 *  opaque legacy_session_id&lt;0..32&gt;;     one length octet, then that many octets: vector8()
 *  CipherSuite cipher_suites&lt;2..2^16-2&gt;;  two length octets: vector16()
 *  uint24 length;                         u24()
 * </pre>
 *
 * Offsets (in errors and {@link #offset()}) count from the start of the outermost input.
 */
public final class TlsReader {
    private final byte[] input;
    private final int end;
    private int position;

    /** A cursor over all of {@code input}. */
    public TlsReader(byte[] input) {
        this(input, 0, input.length);
    }

    /** A cursor over {@code input[from, end)}; offsets still count from {@code input[0]}. */
    public TlsReader(byte[] input, int from, int end) {
        if (from < 0 || end > input.length || from > end) {
            throw new IndexOutOfBoundsException("[" + from + ", " + end + ") of " + input.length);
        }
        this.input = input;
        this.position = from;
        this.end = end;
    }

    /** Where the next octet is, from the start of the outermost input. */
    public int offset() {
        return position;
    }

    public int remaining() {
        return end - position;
    }

    public boolean hasRemaining() {
        return position < end;
    }

    private void need(int n, String what) throws TlsException {
        if (end - position < n) {
            throw new TlsException(TlsAlert.DECODE_ERROR, position, what + " needs " + n + " octet(s), "
                    + (end - position) + " left");
        }
    }

    public int u8(String what) throws TlsException {
        need(1, what);
        return input[position++] & 0xFF;
    }

    public int u16(String what) throws TlsException {
        need(2, what);
        int value = ((input[position] & 0xFF) << 8) | (input[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    public int u24(String what) throws TlsException {
        need(3, what);
        int value = ((input[position] & 0xFF) << 16) | ((input[position + 1] & 0xFF) << 8) | (input[position + 2] & 0xFF);
        position += 3;
        return value;
    }

    /** The next {@code n} octets, copied. */
    public byte[] bytes(int n, String what) throws TlsException {
        need(n, what);
        byte[] out = Arrays.copyOfRange(input, position, position + n);
        position += n;
        return out;
    }

    /** A cursor over the next {@code n} octets (this cursor moves past them). */
    public TlsReader slice(int n, String what) throws TlsException {
        need(n, what);
        TlsReader slice = new TlsReader(input, position, position + n);
        position += n;
        return slice;
    }

    /** {@code <0..2^8-1>}: one length octet, then a cursor over that many. */
    public TlsReader vector8(String what) throws TlsException {
        return slice(u8(what + " length"), what);
    }

    /** {@code <0..2^16-1>}: two length octets, then a cursor over that many. */
    public TlsReader vector16(String what) throws TlsException {
        return slice(u16(what + " length"), what);
    }

    /** A second cursor at the same place over the same octets; moving one does not move the other. */
    public TlsReader duplicate() {
        return new TlsReader(input, position, end);
    }

    /** The octets left, copied; the cursor is then at its end. */
    public byte[] rest() {
        byte[] out = Arrays.copyOfRange(input, position, end);
        position = end;
        return out;
    }

    /** {@code decode_error} unless every octet was read: a length said more than its contents hold. */
    public void end(String what) throws TlsException {
        if (position != end) {
            throw new TlsException(TlsAlert.DECODE_ERROR, position, (end - position) + " octet(s) left over in " + what);
        }
    }
}
