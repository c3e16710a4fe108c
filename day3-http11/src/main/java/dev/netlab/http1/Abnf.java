package dev.netlab.http1;

import java.nio.ByteBuffer;

/**
 * The character classes of HTTP's grammar as lookup tables, one octet at a time
 * (RFC 9110 §5.6, RFC 9112 §2, RFC 5234 Appendix B.1).
 *
 * <pre>
 *   tchar   = "!" / "#" / "$" / "%" / "&amp;" / "'" / "*" / "+" / "-" / "." /
 *             "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA      ; token = 1*tchar
 *   OWS     = *( SP / HTAB )                                   ; optional whitespace
 *   field-vchar = VCHAR / obs-text                             ; VCHAR = %x21-7E, obs-text = %x80-FF
 * </pre>
 */
public final class Abnf {
    private Abnf() {}

    public static final byte CR = '\r';
    public static final byte LF = '\n';
    public static final byte SP = ' ';
    public static final byte HTAB = '\t';
    public static final byte COLON = ':';

    private static final boolean[] TCHAR = new boolean[256];
    /** VCHAR: %x21-7E. */
    private static final boolean[] VCHAR = new boolean[256];
    /** field-content octets: VCHAR / obs-text / SP / HTAB (RFC 9110 §5.5). */
    private static final boolean[] FIELD_CONTENT = new boolean[256];

    static {
        for (int b = 0x21; b <= 0x7E; b++) {
            VCHAR[b] = true;
            FIELD_CONTENT[b] = true;
        }
        for (int b = 0x80; b <= 0xFF; b++) {
            FIELD_CONTENT[b] = true;
        }
        FIELD_CONTENT[SP] = true;
        FIELD_CONTENT[HTAB] = true;
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[Character.toUpperCase(c)] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    /** Whether the octet (0..255, or a signed byte) may appear in a token. */
    public static boolean isTchar(int b) {
        return TCHAR[b & 0xFF];
    }

    /** SP or HTAB: the octets of OWS and BWS. */
    public static boolean isWhitespace(int b) {
        return b == SP || b == HTAB;
    }

    /** VCHAR or obs-text: a visible octet of a field value. */
    public static boolean isFieldVchar(int b) {
        int u = b & 0xFF;
        return (u >= 0x21 && u <= 0x7E) || u >= 0x80;
    }

    /** A visible US-ASCII octet (%x21-7E), as in a request-target. */
    public static boolean isVchar(int b) {
        int u = b & 0xFF;
        return u >= 0x21 && u <= 0x7E;
    }

    /** Whether every char of {@code s} is a tchar and it is not empty. */
    public static boolean isToken(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF || !TCHAR[c]) {
                return false;
            }
        }
        return true;
    }

    /** HEXDIG's value, or -1. */
    public static int hexValue(int b) {
        return switch (b) {
            case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> b - '0';
            case 'a', 'b', 'c', 'd', 'e', 'f' -> b - 'a' + 10;
            case 'A', 'B', 'C', 'D', 'E', 'F' -> b - 'A' + 10;
            default -> -1;
        };
    }

    /*
     * Runs of one class. A parser's fast path asks "how far does this name (or value, or
     * target) go?" and then handles the octet that ends it. These read by index and leave
     * the buffer's position alone; each returns the index of the first octet in [from, end)
     * outside the class, or end.
     */

    /** The end of the run of tchar (a field name or method) starting at {@code from}. */
    public static int skipTchars(ByteBuffer in, int from, int end) {
        return skip(in, from, end, TCHAR);
    }

    /** The end of the run of VCHAR (a request-target) starting at {@code from}. */
    public static int skipVchars(ByteBuffer in, int from, int end) {
        return skip(in, from, end, VCHAR);
    }

    /** The end of the run of field-content octets (VCHAR, obs-text, SP, HTAB) starting at {@code from}. */
    public static int skipFieldContent(ByteBuffer in, int from, int end) {
        return skip(in, from, end, FIELD_CONTENT);
    }

    private static int skip(ByteBuffer in, int from, int end, boolean[] octetClass) {
        int i = from;
        if (in.hasArray()) {
            // The same loop on the backing array: a heap buffer's get(i) checks the index
            // (and, since JDK 22, a memory session) on every call, which was about a sixth
            // of the parser's time in a JFR profile of the http1-parser benchmark.
            byte[] octets = in.array();
            int offset = in.arrayOffset();
            while (i < end && octetClass[octets[offset + i] & 0xFF]) {
                i++;
            }
        } else {
            while (i < end && octetClass[in.get(i) & 0xFF]) {
                i++;
            }
        }
        return i;
    }
}
