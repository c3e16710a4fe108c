package dev.netlab.tls.pem;

/** A server credential (certificate chain + private key) that cannot be used, with the cause as a {@link CredentialProblem}. */
public final class CredentialException extends Exception {
    private static final long serialVersionUID = 1L;

    private final CredentialProblem problem;

    public CredentialException(CredentialProblem problem, String message) {
        super(problem + ": " + message);
        this.problem = problem;
    }

    public CredentialException(CredentialProblem problem, String message, Throwable cause) {
        super(problem + ": " + message, cause);
        this.problem = problem;
    }

    public CredentialProblem problem() {
        return problem;
    }
}
