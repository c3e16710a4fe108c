package dev.netlab.transport.tcp;

/** Bytes that are not a valid TCP header, with the typed reason. */
public final class SegmentException extends Exception {
    private static final long serialVersionUID = 1L;
    private final SegmentError code;

    public SegmentException(SegmentError code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public SegmentError code() {
        return code;
    }
}
