package dev.netlab.chat.room;

/**
 * One encoded server message on its way to a connection.
 *
 * @param frame         the JSON text, encoded once for every member of a room
 * @param receivedNanos {@link System#nanoTime()} when the server read the chat message this
 *                      delivers (for the delivery-latency histogram), or 0 for frames that are
 *                      not live chat messages (replies, presence, history)
 */
public record Outbound(String frame, long receivedNanos, int octets) {
    /**
     * @param octets the frame's length in UTF-8, counted once here for every member it goes to
     *               (the metrics' octets sent), not encoded again per delivery
     */
    public Outbound(String frame, long receivedNanos) {
        this(frame, receivedNanos, utf8Length(frame));
    }

    /** A frame that measures no latency. */
    public static Outbound of(String frame) {
        return new Outbound(frame, 0);
    }

    /** The size an outbox counts: characters of the frame. */
    public int chars() {
        return frame.length();
    }

    /** Octets of {@code s} in UTF-8 as {@code getBytes(UTF_8)} gives them, without encoding it (a lone surrogate becomes '?'). */
    static int utf8Length(String s) {
        int n = s.length();
        int octets = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    octets += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    octets += 2; // a pair: 4 octets for 2 chars
                    i++;
                } else if (Character.isSurrogate(c)) {
                    octets += 0; // alone: replaced by '?'
                } else {
                    octets += 2;
                }
            }
        }
        return octets;
    }
}
