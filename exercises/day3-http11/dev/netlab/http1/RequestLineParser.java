package dev.netlab.http1;

import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;

/**
 * Reads a request line, resumably, one octet at a time (RFC 9112 §3).
 *
 * <pre>
 *   request-line = method SP request-target SP HTTP-version CRLF
 *   method       = token                                   ; case-sensitive, RFC 9110 §9.1
 *   HTTP-version = "HTTP" "/" DIGIT "." DIGIT               ; RFC 9112 §2.3
 *
 *   G E T ␠ / i n d e x . h t m l ␠ H T T P / 1 . 1 ␍ ␊
 *   └method┘ └──── request-target ──┘ └─HTTP-version─┘
 * </pre>
 *
 * <p>Your job: {@code read} consumes octets until the CRLF that ends the line and may be
 * called again and again with whatever arrived (one octet, or the line and more: never
 * consume past the LF). Use one {@code private enum State} with a case per field and a
 * scratch array sized from the {@link Limits}. Ignore empty lines (CRLF) before the line
 * (RFC 9112 §2.2); a CR there not followed by LF is 400. Every error is an
 * {@link HttpException} that closes the connection:
 * <ul>
 * <li>method: a {@link Abnf#isTchar token}, exactly one SP after it; a token that is not
 *     {@link Methods#isRegistered registered} is 501, and so is one longer than
 *     {@code maxMethodLength} (say so at that octet, without waiting for the SP);</li>
 * <li>target: visible ASCII octets ({@link Abnf#isVchar}) up to one SP; more than
 *     {@code maxTargetLength} of them is 414 at the first extra octet; classify it as
 *     origin-form ('/...', not for CONNECT), asterisk-form ('*', OPTIONS only),
 *     authority-form (host:port, CONNECT only) or absolute-form (scheme ':' ..., where
 *     {@code scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}, RFC 3986 §3.1);</li>
 * <li>version: exactly {@code HTTP/DIGIT.DIGIT} then CRLF; major 1 with minor 0 is
 *     HTTP/1.0, any other minor HTTP/1.1 (RFC 9110 §6.2); another major is 505;</li>
 * <li>anything else (two spaces, bare LF, control octets, HTTP/0.9's missing version) is 400.</li>
 * </ul>
 */
public final class RequestLineParser {
    public RequestLineParser(Limits limits) {
        // keep the limits, a scratch array and the state in fields
    }

    /** True once the line is complete (then consumes nothing until reset), false when {@code in} ran out first. */
    public boolean read(ByteBuffer in) throws HttpException {
        throw StubException.notImplemented("3.01", "Request-line parsing", "day3-http11/README.md#the-request-line");
    }

    /** Whether no octet of a request line has been consumed since the last reset (empty lines excepted). */
    public boolean atStart() {
        throw StubException.notImplemented("3.01", "Request-line parsing", "day3-http11/README.md#the-request-line");
    }

    public String method() {
        throw StubException.notImplemented("3.01", "Request-line parsing", "day3-http11/README.md#the-request-line");
    }

    public RequestTarget target() {
        throw StubException.notImplemented("3.01", "Request-line parsing", "day3-http11/README.md#the-request-line");
    }

    public HttpVersion version() {
        throw StubException.notImplemented("3.01", "Request-line parsing", "day3-http11/README.md#the-request-line");
    }

    /** Ready for the next request line. */
    public void reset() {
        throw StubException.notImplemented("3.01", "Request-line parsing", "day3-http11/README.md#the-request-line");
    }
}
