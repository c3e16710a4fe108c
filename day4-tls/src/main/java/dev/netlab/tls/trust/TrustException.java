package dev.netlab.tls.trust;

/** A chain or a name that is not trusted, with the cause as a {@link TrustFailure}. */
public final class TrustException extends Exception {
    private static final long serialVersionUID = 1L;

    private final TrustFailure failure;

    public TrustException(TrustFailure failure, String message) {
        super(failure + ": " + message);
        this.failure = failure;
    }

    public TrustFailure failure() {
        return failure;
    }
}
