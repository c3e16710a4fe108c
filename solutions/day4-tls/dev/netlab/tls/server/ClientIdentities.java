package dev.netlab.tls.server;

import dev.netlab.tls.der.CertificateReader;
import dev.netlab.tls.der.DerException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Mutual TLS from the server's side: ask for a client certificate (RFC 8446 §4.3.2,
 * CertificateRequest), let the trust manager verify it against the lab CA (your
 * {@code PathValidator} with purpose CLIENT, through the given {@code LabTrustManager}), and map
 * the verified certificate to an identity.
 *
 * <ul>
 *   <li>{@link Mode#NEED}: a client without a certificate is refused during the handshake. In
 *       TLS 1.3 that is the {@code certificate_required} alert (RFC 8446 §4.4.2.4: "If the client
 *       does not send any certificates ..., the server MAY at its discretion either continue the
 *       handshake without client authentication or abort the handshake with a
 *       "certificate_required" alert"); a certificate the trust manager refuses gets the alert
 *       of its {@code TrustFailure} ({@code unknown_ca} for another CA).</li>
 *   <li>{@link Mode#WANT}: a certificate is asked for but not required; {@link #identify}
 *       returns empty for a client without one.</li>
 *   <li>{@link Mode#NONE}: no CertificateRequest.</li>
 * </ul>
 *
 * The identity is the subject's common name, read with your {@code CertificateReader}, and the
 * certificate's SHA-256 fingerprint (the DER, as {@code openssl x509 -fingerprint -sha256} prints
 * it). Identify only after the handshake: {@code session.getPeerCertificates()} then holds the
 * chain the trust manager accepted.
 */
public final class ClientIdentities {
    /** Whether and how a client certificate is asked for. */
    public enum Mode { NONE, WANT, NEED }

    private final Mode mode;

    public ClientIdentities(Mode mode) {
        this.mode = mode;
    }

    public Mode mode() {
        return mode;
    }

    /** {@code parameters} asking for client certificates as the mode says (the same object, for chaining). */
    public SSLParameters apply(SSLParameters parameters) {
        switch (mode) {
            case NEED -> parameters.setNeedClientAuth(true);
            case WANT -> parameters.setWantClientAuth(true);
            case NONE -> {
                parameters.setNeedClientAuth(false);
                parameters.setWantClientAuth(false);
            }
        }
        return parameters;
    }

    /** The client of a finished handshake, or empty when it sent no certificate. */
    public Optional<ClientIdentity> identify(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException none) {
            return Optional.empty();
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        return Optional.of(identify(leaf));
    }

    /** The identity of a verified client certificate. */
    public static ClientIdentity identify(X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            String name = CertificateReader.read(der).subjectCommonName();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("the client certificate has no common name to map");
            }
            String fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
            return new ClientIdentity(name, fingerprint);
        } catch (GeneralSecurityException | DerException e) {
            throw new IllegalArgumentException("the client certificate cannot be read: " + e.getMessage(), e);
        }
    }
}
