package dev.netlab.kit;

/**
 * Thrown in strict mode ({@code CI=true}) where a test would otherwise skip because a tool,
 * a privilege or shared data is missing. The stub audit recognises it: a checkpoint that
 * fails only for this reason proves nothing about the stub.
 */
public final class MissingRequirement extends AssertionError {
    private static final long serialVersionUID = 1L;
    /** Every message starts with this, so reports and the audit can tell it apart. */
    public static final String PREFIX = "strict mode: would skip: ";

    public MissingRequirement(String reason) {
        super(PREFIX + reason);
    }
}
