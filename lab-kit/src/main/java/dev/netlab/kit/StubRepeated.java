package dev.netlab.kit;

import org.opentest4j.TestAbortedException;

/**
 * A checkpoint's test that fails on the same untouched stub as an earlier test of the same
 * checkpoint: reported once, not once per test. {@link CheckpointExtension} turns the
 * repeated failure into this (JUnit shows it as aborted, Surefire as skipped); the progress
 * listener counts the test as not passing, and the checkpoint keeps its first failure.
 */
public final class StubRepeated extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    StubRepeated(String checkpoint, String stubMessage) {
        super("same stub as the first failure of checkpoint " + checkpoint + ": " + stubMessage);
    }

    /**
     * The stub message a failure carries: a {@link StubException} in its causes, or the text of
     * one inside an assertion's message (AssertJ's "Expecting ... to be an instance of ... but
     * was: dev.netlab.kit.StubException: not implemented yet ..."). Null when it is none.
     */
    public static String stubMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StubException) {
                return c.getMessage();
            }
            for (Throwable s : c.getSuppressed()) {
                if (s instanceof StubException) {
                    return s.getMessage();
                }
            }
        }
        String msg = t.getMessage();
        if (msg != null) {
            int at = msg.indexOf(StubException.class.getName() + ": " + StubException.PREFIX);
            if (at >= 0) {
                String rest = msg.substring(at + StubException.class.getName().length() + 2);
                int nl = rest.indexOf('\n');
                return (nl < 0 ? rest : rest.substring(0, nl)).strip();
            }
        }
        return null;
    }
}
