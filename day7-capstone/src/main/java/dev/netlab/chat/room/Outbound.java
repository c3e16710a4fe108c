package dev.netlab.chat.room;

/**
 * One encoded server message on its way to a connection.
 *
 * @param frame         the JSON text, encoded once for every member of a room
 * @param receivedNanos {@link System#nanoTime()} when the server read the chat message this
 *                      delivers (for the delivery-latency histogram), or 0 for frames that are
 *                      not live chat messages (replies, presence, history)
 */
public record Outbound(String frame, long receivedNanos) {
    /** A frame that measures no latency. */
    public static Outbound of(String frame) {
        return new Outbound(frame, 0);
    }

    /** The size an outbox counts: characters of the frame. */
    public int chars() {
        return frame.length();
    }
}
