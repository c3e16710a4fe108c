package dev.netlab.http1;

import static dev.netlab.http1.Abnf.CR;
import static dev.netlab.http1.Abnf.LF;
import static dev.netlab.http1.Abnf.SP;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

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
 * <p>Octet by octet, with fast paths ({@link #skipRun}): the rest of a method or of a target
 * is checked in a tight loop and copied in one go, and a buffered {@code HTTP/1.1} CRLF is
 * taken whole, so only the octets where something happens (SP, anything unusual or
 * invalid, the octet past a length limit) take the octet-at-a-time path. The method becomes one of {@link Methods}' shared constants and
 * the version an enum: the target is the only {@code String} made per request line.
 */
public final class RequestLineParser {
    /** "HTTP/1.1".length(). */
    private static final int VERSION_LENGTH = 8;

    private enum State { START, START_LF, METHOD, TARGET, VERSION, LINE_LF, DONE }

    private final Limits limits;
    private final byte[] scratch;
    private int length;
    private State state = State.START;
    private String method;
    private RequestTarget target;
    private HttpVersion version;

    public RequestLineParser(Limits limits) {
        this.limits = limits;
        this.scratch = new byte[Math.max(limits.maxTargetLength(), Math.max(limits.maxMethodLength(), VERSION_LENGTH))];
    }

    /**
     * Consumes octets of {@code in} (advancing its position) up to the end of the request
     * line; true once the line is complete (then nothing more is consumed until
     * {@link #reset()}), false when {@code in} ran out first.
     */
    public boolean read(ByteBuffer in) throws HttpException {
        while (state != State.DONE && in.hasRemaining()) {
            skipRun(in);
            if (state == State.DONE || !in.hasRemaining()) {
                break;
            }
            byte b = in.get();
            switch (state) {
                // RFC 9112 §2.2: a server "SHOULD ignore at least one empty line (CRLF)
                // received prior to the request-line".
                case START -> {
                    if (b == CR) {
                        state = State.START_LF;
                    } else {
                        state = State.METHOD;
                        method(b);
                    }
                }
                case START_LF -> {
                    if (b != LF) {
                        throw HttpException.badRequest("CR without LF before the request line");
                    }
                    state = State.START;
                }
                case METHOD -> method(b);
                case TARGET -> target(b);
                case VERSION -> version(b);
                case LINE_LF -> {
                    if (b != LF) {
                        throw HttpException.badRequest("the request line must end with CRLF");
                    }
                    state = State.DONE;
                }
                case DONE -> throw new IllegalStateException("unreachable");
            }
        }
        return state == State.DONE;
    }

    /**
     * The fast paths: in the middle of a method (tchar) or a target (VCHAR), consumes the
     * octets that continue it and copies them in one go. It stops short of the length limit,
     * so the octet that crosses it goes the octet-at-a-time way and gets its 501 or 414 there.
     * At the start of the version, takes {@code HTTP/1.1} CRLF (or 1.0) whole when buffered.
     */
    private void skipRun(ByteBuffer in) {
        int from = in.position();
        int i;
        switch (state) {
            case METHOD -> {
                int allowed = Math.min(in.remaining(), limits.maxMethodLength() - length);
                i = Abnf.skipTchars(in, from, from + allowed);
            }
            case TARGET -> {
                int allowed = Math.min(in.remaining(), limits.maxTargetLength() - length);
                i = Abnf.skipVchars(in, from, from + allowed);
            }
            case VERSION -> {
                if (length == 0 && (matches(in, HTTP_1_1_CRLF) || matches(in, HTTP_1_0_CRLF))) {
                    // the usual ending, whole: the same outcome as octet by octet
                    version = in.get(from + VERSION_LENGTH - 1) == '0' ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
                    in.position(from + HTTP_1_1_CRLF.length);
                    state = State.DONE;
                }
                return;
            }
            default -> {
                return;
            }
        }
        in.get(from, scratch, length, i - from);
        in.position(i);
        length += i - from;
    }

    private static final byte[] HTTP_1_1_CRLF = "HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HTTP_1_0_CRLF = "HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Whether {@code in} holds {@code octets} at its position. */
    private static boolean matches(ByteBuffer in, byte[] octets) {
        if (in.remaining() < octets.length) {
            return false;
        }
        for (int k = 0; k < octets.length; k++) {
            if (in.get(in.position() + k) != octets[k]) {
                return false;
            }
        }
        return true;
    }

    private void method(byte b) throws HttpException {
        if (b == SP) {
            if (length == 0) {
                throw HttpException.badRequest("empty method");
            }
            method = Methods.registered(scratch, length);
            // RFC 9110 §9.1: "An origin server that receives a request method that is
            // unrecognized or not implemented SHOULD respond with the 501 status code."
            if (method == null) {
                throw HttpException.closing(Status.NOT_IMPLEMENTED, "unknown method " + take());
            }
            length = 0;
            state = State.TARGET;
        } else if (!Abnf.isTchar(b)) {
            throw HttpException.badRequest("method is a token; 0x%02x is not a tchar".formatted(b & 0xFF));
        } else if (length == limits.maxMethodLength()) {
            throw HttpException.closing(Status.NOT_IMPLEMENTED, "method longer than any this server implements");
        } else {
            scratch[length++] = b;
        }
    }

    private void target(byte b) throws HttpException {
        if (b == SP) {
            if (length == 0) {
                throw HttpException.badRequest("empty request-target (two spaces?)");
            }
            target = classify(take());
            state = State.VERSION;
        } else if (!Abnf.isVchar(b)) {
            // RFC 9112 §3.2: the target has no whitespace or control octets; a line
            // ending here is an HTTP/0.9 request, which this server does not speak.
            throw HttpException.badRequest("invalid octet 0x%02x in the request-target".formatted(b & 0xFF));
        } else if (length == limits.maxTargetLength()) {
            // RFC 9112 §3: "A server that receives a request-target longer than any URI it
            // wishes to parse MUST respond with a 414 (URI Too Long) status code."
            throw HttpException.closing(Status.URI_TOO_LONG, "request-target longer than " + limits.maxTargetLength());
        } else {
            scratch[length++] = b;
        }
    }

    private RequestTarget classify(String raw) throws HttpException {
        boolean connect = method.equals("CONNECT");
        if (raw.charAt(0) == '/' && !connect) {
            return new RequestTarget(RequestTarget.Form.ORIGIN, raw);
        }
        if (raw.equals("*")) {
            // RFC 9112 §3.2.4: asterisk-form is only used for a server-wide OPTIONS request.
            if (!method.equals("OPTIONS")) {
                throw HttpException.badRequest("asterisk-form is only for OPTIONS");
            }
            return new RequestTarget(RequestTarget.Form.ASTERISK, raw);
        }
        if (connect) {
            // RFC 9112 §3.2.3: authority-form = uri-host ":" port, only for CONNECT.
            int colon = raw.lastIndexOf(':');
            if (colon <= 0 || colon == raw.length() - 1 || raw.indexOf('/') >= 0) {
                throw HttpException.badRequest("CONNECT needs an authority-form target host:port");
            }
            return new RequestTarget(RequestTarget.Form.AUTHORITY, raw);
        }
        // RFC 9112 §3.2.2: absolute-form = absolute-URI; scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
        int colon = raw.indexOf(':');
        if (colon > 0 && Character.isLetter(raw.charAt(0))) {
            for (int i = 1; i < colon; i++) {
                char c = raw.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                    throw HttpException.badRequest("invalid scheme in an absolute-form target");
                }
            }
            return new RequestTarget(RequestTarget.Form.ABSOLUTE, raw);
        }
        throw HttpException.badRequest("request-target is neither origin-form nor absolute-form: " + raw);
    }

    private void version(byte b) throws HttpException {
        if (b != CR) {
            // Checked octet by octet against "HTTP/" DIGIT "." DIGIT, so a wrong version is
            // answered without waiting for the end of the line.
            boolean fits = switch (length) {
                case 0, 1, 2, 3, 4 -> b == "HTTP/".charAt(length);
                case 5, 7 -> isDigit((char) b);
                case 6 -> b == '.';
                default -> false;
            };
            if (!fits) {
                throw HttpException.badRequest("HTTP-version must be HTTP/DIGIT.DIGIT");
            }
            if (length == 5 && b != '1') {
                // RFC 9110 §15.6.6: 505 when the server does not support the major version.
                throw HttpException.closing(Status.HTTP_VERSION_NOT_SUPPORTED, "HTTP/" + (char) b + ".x is not spoken here");
            }
            scratch[length++] = b;
            return;
        }
        // Every octet so far was checked as it came: only a short version is left to refuse.
        if (length != VERSION_LENGTH) {
            throw HttpException.badRequest("HTTP-version must be HTTP/DIGIT.DIGIT, got " + take());
        }
        int minor = scratch[7] - '0';
        length = 0;
        // RFC 9110 §6.2: a higher minor version than implemented is processed as the highest one.
        version = minor == 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        state = State.LINE_LF;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The octets gathered so far as text (they are all US-ASCII: tchar, VCHAR or the version's). */
    private String take() {
        String s = new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
        length = 0;
        return s;
    }

    /** Whether no octet of a request line has been consumed since the last reset (empty lines excepted). */
    public boolean atStart() {
        return state == State.START;
    }

    public String method() {
        return method;
    }

    public RequestTarget target() {
        return target;
    }

    public HttpVersion version() {
        return version;
    }

    /** Ready for the next request line. */
    public void reset() {
        state = State.START;
        length = 0;
        method = null;
        target = null;
        version = null;
    }
}
