package dev.netlab.chat.room;

import java.nio.charset.StandardCharsets;

/**
 * One encoded server message on its way to a connection.
 *
 * <p>A room's message goes to every member: it is encoded once, to JSON and then to UTF-8,
 * and the same octets are handed to every member's transport. Encoding it again per delivery
 * was one allocation per member per message (a room of 100 turns 1 message into 100 copies).
 *
 * <p>Not a record: its octets are an array, which a record would compare and print by identity.
 * Two {@code Outbound}s are equal when their frames and times are (the octets follow from the
 * frame), and {@link #toString()} shows the frame.
 */
public final class Outbound {
    /** How much of a frame {@link #toString()} shows. */
    private static final int SHOWN = 200;

    private final String frame;
    private final long receivedNanos;
    private final byte[] utf8;

    /**
     * @param frame         the JSON text, encoded once for every member of a room
     * @param receivedNanos {@link System#nanoTime()} when the server read the chat message this
     *                      delivers (for the delivery-latency histogram), or 0 for frames that
     *                      are not live chat messages (replies, presence, history)
     */
    public Outbound(String frame, long receivedNanos) {
        this.frame = frame;
        this.receivedNanos = receivedNanos;
        this.utf8 = frame.getBytes(StandardCharsets.UTF_8);
    }

    /** A frame that measures no latency. */
    public static Outbound of(String frame) {
        return new Outbound(frame, 0);
    }

    /** The JSON text. */
    public String frame() {
        return frame;
    }

    /** When the server read the chat message this delivers ({@link System#nanoTime()}), or 0. */
    public long receivedNanos() {
        return receivedNanos;
    }

    /**
     * {@code frame} in UTF-8 (a lone surrogate becomes '?'), the same array for every delivery:
     * a transport sends it as it is and never changes it.
     */
    public byte[] utf8() {
        return utf8;
    }

    /** The size an outbox counts: characters of the frame. */
    public int chars() {
        return frame.length();
    }

    /** The frame's length in UTF-8 (the metrics' octets sent). */
    public int octets() {
        return utf8.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outbound other && receivedNanos == other.receivedNanos && frame.equals(other.frame);
    }

    @Override
    public int hashCode() {
        return 31 * frame.hashCode() + Long.hashCode(receivedNanos);
    }

    /** {@code Outbound[{"type":"message",...}, receivedNanos=123]}, a long frame cut after 200 characters. */
    @Override
    public String toString() {
        String shown = frame.length() <= SHOWN ? frame
                : frame.substring(0, SHOWN) + "... (" + frame.length() + " characters)";
        return "Outbound[" + shown + ", receivedNanos=" + receivedNanos + "]";
    }
}
