package dev.netlab.tls.record;

import dev.netlab.tls.TlsAlert;
import dev.netlab.tls.TlsException;
import java.nio.ByteBuffer;

/**
 * Reads TLS records from a byte stream that arrives in pieces of any size (RFC 8446 §5.1),
 * resumably: {@link #read(ByteBuffer)} consumes what it can and returns a record once one is
 * whole, or null when it needs more octets.
 *
 * <pre>
 *  0        1        2        3        4        5
 * ┌────────┬─────────────────┬─────────────────┬───────────────────────────┐
 * │  type  │ legacy_record_  │     length      │ fragment                  │
 * │ 20..24 │ version 0x03 xx │ ≤ 2^14 + 256    │ (length octets)           │
 * └────────┴─────────────────┴─────────────────┴───────────────────────────┘
 * </pre>
 *
 * Checked at the first octet that shows the problem, each a {@link TlsException}:
 * <ul>
 *   <li>an unknown content type: {@code unexpected_message} (RFC 8446 §5: "If a TLS
 *       implementation receives an unexpected record type, it MUST terminate the connection
 *       with an "unexpected_message" alert") — what a plain-HTTP client on a TLS port causes,
 *       since 'G' of "GET" is 0x47;</li>
 *   <li>a version whose first octet is not 3: {@code decode_error} (the second octet is ignored,
 *       RFC 8446 §5.1: "legacy_record_version ... MUST be ignored for all purposes");</li>
 *   <li>a length over 2^14 + 256: {@code record_overflow} (RFC 8446 §5.2: "The length MUST NOT
 *       exceed 2^14 + 256 bytes. An endpoint that receives a record that exceeds this length MUST
 *       terminate the connection with a "record_overflow" alert") — refused at the length octets,
 *       before any of the fragment is buffered;</li>
 *   <li>a zero-length handshake or alert record: {@code unexpected_message} (RFC 8446 §5.1:
 *       "Implementations MUST NOT send zero-length fragments of Handshake types").</li>
 * </ul>
 * After an error the reader is broken; {@link #reset()} makes it new. Offsets in errors count
 * the octets this reader consumed since it was made or reset.
 */
public final class RecordReader {
    /** RFC 8446 §5.2: the largest TLSCiphertext.length. */
    public static final int MAX_LENGTH = (1 << 14) + 256;

    private enum State { TYPE, VERSION_MAJOR, VERSION_MINOR, LENGTH_HIGH, LENGTH_LOW, FRAGMENT, BROKEN }

    private State state = State.TYPE;
    private ContentType type;
    private int version;
    private int length;
    private byte[] fragment;
    private int filled;
    private long consumed;

    /** The next whole record, consuming from {@code in}; null when {@code in} ran out first (its octets are kept). */
    public TlsRecord read(ByteBuffer in) throws TlsException {
        while (in.hasRemaining()) {
            switch (state) {
                case TYPE -> {
                    int code = next(in);
                    type = ContentType.of(code);
                    if (type == null) {
                        throw fail(TlsAlert.UNEXPECTED_MESSAGE, String.format("0x%02x is not a record content type (20-24)", code));
                    }
                    state = State.VERSION_MAJOR;
                }
                case VERSION_MAJOR -> {
                    int major = next(in);
                    if (major != 3) {
                        throw fail(TlsAlert.DECODE_ERROR, String.format("record version 0x%02x.. is not TLS (0x03..)", major));
                    }
                    version = major << 8;
                    state = State.VERSION_MINOR;
                }
                case VERSION_MINOR -> {
                    version |= next(in);
                    state = State.LENGTH_HIGH;
                }
                case LENGTH_HIGH -> {
                    length = next(in) << 8;
                    if (length > MAX_LENGTH) { // already too long, whatever the low octet says
                        throw fail(TlsAlert.RECORD_OVERFLOW, "a record of at least " + length + " octets (at most " + MAX_LENGTH + ")");
                    }
                    state = State.LENGTH_LOW;
                }
                case LENGTH_LOW -> {
                    length |= next(in);
                    if (length > MAX_LENGTH) {
                        throw fail(TlsAlert.RECORD_OVERFLOW, "a record of " + length + " octets (at most " + MAX_LENGTH + ")");
                    }
                    if (length == 0 && (type == ContentType.HANDSHAKE || type == ContentType.ALERT)) {
                        throw fail(TlsAlert.UNEXPECTED_MESSAGE, "an empty " + type.rfcName() + " record");
                    }
                    fragment = new byte[length];
                    filled = 0;
                    state = State.FRAGMENT;
                    if (length == 0) {
                        return complete();
                    }
                }
                case FRAGMENT -> {
                    int n = Math.min(in.remaining(), length - filled);
                    in.get(fragment, filled, n); // the fast path: one copy of whatever has arrived
                    filled += n;
                    consumed += n;
                    if (filled == length) {
                        return complete();
                    }
                }
                case BROKEN -> throw new TlsException(TlsAlert.INTERNAL_ERROR, consumed, "the reader failed before; reset() it");
            }
        }
        return null;
    }

    private TlsRecord complete() {
        TlsRecord record = new TlsRecord(type, version, fragment);
        state = State.TYPE;
        fragment = null;
        return record;
    }

    private int next(ByteBuffer in) {
        consumed++;
        return in.get() & 0xFF;
    }

    private TlsException fail(TlsAlert alert, String message) {
        state = State.BROKEN;
        return new TlsException(alert, consumed - 1, message);
    }

    /** Whether part of a record has been consumed and the rest is awaited. */
    public boolean inRecord() {
        return state != State.TYPE && state != State.BROKEN;
    }

    /** Octets consumed since the reader was made or reset. */
    public long consumed() {
        return consumed;
    }

    /** Forgets everything: ready for a new stream. */
    public void reset() {
        state = State.TYPE;
        fragment = null;
        filled = 0;
        consumed = 0;
    }
}
