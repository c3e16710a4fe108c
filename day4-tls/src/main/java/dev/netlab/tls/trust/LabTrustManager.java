package dev.netlab.tls.trust;

import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A JSSE trust manager whose decisions are yours: {@link PathValidator} (checkpoint 4.03) for
 * the chain and {@link HostnameMatcher} for the name. Given code: it only translates between
 * JSSE and your classes.
 *
 * <p>A {@link TrustException} becomes a {@link CertificateException} whose cause is a
 * {@link CertPathValidatorException} with {@link TrustFailure#reason()}: JSSE reads that reason
 * to choose the alert it sends ({@code unknown_ca} for {@code NO_TRUST_ANCHOR},
 * {@code certificate_expired} for {@code EXPIRED}, {@code bad_certificate} for a bad signature
 * ...). A client checks the host name when its {@code SSLParameters} ask for endpoint
 * identification ({@code setEndpointIdentificationAlgorithm("HTTPS")}, as the JDK's HttpClient
 * does) against the name it connected to.
 */
public final class LabTrustManager extends X509ExtendedTrustManager {
    private final PathValidator validator;
    private final List<X509Certificate> anchors;

    public LabTrustManager(List<X509Certificate> anchors, PathValidator validator) {
        this.anchors = List.copyOf(anchors);
        this.validator = validator;
    }

    /** A trust manager for the anchors, validating with the system clock. */
    public static LabTrustManager of(List<X509Certificate> anchors) {
        return new LabTrustManager(anchors, new PathValidator(anchors, java.time.Clock.systemUTC()));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, Purpose.CLIENT, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, Purpose.CLIENT, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, Purpose.CLIENT, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        String host = null;
        if (socket instanceof SSLSocket ssl && identifiesEndpoint(ssl.getSSLParameters())) {
            host = ssl.getHandshakeSession() != null ? ssl.getHandshakeSession().getPeerHost() : null;
        }
        check(chain, Purpose.SERVER, host);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        String host = engine != null && identifiesEndpoint(engine.getSSLParameters()) ? engine.getPeerHost() : null;
        check(chain, Purpose.SERVER, host);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, Purpose.SERVER, null);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchors.toArray(X509Certificate[]::new);
    }

    private static boolean identifiesEndpoint(SSLParameters parameters) {
        return parameters.getEndpointIdentificationAlgorithm() != null;
    }

    private void check(X509Certificate[] chain, Purpose purpose, String host) throws CertificateException {
        try {
            List<X509Certificate> presented = chain == null ? List.of() : List.of(chain);
            validator.validate(presented, purpose);
            if (host != null) {
                HostnameMatcher.verify(host, presented.get(0));
            }
        } catch (TrustException e) {
            CertPathValidatorException reason = new CertPathValidatorException(e.getMessage(), null, null, -1, e.failure().reason());
            throw new CertificateException(e.getMessage(), reason);
        }
    }
}
