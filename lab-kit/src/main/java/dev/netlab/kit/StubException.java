package dev.netlab.kit;

/**
 * What an exercise stub throws until the learner fills it in. The message names the
 * checkpoint and the README section to read, for example:
 * {@code not implemented yet: checkpoint 1.03 IPv4 header — see day1-link-ip/README.md#ipv4}.
 */
public final class StubException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** How every stub's message starts. */
    public static final String PREFIX = "not implemented yet: checkpoint ";

    private final String checkpoint;

    private StubException(String checkpoint, String message) {
        super(message);
        this.checkpoint = checkpoint;
    }

    /**
     * @param checkpoint the checkpoint id, e.g. {@code "1.03"}
     * @param title what is missing, in protocol terms
     * @param readme the README path and anchor, e.g. {@code "day1-link-ip/README.md#ipv4"}
     */
    public static StubException notImplemented(String checkpoint, String title, String readme) {
        return new StubException(checkpoint,
                PREFIX + checkpoint + " " + title + " — see " + readme);
    }

    /** The checkpoint this stub belongs to. */
    public String checkpoint() {
        return checkpoint;
    }
}
