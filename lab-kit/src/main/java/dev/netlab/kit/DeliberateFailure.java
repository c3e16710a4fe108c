package dev.netlab.kit;

/**
 * An exception a test throws on purpose — a handler that crashes, a task that fails — to check
 * that the code around it copes. It has no stack trace, so whatever logs it prints one line
 * that says it was deliberate, not a stack trace that looks like a bug in a passing run.
 */
public final class DeliberateFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeliberateFailure(String what) {
        super(what + " (thrown on purpose by the test)", null, false, false);
    }
}
