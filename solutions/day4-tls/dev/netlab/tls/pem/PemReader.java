package dev.netlab.tls.pem;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the PEM blocks of a text (RFC 7468, "Textual Encodings of PKIX, PKCS, and CMS Structures").
 *
 * <pre>
 * explanatory text, ignored            RFC 7468 §5.2: parsers MUST ignore text outside blocks
 * -----BEGIN CERTIFICATE-----          pre-encapsulation boundary: 5 dashes, "BEGIN ", label, 5 dashes
 * MIIBszCCAVmgAwIBAgIUZ...             base64 (RFC 4648 §4), lines of 64 characters, '=' padding at the end
 * -----END CERTIFICATE-----            post-encapsulation boundary: the SAME label
 * </pre>
 *
 * <p>The rules this reader applies (RFC 7468 §2 and §3, "lax" parsing where the RFC allows it):
 * lines may end in LF or CRLF; whitespace inside the base64 text (spaces, tabs, line breaks) is
 * ignored; anything else that is not the base64 alphabet, a BEGIN without an END, an END with
 * another label, or a BEGIN inside a block is {@link CredentialProblem#MALFORMED_PEM}. Labels
 * are kept as written. Limits: at most {@link #MAX_BLOCKS} blocks and {@link #MAX_TEXT} characters.
 */
public final class PemReader {
    private PemReader() {}

    /** More blocks than any real chain file has (a leaf, a few intermediates, maybe a root). */
    public static final int MAX_BLOCKS = 64;
    /** One megabyte of text is far more than 64 certificates take. */
    public static final int MAX_TEXT = 1 << 20;

    private static final String DASHES = "-----";
    private static final String BEGIN = DASHES + "BEGIN ";
    private static final String END = DASHES + "END ";

    /** Every block of {@code text}, in order; an empty list when there is none. */
    public static List<PemBlock> read(String text) throws CredentialException {
        if (text.length() > MAX_TEXT) {
            throw new CredentialException(CredentialProblem.MALFORMED_PEM, "more than " + MAX_TEXT + " characters of PEM");
        }
        List<PemBlock> blocks = new ArrayList<>();
        String label = null;
        StringBuilder base64 = new StringBuilder();
        int lineNumber = 0;
        for (String raw : text.split("\n", -1)) {
            lineNumber++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            String trimmed = line.strip();
            if (label == null) {
                if (trimmed.startsWith(BEGIN)) {
                    label = boundaryLabel(trimmed, BEGIN, lineNumber);
                    base64.setLength(0);
                } else if (trimmed.startsWith(END)) {
                    throw new CredentialException(CredentialProblem.MALFORMED_PEM,
                            "line " + lineNumber + ": an END line without a BEGIN before it");
                }
                continue; // explanatory text between blocks
            }
            if (trimmed.startsWith(BEGIN)) {
                throw new CredentialException(CredentialProblem.MALFORMED_PEM,
                        "line " + lineNumber + ": BEGIN inside the block '" + label + "' (its END line is missing)");
            }
            if (trimmed.startsWith(END)) {
                String endLabel = boundaryLabel(trimmed, END, lineNumber);
                if (!endLabel.equals(label)) {
                    throw new CredentialException(CredentialProblem.MALFORMED_PEM, "line " + lineNumber
                            + ": END " + endLabel + " closes BEGIN " + label + " (RFC 7468 §2: the labels must be the same)");
                }
                blocks.add(new PemBlock(label, decode(base64, label, lineNumber)));
                if (blocks.size() > MAX_BLOCKS) {
                    throw new CredentialException(CredentialProblem.MALFORMED_PEM, "more than " + MAX_BLOCKS + " PEM blocks");
                }
                label = null;
                continue;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == ' ' || c == '\t' || c == '\r') {
                    continue;
                }
                if (!isBase64(c)) {
                    throw new CredentialException(CredentialProblem.MALFORMED_PEM, String.format(
                            "line %d, column %d: '%s' is not base64 (inside the block '%s')", lineNumber, i + 1,
                            printable(c), label));
                }
                base64.append(c);
            }
        }
        if (label != null) {
            throw new CredentialException(CredentialProblem.MALFORMED_PEM, "BEGIN " + label + " has no END line");
        }
        return blocks;
    }

    /** The blocks of {@code text} with label {@code label} ({@code CERTIFICATE}, {@code PRIVATE KEY}), in order. */
    public static List<PemBlock> read(String text, String label) throws CredentialException {
        return read(text).stream().filter(b -> b.label().equals(label)).toList();
    }

    /** The label of a boundary line: "-----BEGIN CERTIFICATE-----" gives "CERTIFICATE". */
    private static String boundaryLabel(String line, String prefix, int lineNumber) throws CredentialException {
        if (!line.endsWith(DASHES) || line.length() < prefix.length() + DASHES.length()) {
            throw new CredentialException(CredentialProblem.MALFORMED_PEM,
                    "line " + lineNumber + ": a boundary must end with five dashes: " + line);
        }
        String label = line.substring(prefix.length(), line.length() - DASHES.length());
        // RFC 7468 §3: label = [ labelchar *( ["-" / SP] labelchar ) ], labelchar = %x21-2C / %x2E-7E
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new CredentialException(CredentialProblem.MALFORMED_PEM,
                        "line " + lineNumber + ": the label has a character outside printable ASCII");
            }
        }
        return label;
    }

    private static byte[] decode(CharSequence base64, String label, int lineNumber) throws CredentialException {
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new CredentialException(CredentialProblem.MALFORMED_PEM, "the block '" + label + "' ending on line "
                    + lineNumber + " is not valid base64: " + e.getMessage(), e);
        }
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
