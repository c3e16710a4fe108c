package dev.netlab.http1;

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

    static {
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
}
