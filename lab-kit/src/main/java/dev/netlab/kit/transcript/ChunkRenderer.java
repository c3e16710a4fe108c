package dev.netlab.kit.transcript;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the bytes of one chunk as text lines, with an optional caret line under one byte:
 * escaped text for mostly-printable bytes, a {@code hexdump -C} style dump for binary ones.
 *
 * <p>Escaping, one output line per input line (a line ends after each LF byte):
 * <pre>
 *   0x0d CR  → \r        0x20..0x7e printable ASCII → as is
 *   0x0a LF  → \n        0x5c backslash             → \\ (so "\r" is never ambiguous)
 *   0x09 TAB → \t        any other byte             → \xHH (two lower-case hex digits)
 * </pre>
 * An escape is wider than its byte, so the caret's column is the width of everything
 * rendered before the byte on its line, not the byte's index.
 */
final class ChunkRenderer {
    private ChunkRenderer() {}

    /** Below this share of text bytes (printable ASCII, CR, LF, TAB) a chunk is shown as a hex dump. */
    private static final double TEXT_SHARE = 0.75;
    private static final int HEX_ROW = 16;
    private static final int HEX_GROUP = 8;
    private static final byte CR = 0x0d;
    private static final byte LF = 0x0a;
    private static final byte TAB = 0x09;
    private static final byte BACKSLASH = 0x5c;
    private static final int FIRST_PRINTABLE = 0x20;
    private static final int LAST_PRINTABLE = 0x7e;

    /** Whether {@code bytes} should be hex-dumped rather than escaped. */
    static boolean binary(byte[] bytes, int length) {
        int text = 0;
        for (int i = 0; i < length; i++) {
            if (isText(bytes[i])) {
                text++;
            }
        }
        return length > 0 && text < TEXT_SHARE * length;
    }

    /**
     * The first {@code length} bytes as lines; when {@code caret} is in {@code [0, length]} a
     * line with {@code ^} follows the line holding byte {@code caret} ({@code caret == length}:
     * just after the last byte, where a missing byte would be).
     */
    static List<String> render(byte[] bytes, int length, int caret) {
        return binary(bytes, length) ? hexDump(bytes, length, caret) : escaped(bytes, length, caret);
    }

    static List<String> escaped(byte[] bytes, int length, int caret) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int caretColumn = -1;
        for (int i = 0; i < length; i++) {
            if (i == caret) {
                caretColumn = line.length();
            }
            line.append(escape(bytes[i]));
            if (bytes[i] == LF || i == length - 1) {
                if (i == length - 1 && caret == length) {
                    caretColumn = line.length();
                }
                lines.add(line.toString());
                if (caretColumn >= 0) {
                    lines.add(" ".repeat(caretColumn) + "^");
                    caretColumn = -1;
                }
                line.setLength(0);
            }
        }
        return lines;
    }

    /** {@code 00000010  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  |GET / HTTP/1.1..|} */
    static List<String> hexDump(byte[] bytes, int length, int caret) {
        List<String> lines = new ArrayList<>();
        for (int row = 0; row < length; row += HEX_ROW) {
            StringBuilder hex = new StringBuilder(String.format("%08x  ", row));
            StringBuilder ascii = new StringBuilder();
            int caretColumn = -1;
            for (int i = row; i < row + HEX_ROW; i++) {
                if (i - row == HEX_GROUP) {
                    hex.append(' ');
                }
                if (i == caret) {
                    caretColumn = hex.length();
                }
                if (i < length) {
                    hex.append(String.format("%02x ", bytes[i] & 0xff));
                    ascii.append(isPrintable(bytes[i]) ? (char) bytes[i] : '.');
                } else {
                    hex.append("   ");
                }
            }
            lines.add(hex + " |" + ascii + "|");
            if (caretColumn >= 0) {
                lines.add(" ".repeat(caretColumn) + "^");
            }
        }
        if (caret == length && length % HEX_ROW == 0 && length > 0) {
            lines.add(" ".repeat(String.format("%08x  ", 0).length()) + "^");
        }
        return lines;
    }

    static String escape(byte b) {
        return switch (b) {
            case CR -> "\\r";
            case LF -> "\\n";
            case TAB -> "\\t";
            case BACKSLASH -> "\\\\";
            default -> isPrintable(b) ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff);
        };
    }

    private static boolean isPrintable(byte b) {
        return b >= FIRST_PRINTABLE && b <= LAST_PRINTABLE;
    }

    private static boolean isText(byte b) {
        return isPrintable(b) || b == CR || b == LF || b == TAB;
    }
}
