package dev.netlab.chat.web;

/** The WebSocket endpoints of the chat server. */
public enum Endpoint {
    /** The chat itself: the JSON protocol of {@link dev.netlab.chat.protocol.ClientMessage}. */
    CHAT("/chat"),
    /** The dashboard's feed: the metrics once a second. */
    LIVE("/live");

    private final String path;

    Endpoint(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The endpoint at {@code path}, or null. */
    public static Endpoint at(String path) {
        for (Endpoint e : values()) {
            if (e.path.equals(path)) {
                return e;
            }
        }
        return null;
    }
}
