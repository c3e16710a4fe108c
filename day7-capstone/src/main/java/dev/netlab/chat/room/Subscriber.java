package dev.netlab.chat.room;

/**
 * A connection as the rooms see it: something to offer frames to. The chat's session
 * implements it by putting the frame in its {@link Outbox}.
 */
public interface Subscriber {
    /**
     * Offers one encoded server message; never blocks. False when the connection refused it:
     * it is closing, or it was too slow and is being dropped (it resumes from its last id).
     */
    boolean offer(Outbound frame);
}
