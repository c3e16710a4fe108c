package dev.netlab.tls.trust;

import dev.netlab.tls.TlsAlert;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.PKIXReason;

/**
 * Why a certificate chain or a name is not trusted, each with the TLS alert that says so on
 * the wire (RFC 8446 §6.2) and the {@link CertPathValidatorException} reason through which
 * JSSE picks that alert when a trust manager refuses.
 */
public enum TrustFailure {
    /** No certificate at all where one is required (RFC 8446 §4.4.2.4: a server that needs one sends certificate_required). */
    NO_CERTIFICATE(TlsAlert.CERTIFICATE_REQUIRED, BasicReason.UNSPECIFIED),
    /** The chain does not lead to a trust anchor: unknown CA, or a missing intermediate. */
    UNKNOWN_ISSUER(TlsAlert.UNKNOWN_CA, PKIXReason.NO_TRUST_ANCHOR),
    /** A signature in the path does not verify with its issuer's key. */
    BAD_SIGNATURE(TlsAlert.BAD_CERTIFICATE, BasicReason.INVALID_SIGNATURE),
    /** A certificate is past its notAfter. */
    EXPIRED(TlsAlert.CERTIFICATE_EXPIRED, BasicReason.EXPIRED),
    /** A certificate is before its notBefore. */
    NOT_YET_VALID(TlsAlert.BAD_CERTIFICATE, BasicReason.NOT_YET_VALID),
    /** An issuer in the path is not a CA (basicConstraints cA false or absent, RFC 5280 §4.2.1.9). */
    NOT_A_CA(TlsAlert.BAD_CERTIFICATE, PKIXReason.NOT_CA_CERT),
    /** More CAs below an issuer than its pathLenConstraint allows. */
    PATH_TOO_LONG(TlsAlert.BAD_CERTIFICATE, PKIXReason.PATH_TOO_LONG),
    /** keyUsage forbids what the key is used for: a CA without keyCertSign, a leaf without digitalSignature. */
    KEY_USAGE(TlsAlert.UNSUPPORTED_CERTIFICATE, PKIXReason.INVALID_KEY_USAGE),
    /** extKeyUsage lacks serverAuth (a server's certificate) or clientAuth (a client's). */
    WRONG_PURPOSE(TlsAlert.UNSUPPORTED_CERTIFICATE, PKIXReason.INVALID_KEY_USAGE),
    /** A name outside what an issuer's nameConstraints permit (RFC 5280 §4.2.1.10). */
    NAME_CONSTRAINTS(TlsAlert.BAD_CERTIFICATE, PKIXReason.INVALID_NAME),
    /** A critical extension the validator does not know (RFC 5280 §4.2: "MUST reject"). */
    UNKNOWN_CRITICAL_EXTENSION(TlsAlert.UNSUPPORTED_CERTIFICATE, PKIXReason.UNRECOGNIZED_CRIT_EXT),
    /** The certificate is not for the host name or address the client asked for (RFC 9525 §6). */
    HOSTNAME_MISMATCH(TlsAlert.CERTIFICATE_UNKNOWN, BasicReason.UNSPECIFIED),
    /** The certificate cannot even be read. */
    MALFORMED(TlsAlert.BAD_CERTIFICATE, BasicReason.UNSPECIFIED);

    private final TlsAlert alert;
    private final CertPathValidatorException.Reason reason;

    TrustFailure(TlsAlert alert, CertPathValidatorException.Reason reason) {
        this.alert = alert;
        this.reason = reason;
    }

    /** The alert a TLS peer sends when it refuses for this cause. */
    public TlsAlert alert() {
        return alert;
    }

    /** The reason JSSE maps to {@link #alert()}, for {@link LabTrustManager}. */
    public CertPathValidatorException.Reason reason() {
        return reason;
    }
}
