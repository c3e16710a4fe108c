package dev.netlab.tls.der;

/** Malformed or hostile DER: the cause and the offset of the offending octet in the whole input. */
public final class DerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DerError error;
    private final int offset;

    public DerException(DerError error, int offset, String message) {
        super(error + " at octet " + offset + ": " + message);
        this.error = error;
        this.offset = offset;
    }

    public DerError error() {
        return error;
    }

    /** Octets from the start of the outermost input. */
    public int offset() {
        return offset;
    }
}
