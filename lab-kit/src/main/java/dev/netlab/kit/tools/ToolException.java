package dev.netlab.kit.tools;

/** A tool's one-line message to the learner (no stack trace). */
public final class ToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToolException(String message) {
        super(message);
    }
}
