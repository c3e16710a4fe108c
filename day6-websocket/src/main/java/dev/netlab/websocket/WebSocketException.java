package dev.netlab.websocket;

/**
 * The one error type of the WebSocket protocol: whatever went wrong, it carries the
 * {@link CloseCode} the connection is failed with (RFC 6455 §7.1.7: "the endpoint MUST
 * send a Close frame with an appropriate status code"). Tests assert the code, not only
 * that something was thrown.
 */
public final class WebSocketException extends Exception {
    private static final long serialVersionUID = 1L;

    private final CloseCode code;

    public WebSocketException(CloseCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The close code to fail the connection with. */
    public CloseCode code() {
        return code;
    }

    @Override
    public String toString() {
        return "WebSocketException[" + code + " " + code.code() + "]: " + getMessage();
    }
}
