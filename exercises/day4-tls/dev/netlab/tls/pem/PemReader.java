package dev.netlab.tls.pem;

import dev.netlab.kit.StubException;
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

    /** Every block of {@code text}, in order; an empty list when there is none. */
    public static List<PemBlock> read(String text) throws CredentialException {
        throw StubException.notImplemented("4.01", "PEM and PKCS#8: a chain and a key into an SSLContext", "day4-tls/README.md#pem-and-pkcs8");
    }

    /** The blocks of {@code text} with label {@code label} ({@code CERTIFICATE}, {@code PRIVATE KEY}), in order. */
    public static List<PemBlock> read(String text, String label) throws CredentialException {
        throw StubException.notImplemented("4.01", "PEM and PKCS#8: a chain and a key into an SSLContext", "day4-tls/README.md#pem-and-pkcs8");
    }
}
