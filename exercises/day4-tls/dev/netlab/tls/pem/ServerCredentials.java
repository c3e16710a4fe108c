package dev.netlab.tls.pem;

import dev.netlab.kit.StubException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server's certificate chain and private key, read from PEM files the way nginx reads
 * {@code ssl_certificate} and {@code ssl_certificate_key}, and turned into what JSSE needs: a
 * key store in memory, a key manager, an {@link SSLContext}. No {@code keytool}, no files
 * written.
 *
 * <p>Checked while loading, each failure a {@link CredentialException} naming its
 * {@link CredentialProblem}:
 * <ol>
 *   <li>the chain file has at least one {@code CERTIFICATE} block, each an X.509 certificate;</li>
 *   <li>the key file has a {@code PRIVATE KEY} block: PKCS#8 (RFC 5208/5958), RSA or EC (the
 *       PKCS#8 AlgorithmIdentifier says which: the RSA and EC {@code KeyFactory}s each refuse the other's); the older {@code RSA PRIVATE KEY}
 *       (PKCS#1) and {@code EC PRIVATE KEY} (SEC 1) forms and {@code ENCRYPTED PRIVATE KEY} are
 *       refused with the openssl command that converts them;</li>
 *   <li>the key belongs to the first certificate: a probe signed with the private key verifies
 *       with the certificate's public key;</li>
 *   <li>every certificate is valid at the clock's time;</li>
 *   <li>each certificate is issued by the next one (issuer name equals subject name, and the
 *       signature verifies); the last one is a trust anchor, or is issued by one. A server
 *       MUST send its chain in this order (RFC 8446 §4.4.2: "The sender's certificate MUST come
 *       in the first CertificateEntry in the list. Each following certificate SHOULD directly
 *       certify the one immediately preceding it"), and a chain that stops short of an anchor is
 *       the classic "works in my browser, fails in curl" mistake: a missing intermediate.</li>
 * </ol>
 */
public final class ServerCredentials {
    /** The alias of the entry in {@link #keyStore()}. */
    public static final String ALIAS = "server";

    /** Reads {@code chainFile} and {@code keyFile} (PEM) and checks them against {@code anchors} at {@code clock}'s time. */
    public static ServerCredentials load(Path chainFile, Path keyFile, List<X509Certificate> anchors, Clock clock)
            throws IOException, CredentialException {
        throw StubException.notImplemented("4.01", "PEM and PKCS#8: a chain and a key into an SSLContext", "day4-tls/README.md#pem-and-pkcs8");
    }

    /** The same from PEM text already read. */
    public static ServerCredentials of(String chainPem, String keyPem, List<X509Certificate> anchors, Clock clock)
            throws CredentialException {
        throw StubException.notImplemented("4.01", "PEM and PKCS#8: a chain and a key into an SSLContext", "day4-tls/README.md#pem-and-pkcs8");
    }

    /** The CERTIFICATE blocks of {@code pem} as certificates, in order. */
    public static List<X509Certificate> certificates(String pem) throws CredentialException {
        throw StubException.notImplemented("4.01", "PEM and PKCS#8: a chain and a key into an SSLContext", "day4-tls/README.md#pem-and-pkcs8");
    }

    /** The private key of {@code pem}'s PKCS#8 {@code PRIVATE KEY} block (RSA or EC). */
    public static PrivateKey privateKey(String pem) throws CredentialException {
        throw StubException.notImplemented("4.01", "PEM and PKCS#8: a chain and a key into an SSLContext", "day4-tls/README.md#pem-and-pkcs8");
    }

    /** Leaf first, then the intermediates, as read. */
    public List<X509Certificate> chain() {
        throw StubException.notImplemented("4.01", "PEM and PKCS#8: a chain and a key into an SSLContext", "day4-tls/README.md#pem-and-pkcs8");
    }

    public PrivateKey privateKey() {
        throw StubException.notImplemented("4.01", "PEM and PKCS#8: a chain and a key into an SSLContext", "day4-tls/README.md#pem-and-pkcs8");
    }

    /** A fresh in-memory PKCS12 key store with the key and chain under {@link #ALIAS}. */
    public KeyStore keyStore() {
        throw StubException.notImplemented("4.01", "PEM and PKCS#8: a chain and a key into an SSLContext", "day4-tls/README.md#pem-and-pkcs8");
    }

    /** JSSE's key manager (PKIX) over {@link #keyStore()}: presents this chain. */
    public X509ExtendedKeyManager keyManager() {
        throw StubException.notImplemented("4.01", "PEM and PKCS#8: a chain and a key into an SSLContext", "day4-tls/README.md#pem-and-pkcs8");
    }

    /** A TLS context presenting this chain; {@code trust} checks client certificates (null: the JDK's default). */
    public SSLContext sslContext(TrustManager[] trust) {
        throw StubException.notImplemented("4.01", "PEM and PKCS#8: a chain and a key into an SSLContext", "day4-tls/README.md#pem-and-pkcs8");
    }
}
