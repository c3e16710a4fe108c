package dev.netlab.tls.trust;

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
    private static final Set<String> KNOWN_CRITICAL = Set.of(Oids.BASIC_CONSTRAINTS, Oids.KEY_USAGE,
            Oids.EXTENDED_KEY_USAGE, Oids.SUBJECT_ALT_NAME, Oids.NAME_CONSTRAINTS);
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;

    private final List<X509Certificate> anchors;
    private final Clock clock;

    public PathValidator(List<X509Certificate> anchors, Clock clock) {
        this.anchors = List.copyOf(anchors);
        this.clock = clock;
    }

    /** The trust anchors. */
    public List<X509Certificate> anchors() {
        return anchors;
    }

    /**
     * Validates {@code presented} (leaf first) for {@code purpose}.
     *
     * @return the path: the leaf, the intermediates used, the anchor last
     */
    public List<X509Certificate> validate(List<X509Certificate> presented, Purpose purpose) throws TrustException {
        if (presented.isEmpty()) {
            throw new TrustException(TrustFailure.NO_CERTIFICATE, "the peer sent no certificate");
        }
        List<X509Certificate> path = build(presented);
        Date now = Date.from(clock.instant());
        int last = path.size() - 1; // the anchor
        for (int i = 0; i < last; i++) {
            X509Certificate certificate = path.get(i);
            checkDates(certificate, now);
            for (String critical : nonNull(certificate.getCriticalExtensionOIDs())) {
                if (!KNOWN_CRITICAL.contains(critical)) {
                    throw new TrustException(TrustFailure.UNKNOWN_CRITICAL_EXTENSION, name(certificate)
                            + " has the critical extension " + critical + ", which this validator does not process");
                }
            }
        }
        for (int i = 1; i <= last; i++) {
            checkIssuer(path.get(i), i - 1);
        }
        checkLeaf(path.get(0), purpose);
        NameConstraintsCheck.check(path);
        return path;
    }

    private List<X509Certificate> build(List<X509Certificate> presented) throws TrustException {
        List<X509Certificate> path = new ArrayList<>();
        path.add(presented.get(0));
        while (true) {
            X509Certificate current = path.get(path.size() - 1);
            if (anchors.contains(current)) {
                return path; // the peer sent the anchor itself
            }
            boolean nameMatched = false;
            for (X509Certificate anchor : anchors) {
                if (current.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())) {
                    nameMatched = true;
                    if (signedBy(current, anchor)) {
                        path.add(anchor);
                        return path;
                    }
                }
            }
            X509Certificate next = null;
            for (X509Certificate candidate : presented.subList(1, presented.size())) {
                if (!path.contains(candidate)
                        && current.getIssuerX500Principal().equals(candidate.getSubjectX500Principal())) {
                    nameMatched = true;
                    if (signedBy(current, candidate)) {
                        next = candidate;
                        break;
                    }
                }
            }
            if (next == null) {
                if (nameMatched) {
                    throw new TrustException(TrustFailure.BAD_SIGNATURE, "the signature on " + name(current)
                            + " does not verify with the key of " + current.getIssuerX500Principal().getName());
                }
                throw new TrustException(TrustFailure.UNKNOWN_ISSUER, name(current) + " is issued by "
                        + current.getIssuerX500Principal().getName()
                        + ", which is neither a trust anchor nor among the certificates sent: an unknown CA, or a missing intermediate");
            }
            if (path.size() + 1 >= MAX_PATH) {
                throw new TrustException(TrustFailure.UNKNOWN_ISSUER, "no trust anchor within " + MAX_PATH + " certificates");
            }
            path.add(next);
        }
    }

    private static void checkDates(X509Certificate certificate, Date now) throws TrustException {
        try {
            certificate.checkValidity(now);
        } catch (CertificateExpiredException e) {
            throw new TrustException(TrustFailure.EXPIRED, name(certificate) + " expired at " + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new TrustException(TrustFailure.NOT_YET_VALID, name(certificate) + " is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
    }

    /** {@code issuer} signed a path with {@code casBelow} CA certificates between it and the leaf. */
    private static void checkIssuer(X509Certificate issuer, int casBelow) throws TrustException {
        int pathLength = issuer.getBasicConstraints(); // -1: not a CA; MAX_VALUE: no limit
        if (pathLength < 0) {
            throw new TrustException(TrustFailure.NOT_A_CA, name(issuer) + " signed a certificate but is not a CA (basicConstraints)");
        }
        boolean[] usage = issuer.getKeyUsage();
        if (usage != null && (usage.length <= KEY_CERT_SIGN || !usage[KEY_CERT_SIGN])) {
            throw new TrustException(TrustFailure.KEY_USAGE, name(issuer) + " may not sign certificates (keyUsage without keyCertSign)");
        }
        if (casBelow > pathLength) {
            throw new TrustException(TrustFailure.PATH_TOO_LONG, name(issuer) + " allows " + pathLength
                    + " CA certificate(s) below it, the path has " + casBelow);
        }
    }

    private static void checkLeaf(X509Certificate leaf, Purpose purpose) throws TrustException {
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            if (usages != null && !usages.contains(purpose.keyPurpose()) && !usages.contains(Oids.ANY_EXTENDED_KEY_USAGE)) {
                throw new TrustException(TrustFailure.WRONG_PURPOSE, name(leaf) + " is for " + usages.stream().map(Oids::name).toList()
                        + ", not " + Oids.name(purpose.keyPurpose()));
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new TrustException(TrustFailure.MALFORMED, "the extKeyUsage of " + name(leaf) + " cannot be read");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[DIGITAL_SIGNATURE]) {
            throw new TrustException(TrustFailure.KEY_USAGE, name(leaf) + " may not sign (keyUsage without digitalSignature)");
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Set<String> nonNull(Set<String> set) {
        return set == null ? Set.of() : set;
    }

    static String name(X509Certificate certificate) {
        return "the certificate of " + certificate.getSubjectX500Principal().getName();
    }
}
