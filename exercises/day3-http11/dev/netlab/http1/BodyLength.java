package dev.netlab.http1;

import dev.netlab.kit.StubException;

/**
 * How long a request's body is, decided from its header section alone (RFC 9112 §6.3).
 * If this server and a proxy in front of it disagree on where a body ends, the rest of the
 * bytes become a second, hidden request: request smuggling. So every doubtful case is an
 * error that closes the connection.
 *
 * <p>Your job, in this order: both Transfer-Encoding and Content-Length → 400 (§6.1:
 * "Regardless, the server MUST close the connection"); Transfer-Encoding in an HTTP/1.0
 * request → 400; Transfer-Encoding: every coding must be a token (else 400) — empty list
 * elements are skipped, as RFC 9110 §5.6.1.2 requires ("a recipient MUST parse and ignore a
 * reasonable number of empty list elements": {@code , chunked} is chunked), but a field with
 * no coding at all is 400 —, chunked must
 * be the final coding (§6.3 item 4, else 400) and appear only once (400); a coding before
 * it must be one the server can undo, {@link TransferCodings#DECODABLE} (gzip, x-gzip,
 * deflate: the connection inflates the body once it is read), else 501 (§6.1); then the
 * framing is {@link #CHUNKED}, with or without those codings.
 * Content-Length: exactly one field line (repeats, even identical, → 400) whose value is
 * 1*DIGIT (signs, spaces, lists → 400); more than {@code maxBodyBytes} → 413 (without
 * overflowing a long on 30 digits). Neither field → {@link #NONE} (§6.3 item 7).
 *
 * @param kind   no body, a Content-Length body, or a chunked body
 * @param length the Content-Length ({@code FIXED}), else 0
 */
public record BodyLength(Kind kind, long length) {
    public enum Kind { NONE, FIXED, CHUNKED }

    public static final BodyLength NONE = new BodyLength(Kind.NONE, 0);
    public static final BodyLength CHUNKED = new BodyLength(Kind.CHUNKED, 0);

    /** A body of exactly {@code n} octets (0 is {@link #NONE}). */
    public static BodyLength fixed(long n) {
        return n == 0 ? NONE : new BodyLength(Kind.FIXED, n);
    }

    /** The body length of {@code head}, or the error to answer. */
    public static BodyLength of(RequestHead head, long maxBodyBytes) throws HttpException {
        throw StubException.notImplemented("3.03", "Message body length (RFC 9112 §6.3)", "day3-http11/README.md#message-body-length");
    }
}
