package dev.netlab.http1;

import static dev.netlab.http1.Abnf.COLON;
import static dev.netlab.http1.Abnf.CR;
import static dev.netlab.http1.Abnf.LF;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
 * <p>Two paths, one set of rules (STYLE.md §6). The fast path takes a whole field line
 * when it is already buffered and well formed ({@link #wholeLine}): a tight loop per part,
 * one copy. Anything else (a line cut by the end of the input, an invalid octet, the
 * budget or the line count reached) goes octet by octet through the state machine, which
 * finds the error, if any, at its exact octet; within it, the rest of a name or of a value
 * is still skipped in one loop ({@link #skipRun}). So any split of the input gives the same
 * fields and the same errors at the same octet.
 *
 * <p>No {@code String} is made while reading: the section's octets are kept as received,
 * with the offsets of each name and value, and {@link HeaderFields} decodes a value only
 * when someone asks for it.
 */
public final class FieldSectionParser {
    private enum State { LINE_START, NAME, VALUE_START, VALUE, LINE_LF, END_LF, DONE }

    /** Offsets per field line in {@link #spans}: name start, name end, value start, value end. */
    private static final int SPAN = 4;
    /** The shortest field line, "a:" CRLF: no section of maxBytes octets has more lines than maxBytes / 4. */
    private static final int SHORTEST_LINE = 4;

    private final int maxCount;
    private final int maxBytes;
    /** The section as received, CRLFs included: octets[k] is its k-th octet. */
    private final byte[] octets;
    private final int[] spans;
    private int sectionBytes;
    private int count;
    private int nameStart;
    private int nameEnd;
    private int valueStart;
    private boolean sawContentLength;
    private State state = State.LINE_START;
    private HeaderFields fields;

    /** A parser that allows at most {@code maxCount} field lines and {@code maxBytes} octets (CRLFs included). */
    public FieldSectionParser(int maxCount, int maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
        this.octets = new byte[maxBytes];
        this.spans = new int[SPAN * Math.min(maxCount, maxBytes / SHORTEST_LINE + 1)];
    }

    /** True once the empty line is consumed; false when {@code in} ran out first. */
    public boolean read(ByteBuffer in) throws HttpException {
        while (state != State.DONE && in.hasRemaining()) {
            if (state == State.LINE_START && wholeLine(in)) {
                continue;
            }
            skipRun(in);
            if (!in.hasRemaining()) {
                break;
            }
            byte b = in.get();
            // Enforced at the first octet past the budget (RFC 6585 §5: 431).
            if (sectionBytes == maxBytes) {
                throw HttpException.closing(Status.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "header section larger than " + maxBytes + " octets");
            }
            int at = sectionBytes++;
            octets[at] = b;
            switch (state) {
                case LINE_START -> lineStart(b, at);
                case NAME -> name(b, at);
                case VALUE_START -> valueStart(b, at);
                case VALUE -> value(b, at);
                case LINE_LF -> {
                    if (b != LF) {
                        throw HttpException.badRequest("CR not followed by LF in a field line");
                    }
                    endLine();
                }
                case END_LF -> {
                    if (b != LF) {
                        throw HttpException.badRequest("CR not followed by LF after the field lines");
                    }
                    fields = snapshot();
                    state = State.DONE;
                }
                case DONE -> throw new IllegalStateException("unreachable");
            }
        }
        return state == State.DONE;
    }

    /**
     * The fast path, at the start of a line: if the input holds a whole well-formed field
     * line within the budget, {@code token ":" OWS field-content CRLF}, consumes and
     * records it and returns true. Otherwise it consumes nothing and returns false, and the
     * octet-at-a-time path takes the line (also the empty line that ends the section).
     */
    private boolean wholeLine(ByteBuffer in) throws HttpException {
        if (count == maxCount) {
            return false; // the first octet of this line is 431: let the slow path say so
        }
        int from = in.position();
        int end = from + Math.min(in.remaining(), maxBytes - sectionBytes);
        int i = Abnf.skipTchars(in, from, end);
        if (i == from || i == end || in.get(i) != COLON) {
            return false;
        }
        int colon = i++;
        while (i < end && Abnf.isWhitespace(in.get(i))) {
            i++; // leading OWS
        }
        int value = i;
        i = Abnf.skipFieldContent(in, i, end);
        if (i + 1 >= end || in.get(i) != CR || in.get(i + 1) != LF) {
            return false;
        }
        // Well formed: copy the line, CRLF included, and note where its parts lie.
        int offset = sectionBytes - from; // section offset = buffer index + offset
        int lineEnd = i + 2;
        in.get(from, octets, sectionBytes, lineEnd - from);
        in.position(lineEnd);
        sectionBytes += lineEnd - from;
        nameStart = from + offset;
        nameEnd = colon + offset;
        valueStart = value + offset;
        endValue(i + offset);
        endLine();
        return true;
    }

    /**
     * Within the octet-at-a-time path: in the middle of a name or a value, consumes the
     * octets that continue it (tchar for a name; field-vchar, SP and HTAB for a value) up to
     * the first one that needs a decision, and copies them in one go. It stops at the octet
     * budget, so the octet that crosses it goes the octet-at-a-time way and is 431 there.
     */
    private void skipRun(ByteBuffer in) {
        int from = in.position();
        int end = from + Math.min(in.remaining(), maxBytes - sectionBytes);
        int i = switch (state) {
            case NAME -> Abnf.skipTchars(in, from, end);
            case VALUE -> Abnf.skipFieldContent(in, from, end);
            default -> from;
        };
        in.get(from, octets, sectionBytes, i - from);
        in.position(i);
        sectionBytes += i - from;
    }

    private void lineStart(byte b, int at) throws HttpException {
        if (b == CR) {
            state = State.END_LF;
        } else if (Abnf.isWhitespace(b)) {
            // RFC 9112 §5.2: a server that receives an obs-fold "MUST either reject the
            // message by sending a 400 (Bad Request) ... or replace each received obs-fold".
            // (§2.2 says the same of whitespace before the first field line.)
            throw HttpException.badRequest("obs-fold (a field line starting with whitespace) is not accepted");
        } else if (!Abnf.isTchar(b)) {
            throw HttpException.badRequest("field name is a token; 0x%02x is not a tchar".formatted(b & 0xFF));
        } else if (count == maxCount) {
            throw HttpException.closing(Status.REQUEST_HEADER_FIELDS_TOO_LARGE, "more than " + maxCount + " field lines");
        } else {
            nameStart = at;
            state = State.NAME;
        }
    }

    private void name(byte b, int at) throws HttpException {
        if (b == COLON) {
            nameEnd = at;
            state = State.VALUE_START;
        } else if (Abnf.isWhitespace(b)) {
            // RFC 9112 §5.1: "No whitespace is allowed between the field name and colon ...
            // A server MUST reject, with a response status code of 400 (Bad Request), any
            // received request message that contains whitespace between a header field
            // name and colon."
            throw HttpException.badRequest("whitespace between a field name and the colon");
        } else if (!Abnf.isTchar(b)) {
            throw HttpException.badRequest("field name is a token; 0x%02x is not a tchar".formatted(b & 0xFF));
        }
        // else: one more tchar of the name
    }

    /** After the colon: OWS, which is not part of the value (RFC 9112 §5.1). */
    private void valueStart(byte b, int at) throws HttpException {
        if (b == CR) {
            valueStart = at; // an empty value
            endValue(at);
        } else if (Abnf.isWhitespace(b)) {
            return; // leading OWS
        } else if (Abnf.isFieldVchar(b)) {
            valueStart = at;
            state = State.VALUE;
        } else {
            throw invalidValueOctet(b);
        }
    }

    private void value(byte b, int at) throws HttpException {
        if (b == CR) {
            endValue(at);
        } else if (!isFieldContent(b)) {
            throw invalidValueOctet(b);
        }
        // else: one more octet of the value
    }

    /** At the CR after a value: trailing OWS is not part of it either. */
    private void endValue(int cr) {
        int end = cr;
        while (end > valueStart && Abnf.isWhitespace(octets[end - 1])) {
            end--;
        }
        spans[count * SPAN] = nameStart;
        spans[count * SPAN + 1] = nameEnd;
        spans[count * SPAN + 2] = valueStart;
        spans[count * SPAN + 3] = end;
        state = State.LINE_LF;
    }

    private void endLine() throws HttpException {
        checkFramingField();
        count++;
        state = State.LINE_START;
    }

    /** field-content: VCHAR / obs-text / SP / HTAB. */
    private static boolean isFieldContent(byte b) {
        return Abnf.isFieldVchar(b) || Abnf.isWhitespace(b);
    }

    private static HttpException invalidValueOctet(byte b) {
        // RFC 9110 §5.5: "Field values containing CR, LF, or NUL characters are invalid
        // and dangerous"; other CTLs are not field-content either.
        return HttpException.badRequest("invalid octet 0x%02x in a field value".formatted(b & 0xFF));
    }

    /**
     * Framing fields are judged at their own field line (STYLE.md §9), before the rest of
     * the section arrives: a second {@code Content-Length} line, or one that is not
     * 1*DIGIT or does not fit 63 bits, is 400 at once (RFC 9112 §6.3 item 5: an invalid
     * Content-Length "MUST" be treated as an unrecoverable error). A name that differs
     * from Content-Length or Transfer-Encoding only by '_' or repeated '-'
     * ({@code Transfer_Encoding}, {@code Content---Length}) is a legal token, but some proxies
     * normalise it into the real field and others do not: a desync waiting to happen, so 400.
     */
    private void checkFramingField() throws HttpException {
        // Most lines cannot be framing fields or look-alikes: those start with C or T and are
        // at least as long as "Content-Length". Compare only the rest, on the octets.
        if (nameEnd - nameStart < MIN_FRAMING_NAME_LENGTH) {
            return;
        }
        int first = lowerCase(octets[nameStart]);
        if (first != 'c' && first != 't') {
            return;
        }
        Likeness contentLength = likeness("content-length");
        Likeness transferEncoding = likeness("transfer-encoding");
        if (contentLength == Likeness.LOOK_ALIKE || transferEncoding == Likeness.LOOK_ALIKE) {
            throw HttpException.badRequest("field name '" + text(nameStart, nameEnd) + "' is too close to a framing field");
        }
        if (contentLength != Likeness.SAME) {
            return;
        }
        if (sawContentLength) {
            throw HttpException.badRequest("more than one Content-Length field line");
        }
        sawContentLength = true;
        int valueEnd = spans[count * SPAN + 3];
        boolean digits = valueEnd > valueStart && valueEnd - valueStart <= MAX_CONTENT_LENGTH_DIGITS;
        for (int k = valueStart; digits && k < valueEnd; k++) {
            digits = octets[k] >= '0' && octets[k] <= '9';
        }
        if (!digits) {
            throw HttpException.badRequest("Content-Length is 1*DIGIT (at most " + MAX_CONTENT_LENGTH_DIGITS
                    + " digits), got '" + text(valueStart, valueEnd) + "'");
        }
    }

    private enum Likeness { OTHER, SAME, LOOK_ALIKE }

    /**
     * How the current field name compares to {@code framingName} (lower case) once normalised
     * as a lenient proxy might: lower-cased, '_' turned into '-', runs of '-' made one.
     * SAME: it is that name (in any case); LOOK_ALIKE: only the normalising made it so.
     */
    private Likeness likeness(String framingName) {
        int matched = 0;
        boolean normalised = false;
        int previous = 0;
        for (int k = nameStart; k < nameEnd; k++) {
            int c = lowerCase(octets[k]);
            if (c == '_') {
                c = '-';
                normalised = true;
            }
            if (c == '-' && previous == '-') {
                normalised = true;
                continue;
            }
            previous = c;
            if (matched == framingName.length() || framingName.charAt(matched) != c) {
                return Likeness.OTHER;
            }
            matched++;
        }
        if (matched != framingName.length()) {
            return Likeness.OTHER;
        }
        return normalised ? Likeness.LOOK_ALIKE : Likeness.SAME;
    }

    private static int lowerCase(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** Octets of the section as text, for error messages. */
    private String text(int start, int end) {
        return new String(octets, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private static final int MIN_FRAMING_NAME_LENGTH = "Content-Length".length();

    /** 999,999,999,999,999,999 still fits a long; a 19th digit might not. */
    private static final int MAX_CONTENT_LENGTH_DIGITS = 18;

    /** The fields read so far (all of them once {@link #read} returned true). */
    public HeaderFields fields() {
        return fields != null ? fields : snapshot();
    }

    /** The complete field lines so far, in a {@link HeaderFields} of their own (copies, not views). */
    private HeaderFields snapshot() {
        if (count == 0) {
            return new HeaderFields();
        }
        return HeaderFields.parsed(Arrays.copyOf(octets, sectionBytes), Arrays.copyOf(spans, count * SPAN), count);
    }

    /** Ready for another section, with a new {@link HeaderFields}. */
    public void reset() {
        state = State.LINE_START;
        sectionBytes = 0;
        count = 0;
        sawContentLength = false;
        fields = null;
    }
}
