package dev.netlab.http1;

import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;

/**
 * Reads a header or trailer section, resumably, up to and including the empty line that
 * ends it (RFC 9112 §5, §7.1.2).
 *
 * <pre>
 *   field-line  = field-name ":" OWS field-value OWS
 *   field-name  = token
 *   field-value = *field-content     ; VCHAR / obs-text / SP / HTAB, no CR, LF or NUL
 *
 *   H o s t : ␠ e x a m p l e . c o m ␍ ␊
 *   └ name ┘ ↑ └───── value ──────┘
 *            OWS (trimmed, as is any trailing OWS)
 *   ␍ ␊                                   ← the empty line: end of the section
 * </pre>
 *
 * <p>Your job: {@code read} consumes octets until the empty line (never past it), adding
 * each complete line to {@link #fields()}; it may be fed any piece of the section. Names
 * are tokens; values keep every {@link Abnf#isFieldVchar field-vchar}, SP and HTAB between
 * the first and last visible octet, decoded as ISO-8859-1. All errors close the connection:
 * whitespace between the name and the colon (RFC 9112 §5.1: "A server MUST reject ... with
 * ... 400"), a line starting with whitespace (obs-fold, §5.2), a name octet that is not a
 * tchar, CR/LF/NUL or another control octet in a value (RFC 9110 §5.5), CR without LF:
 * 400. Count every octet, CRLFs included: the octet that makes the section larger than
 * {@code maxBytes} is 431, and so is the first octet of a field line beyond {@code maxCount}
 * (RFC 6585 §5).
 *
 * <p>Framing fields are judged at their own line, before the section ends (checkpoints
 * 3.06/3.07): a second {@code Content-Length} line, or a value that is not 1*DIGIT of at most
 * 18 digits, is 400; so is a name that differs from {@code Content-Length} or
 * {@code Transfer-Encoding} only by '_' or repeated '-' ({@code Transfer_Encoding}): a proxy
 * might normalise it into the real field.
 */
public final class FieldSectionParser {
    /** A parser that allows at most {@code maxCount} field lines and {@code maxBytes} octets (CRLFs included). */
    public FieldSectionParser(int maxCount, int maxBytes) {
        // keep the limits, a scratch array of maxBytes, the state and a HeaderFields in fields
    }

    /** True once the empty line is consumed; false when {@code in} ran out first. */
    public boolean read(ByteBuffer in) throws HttpException {
        throw StubException.notImplemented("3.02", "Header fields: grammar, limits, case-insensitive lookup", "day3-http11/README.md#header-fields");
    }

    /** The fields read so far (all of them once {@link #read} returned true). */
    public HeaderFields fields() {
        throw StubException.notImplemented("3.02", "Header fields: grammar, limits, case-insensitive lookup", "day3-http11/README.md#header-fields");
    }

    /** Ready for another section, with a new {@link HeaderFields}. */
    public void reset() {
        throw StubException.notImplemented("3.02", "Header fields: grammar, limits, case-insensitive lookup", "day3-http11/README.md#header-fields");
    }
}
