package dev.netlab.tls.pem;

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
    private static final char[] PASSWORD = "netlab".toCharArray();

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;

    private ServerCredentials(List<X509Certificate> chain, PrivateKey privateKey) {
        this.chain = List.copyOf(chain);
        this.privateKey = privateKey;
    }

    /** Reads {@code chainFile} and {@code keyFile} (PEM) and checks them against {@code anchors} at {@code clock}'s time. */
    public static ServerCredentials load(Path chainFile, Path keyFile, List<X509Certificate> anchors, Clock clock)
            throws IOException, CredentialException {
        return of(Files.readString(chainFile, StandardCharsets.US_ASCII), Files.readString(keyFile, StandardCharsets.US_ASCII),
                anchors, clock);
    }

    /** The same from PEM text already read. */
    public static ServerCredentials of(String chainPem, String keyPem, List<X509Certificate> anchors, Clock clock)
            throws CredentialException {
        List<X509Certificate> chain = certificates(chainPem);
        PrivateKey key = privateKey(keyPem);
        checkKeyMatches(key, chain.get(0));
        Date now = Date.from(clock.instant());
        for (X509Certificate certificate : chain) {
            try {
                certificate.checkValidity(now);
            } catch (CertificateExpiredException e) {
                throw new CredentialException(CredentialProblem.EXPIRED, describe(certificate) + " expired on "
                        + certificate.getNotAfter().toInstant());
            } catch (CertificateNotYetValidException e) {
                throw new CredentialException(CredentialProblem.NOT_YET_VALID, describe(certificate)
                        + " is not valid before " + certificate.getNotBefore().toInstant());
            }
        }
        checkOrder(chain, anchors);
        return new ServerCredentials(chain, key);
    }

    /** The CERTIFICATE blocks of {@code pem} as certificates, in order. */
    public static List<X509Certificate> certificates(String pem) throws CredentialException {
        List<PemBlock> blocks = PemReader.read(pem, "CERTIFICATE");
        if (blocks.isEmpty()) {
            throw new CredentialException(CredentialProblem.NO_CERTIFICATE, "no -----BEGIN CERTIFICATE----- block");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemBlock block : blocks) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            }
        } catch (CertificateException e) {
            throw new CredentialException(CredentialProblem.NO_CERTIFICATE,
                    "certificate " + (certificates.size() + 1) + " is not X.509: " + e.getMessage(), e);
        }
        return certificates;
    }

    /** The private key of {@code pem}'s PKCS#8 {@code PRIVATE KEY} block (RSA or EC). */
    public static PrivateKey privateKey(String pem) throws CredentialException {
        for (PemBlock block : PemReader.read(pem)) {
            switch (block.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der());
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new CredentialException(CredentialProblem.UNSUPPORTED_KEY,
                        "a " + block.label() + " block is the old " + (block.label().startsWith("RSA") ? "PKCS#1" : "SEC 1")
                                + " form: convert it with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem`");
                case "ENCRYPTED PRIVATE KEY" -> throw new CredentialException(CredentialProblem.UNSUPPORTED_KEY,
                        "the key is encrypted: decrypt it with `openssl pkcs8 -in key.pem -out plain.pem` (a server reads it at start)");
                default -> {
                    // not a key: certificates or parameters in the same file are allowed
                }
            }
        }
        throw new CredentialException(CredentialProblem.NO_PRIVATE_KEY, "no -----BEGIN PRIVATE KEY----- block");
    }

    /**
     * A PKCS#8 PrivateKeyInfo: {@code SEQUENCE { version, AlgorithmIdentifier, OCTET STRING }}.
     * The AlgorithmIdentifier says RSA or EC; each KeyFactory refuses an encoding of the other
     * algorithm, so trying both in turn finds it without reading the DER here.
     */
    private static PrivateKey pkcs8(byte[] der) throws CredentialException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("EC", "RSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next
            }
        }
        throw new CredentialException(CredentialProblem.UNSUPPORTED_KEY,
                "the PRIVATE KEY block is neither a PKCS#8 RSA nor a PKCS#8 EC key (this server loads those two)");
    }

    private static void checkKeyMatches(PrivateKey key, X509Certificate leaf) throws CredentialException {
        PublicKey publicKey = leaf.getPublicKey();
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            throw new CredentialException(CredentialProblem.KEY_MISMATCH, "a " + key.getAlgorithm() + " private key for "
                    + describe(leaf) + ", whose key is " + publicKey.getAlgorithm());
        }
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = "does this key belong to this certificate?".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (verifier.verify(signer.sign())) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key the signature cannot even use is a mismatch too
        }
        throw new CredentialException(CredentialProblem.KEY_MISMATCH, "the private key does not belong to " + describe(leaf));
    }

    private static void checkOrder(List<X509Certificate> chain, List<X509Certificate> anchors) throws CredentialException {
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!issuedBy(chain.get(i), chain.get(i + 1))) {
                throw new CredentialException(CredentialProblem.CHAIN_ORDER, "certificate " + (i + 1) + " (" + describe(chain.get(i))
                        + ") is not issued by certificate " + (i + 2) + " (" + describe(chain.get(i + 1)) + ")");
            }
        }
        X509Certificate last = chain.get(chain.size() - 1);
        for (X509Certificate anchor : anchors) {
            if (anchor.equals(last) || issuedBy(last, anchor)) {
                return;
            }
        }
        throw new CredentialException(CredentialProblem.INCOMPLETE_CHAIN, "the chain ends with " + describe(last) + ", issued by "
                + last.getIssuerX500Principal().getName() + ", which is neither in the file nor a trust anchor: add the intermediate certificate");
    }

    private static boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String describe(X509Certificate certificate) {
        return "the certificate of " + certificate.getSubjectX500Principal().getName();
    }

    /** Leaf first, then the intermediates, as read. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** A fresh in-memory PKCS12 key store with the key and chain under {@link #ALIAS}. */
    public KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, privateKey, PASSWORD, chain.toArray(X509Certificate[]::new));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("an in-memory PKCS12 store refused the key", e);
        }
    }

    /** JSSE's key manager (PKIX) over {@link #keyStore()}: presents this chain. */
    public X509ExtendedKeyManager keyManager() {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
            factory.init(keyStore(), PASSWORD);
            return (X509ExtendedKeyManager) factory.getKeyManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JSSE refused the key store", e);
        }
    }

    /** A TLS context presenting this chain; {@code trust} checks client certificates (null: the JDK's default). */
    public SSLContext sslContext(TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager()}, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not build a TLS context", e);
        }
    }
}
