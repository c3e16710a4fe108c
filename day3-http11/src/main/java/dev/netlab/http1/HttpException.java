package dev.netlab.http1;

/**
 * The one error type of HTTP/1.1 in this lab: a request the server cannot or will not
 * process, with the 4xx/5xx {@link Status} to answer and whether the connection must close
 * after that answer.
 *
 * <p>Parsers throw it, servers act on it (STYLE.md, "parsers report, servers act"): the
 * connection writes {@code status} as the response and, when {@link #closeConnection()},
 * sends {@code Connection: close} and closes. Every error found while reading a message's
 * framing closes the connection: after a framing error the server no longer knows where
 * the next request starts (RFC 9112 §6.3, §11.2), and guessing is how request smuggling
 * works.
 */
public final class HttpException extends Exception {
    private final Status status;
    private final boolean closeConnection;

    private HttpException(Status status, String message, boolean closeConnection) {
        super(status + ": " + message, null, false, false);
        this.status = status;
        this.closeConnection = closeConnection;
    }

    /** An error in the message framing: answer {@code status}, then close the connection. */
    public static HttpException closing(Status status, String message) {
        return new HttpException(status, message, true);
    }

    /** An error in one well-framed request: answer {@code status}; the connection may stay open. */
    public static HttpException of(Status status, String message) {
        return new HttpException(status, message, false);
    }

    /** Shorthand for {@code closing(BAD_REQUEST, message)}. */
    public static HttpException badRequest(String message) {
        return closing(Status.BAD_REQUEST, message);
    }

    public Status status() {
        return status;
    }

    public boolean closeConnection() {
        return closeConnection;
    }

    /** The message without the status prefix, for a response body. */
    public String detail() {
        String m = getMessage();
        return m.substring(m.indexOf(": ") + 2);
    }
}
