package dev.netlab.websocket.handshake;

/** A request head that cannot be read: the HTTP status to answer with (400, 414, 431) and why. */
public final class HttpHeadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpHeadException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
