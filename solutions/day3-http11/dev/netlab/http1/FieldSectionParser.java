package dev.netlab.http1;

import static dev.netlab.http1.Abnf.COLON;
import static dev.netlab.http1.Abnf.CR;
import static dev.netlab.http1.Abnf.LF;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

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
 */
public final class FieldSectionParser {
    private enum State { LINE_START, NAME, VALUE, LINE_LF, END_LF, DONE }

    private final int maxCount;
    private final int maxBytes;
    private final byte[] scratch;
    private int length;
    private int nameLength;
    private int sectionBytes;
    private State state = State.LINE_START;
    private HeaderFields fields = new HeaderFields();

    /** A parser that allows at most {@code maxCount} field lines and {@code maxBytes} octets (CRLFs included). */
    public FieldSectionParser(int maxCount, int maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
        this.scratch = new byte[maxBytes];
    }

    /** True once the empty line is consumed; false when {@code in} ran out first. */
    public boolean read(ByteBuffer in) throws HttpException {
        while (state != State.DONE && in.hasRemaining()) {
            byte b = in.get();
            // Enforced at the first octet past the budget (RFC 6585 §5: 431).
            if (++sectionBytes > maxBytes) {
                throw HttpException.closing(Status.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "header section larger than " + maxBytes + " octets");
            }
            switch (state) {
                case LINE_START -> lineStart(b);
                case NAME -> name(b);
                case VALUE -> value(b);
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
                    state = State.DONE;
                }
                case DONE -> throw new IllegalStateException("unreachable");
            }
        }
        return state == State.DONE;
    }

    private void lineStart(byte b) throws HttpException {
        if (b == CR) {
            state = State.END_LF;
        } else if (Abnf.isWhitespace(b)) {
            // RFC 9112 §5.2: a server that receives an obs-fold "MUST either reject the
            // message by sending a 400 (Bad Request) ... or replace each received obs-fold".
            // (§2.2 says the same of whitespace before the first field line.)
            throw HttpException.badRequest("obs-fold (a field line starting with whitespace) is not accepted");
        } else if (!Abnf.isTchar(b)) {
            throw HttpException.badRequest("field name is a token; 0x%02x is not a tchar".formatted(b & 0xFF));
        } else if (fields.size() == maxCount) {
            throw HttpException.closing(Status.REQUEST_HEADER_FIELDS_TOO_LARGE, "more than " + maxCount + " field lines");
        } else {
            scratch[length++] = b;
            state = State.NAME;
        }
    }

    private void name(byte b) throws HttpException {
        if (b == COLON) {
            nameLength = length;
            state = State.VALUE;
        } else if (Abnf.isWhitespace(b)) {
            // RFC 9112 §5.1: "No whitespace is allowed between the field name and colon ...
            // A server MUST reject, with a response status code of 400 (Bad Request), any
            // received request message that contains whitespace between a header field
            // name and colon."
            throw HttpException.badRequest("whitespace between a field name and the colon");
        } else if (!Abnf.isTchar(b)) {
            throw HttpException.badRequest("field name is a token; 0x%02x is not a tchar".formatted(b & 0xFF));
        } else {
            scratch[length++] = b;
        }
    }

    private void value(byte b) throws HttpException {
        if (b == CR) {
            state = State.LINE_LF;
        } else if (Abnf.isFieldVchar(b) || Abnf.isWhitespace(b)) {
            // leading OWS is not stored
            if (length > nameLength || !Abnf.isWhitespace(b)) {
                scratch[length++] = b;
            }
        } else {
            // RFC 9110 §5.5: "Field values containing CR, LF, or NUL characters are invalid
            // and dangerous"; other CTLs are not field-content either.
            throw HttpException.badRequest("invalid octet 0x%02x in a field value".formatted(b & 0xFF));
        }
    }

    private void endLine() throws HttpException {
        int end = length;
        while (end > nameLength && Abnf.isWhitespace(scratch[end - 1])) {
            end--; // trailing OWS
        }
        String name = new String(scratch, 0, nameLength, StandardCharsets.US_ASCII);
        String value = new String(scratch, nameLength, end - nameLength, StandardCharsets.ISO_8859_1);
        checkFramingField(name, value);
        fields.add(name, value);
        length = 0;
        nameLength = 0;
        state = State.LINE_START;
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
    private void checkFramingField(String name, String value) throws HttpException {
        // Most lines cannot be framing fields or look-alikes: those start with C or T and are
        // at least as long as "Content-Length". Normalise only the rest (cheap per field line).
        if (name.length() < MIN_FRAMING_NAME_LENGTH) {
            return;
        }
        char first = Character.toLowerCase(name.charAt(0));
        if (first != 'c' && first != 't') {
            return;
        }
        String normalised = REPEATED_HYPHENS.matcher(name.toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .replaceAll("-");
        boolean contentLength = normalised.equals("content-length");
        if ((contentLength || normalised.equals("transfer-encoding")) && !name.equalsIgnoreCase(normalised)) {
            throw HttpException.badRequest("field name '" + name + "' is too close to a framing field");
        }
        if (!contentLength) {
            return;
        }
        if (fields.contains("Content-Length")) {
            throw HttpException.badRequest("more than one Content-Length field line");
        }
        if (value.isEmpty() || value.length() > MAX_CONTENT_LENGTH_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw HttpException.badRequest("Content-Length is 1*DIGIT (at most " + MAX_CONTENT_LENGTH_DIGITS
                    + " digits), got '" + value + "'");
        }
    }

    private static final int MIN_FRAMING_NAME_LENGTH = "Content-Length".length();
    private static final java.util.regex.Pattern REPEATED_HYPHENS = java.util.regex.Pattern.compile("-{2,}");

    /** 999,999,999,999,999,999 still fits a long; a 19th digit might not. */
    private static final int MAX_CONTENT_LENGTH_DIGITS = 18;

    /** The fields read so far (all of them once {@link #read} returned true). */
    public HeaderFields fields() {
        return fields;
    }

    /** Ready for another section, with a new {@link HeaderFields}. */
    public void reset() {
        state = State.LINE_START;
        length = 0;
        nameLength = 0;
        sectionBytes = 0;
        fields = new HeaderFields();
    }
}
