package dev.netlab.chat.room;

import java.nio.charset.StandardCharsets;

/**
 * One encoded server message on its way to a connection.
 *
 * <p>A room's message goes to every member: it is encoded once, to JSON and then to UTF-8,
 * and the same octets are handed to every member's transport. Encoding it again per delivery
 * was one allocation per member per message (a room of 100 turns 1 message into 100 copies).
 *
 * @param frame         the JSON text, encoded once for every member of a room
 * @param receivedNanos {@link System#nanoTime()} when the server read the chat message this
 *                      delivers (for the delivery-latency histogram), or 0 for frames that are
 *                      not live chat messages (replies, presence, history)
 * @param utf8          {@code frame} in UTF-8 (a lone surrogate becomes '?'), shared by every
 *                      delivery: a transport sends it as it is and never changes it
 */
public record Outbound(String frame, long receivedNanos, byte[] utf8) {
    public Outbound(String frame, long receivedNanos) {
        this(frame, receivedNanos, frame.getBytes(StandardCharsets.UTF_8));
    }

    /** A frame that measures no latency. */
    public static Outbound of(String frame) {
        return new Outbound(frame, 0);
    }

    /** The size an outbox counts: characters of the frame. */
    public int chars() {
        return frame.length();
    }

    /** The frame's length in UTF-8 (the metrics' octets sent). */
    public int octets() {
        return utf8.length;
    }
}
