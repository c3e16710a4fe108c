package dev.netlab.kit.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A key pair and its certificate chain (leaf first, then the development CA) as issued by
 * {@link DevCertificates}: a server's identity, or a client's for mutual TLS.
 *
 * <p>On disk: {@link #certificateFile()} (the leaf, PEM), {@link #privateKeyFile()} (PKCS#8
 * PEM, owner-only) and {@link #keyStoreFile()} (PKCS12 with the key and the chain, password
 * {@value #KEYSTORE_PASSWORD}). For example {@code openssl s_server -cert server.crt -key
 * server.key}, {@code curl --cert client.crt --key client.key --cacert ca.crt ...}.
 */
public final class ServerIdentity {
    /** The password of every development key store (a development key is no secret). */
    public static final String KEYSTORE_PASSWORD = "netlab";
    /** The alias of the key entry in {@link #keyStore()}. */
    public static final String ALIAS = "identity";

    private final List<String> names;
    private final KeyType keyType;
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final Path certificateFile;
    private final Path privateKeyFile;
    private final Path keyStoreFile;
    private final DevCertificates issuer;

    ServerIdentity(List<String> names, KeyType keyType, PrivateKey privateKey, List<X509Certificate> chain,
            Path certificateFile, Path privateKeyFile, Path keyStoreFile, DevCertificates issuer) {
        this.names = List.copyOf(names);
        this.keyType = keyType;
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.certificateFile = certificateFile;
        this.privateKeyFile = privateKeyFile;
        this.keyStoreFile = keyStoreFile;
        this.issuer = issuer;
    }

    /** The names the certificate is for: DNS names and IP addresses (server), or the client's name. */
    public List<String> names() {
        return names;
    }

    public KeyType keyType() {
        return keyType;
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The leaf, then the CA certificate. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public KeyPair keyPair() {
        return new KeyPair(certificate().getPublicKey(), privateKey);
    }

    /** The leaf certificate as PEM ({@code server.crt}, {@code client-<name>.crt}). */
    public Path certificateFile() {
        return certificateFile;
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code server.key}). */
    public Path privateKeyFile() {
        return privateKeyFile;
    }

    /** A PKCS12 file with the key and the chain, password {@value #KEYSTORE_PASSWORD}. */
    public Path keyStoreFile() {
        return keyStoreFile;
    }

    /** A fresh in-memory PKCS12 key store with the key and the chain under {@value #ALIAS}. */
    public KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, privateKey, KEYSTORE_PASSWORD.toCharArray(),
                    chain.toArray(X509Certificate[]::new));
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not build a PKCS12 key store", e);
        }
    }

    /**
     * A TLS context that presents this identity and trusts only the development CA: a
     * server's context (which can also check client certificates), or a mutual-TLS client's.
     */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(), KEYSTORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), issuer.trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not build a TLS context", e);
        }
    }

    @Override
    public String toString() {
        return "ServerIdentity" + names + " " + keyType + " serial " + certificate().getSerialNumber().toString(16);
    }
}
