package dev.netlab.tls.trust;

import dev.netlab.kit.StubException;
import dev.netlab.tls.der.Oids;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Builds and validates a certification path from a peer's certificate to a trust anchor
 * (RFC 5280 §6, the parts a TLS peer needs), naming each refusal by its {@link TrustFailure}.
 *
 * <pre>
 *   presented by the peer                  trusted here
 *   leaf ── issued by ──▶ intermediate ── issued by ──▶ anchor (the lab CA)
 *   subject CN=localhost   subject CN=...                 self-signed, in the trust store
 *   issuer = intermediate.subject, signature checked with intermediate's key ...
 * </pre>
 *
 * <p><b>Building</b>: start at the first certificate (RFC 8446 §4.4.2: "The sender's
 * certificate MUST come in the first CertificateEntry"); repeatedly look for its issuer
 * among the anchors, then among the other presented certificates (in any order: RFC 8446
 * allows extra and unordered ones), matching the issuer name to the subject name and checking
 * the signature with the candidate's key; stop at an anchor, at most {@link #MAX_PATH}
 * certificates long. No issuer found is {@code UNKNOWN_ISSUER}; one that matches by name but
 * whose signature fails is {@code BAD_SIGNATURE}.
 *
 * <p><b>Validating</b> the path, anchor excluded from the date checks (RFC 5280 §6.1.1:
 * an anchor is input, not a certificate under test):
 * each certificate valid at the clock's time ({@code EXPIRED}, {@code NOT_YET_VALID});
 * every issuer a CA ({@code basicConstraints cA}, {@code NOT_A_CA}) with keyCertSign if it
 * has keyUsage ({@code KEY_USAGE}) and no more CAs below it than its pathLenConstraint
 * ({@code PATH_TOO_LONG}); no critical extension other than basicConstraints, keyUsage,
 * extKeyUsage, subjectAltName and nameConstraints ({@code UNKNOWN_CRITICAL_EXTENSION});
 * the leaf's extKeyUsage, if present, allows the purpose ({@code WRONG_PURPOSE}) and its
 * keyUsage, if present, has digitalSignature ({@code KEY_USAGE}); the names of every
 * certificate below an issuer with nameConstraints are inside them ({@code NAME_CONSTRAINTS}).
 */
public final class PathValidator {
    /** The longest path built: leaf, up to six intermediates, anchor. */
    public static final int MAX_PATH = 8;

    public PathValidator(List<X509Certificate> anchors, Clock clock) {
        // keep what you need in fields (see the class comment)
    }

    /** The trust anchors. */
    public List<X509Certificate> anchors() {
        throw StubException.notImplemented("4.03", "Trust: a path to the lab CA, host names, each refusal named", "day4-tls/README.md#trust-paths-and-host-names");
    }

    /**
     * Validates {@code presented} (leaf first) for {@code purpose}.
     *
     * @return the path: the leaf, the intermediates used, the anchor last
     */
    public List<X509Certificate> validate(List<X509Certificate> presented, Purpose purpose) throws TrustException {
        throw StubException.notImplemented("4.03", "Trust: a path to the lab CA, host names, each refusal named", "day4-tls/README.md#trust-paths-and-host-names");
    }
}
