package dev.netlab.tls;

/**
 * What the day's TLS decoders throw for bad input: the alert a TLS implementation sends for it
 * (RFC 8446 §6.2: {@code decode_error} for a message that cannot be parsed, {@code
 * record_overflow} for a record that is too long, {@code illegal_parameter} for a field with a
 * value that is not allowed, ...) and the offset of the offending octet in the input.
 */
public final class TlsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final TlsAlert alert;
    private final long offset;

    public TlsException(TlsAlert alert, long offset, String message) {
        super(alert.rfcName() + " at octet " + offset + ": " + message);
        this.alert = alert;
        this.offset = offset;
    }

    /** The alert this failure maps to. */
    public TlsAlert alert() {
        return alert;
    }

    /** Where in the input the problem was found (octets from the start of what the decoder read). */
    public long offset() {
        return offset;
    }
}
