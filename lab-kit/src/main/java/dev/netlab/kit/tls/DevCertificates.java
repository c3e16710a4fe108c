package dev.netlab.kit.tls;

import dev.netlab.kit.Lab;
import dev.netlab.kit.tls.CertificateIssuer.Purpose;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A local development CA and the certificates it signs, made on first use and kept in a
 * folder so that repeated runs, curl and openssl all see the same CA:
 *
 * <pre>
 * ca.crt  ca.key                      the CA (ECDSA P-256, 5 years, name-constrained)
 * server.crt  server.key  server.p12  localhost, 127.0.0.1, ::1 (ECDSA P-256, 1 year)
 * server-&lt;names&gt;[-rsa].*            other names or key types
 * client-&lt;name&gt;.*                   client identities for mutual TLS
 * </pre>
 *
 * Files are re-used while they are valid (not expiring within days, signed by the current
 * CA, for the requested names and key type) and re-made otherwise. Creation holds a file
 * lock on {@code .lock} and writes every file atomically, so parallel builds and programs
 * can share one folder.
 *
 * <pre>{@code
 * DevCertificates certs = DevCertificates.standard();
 * SSLServerSocket server = (SSLServerSocket) certs.serverContext().getServerSocketFactory().createServerSocket(8443);
 * // curl --cacert ~/.netlab/tls/ca.crt https://localhost:8443/
 * }</pre>
 */
public final class DevCertificates {
    /** The names of {@link #server(String...)} without arguments. */
    public static final List<String> DEFAULT_NAMES = List.of("localhost", "127.0.0.1", "::1");
    /** {@code -Dnetlab.tls.dir=...} overrides the folder of {@link #standard()}. */
    public static final String DIR_PROPERTY = "netlab.tls.dir";

    private static final long CA_RENEW_BEFORE_DAYS = 30;
    private static final long LEAF_RENEW_BEFORE_DAYS = 7;
    private static final KeyType CA_KEY_TYPE = KeyType.EC_P256;
    /** File locks belong to the whole JVM: threads of one JVM take turns here first. */
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();
    private static volatile DevCertificates standard;

    private final Path dir;
    private final X509Certificate caCertificate;
    private final PrivateKey caKey;
    private final Map<String, ServerIdentity> identities = new ConcurrentHashMap<>();

    private DevCertificates(Path dir, X509Certificate caCertificate, PrivateKey caKey) {
        this.dir = dir;
        this.caCertificate = caCertificate;
        this.caKey = caKey;
    }

    /**
     * The shared certificates: {@code -Dnetlab.tls.dir} if set, else {@code ~/.netlab/tls}
     * when it can be written, else {@code target/lab/tls} of the module.
     */
    public static DevCertificates standard() {
        DevCertificates current = standard;
        if (current == null) {
            synchronized (DevCertificates.class) {
                current = standard;
                if (current == null) {
                    current = in(standardDirectory());
                    standard = current;
                }
            }
        }
        return current;
    }

    /** The folder {@link #standard()} uses. */
    public static Path standardDirectory() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path home = Path.of(System.getProperty("user.home"), ".netlab", "tls");
        return writableDirectory(home) ? home : Lab.labDir().resolve("tls");
    }

    /** The CA in {@code dir}: loaded when its files are there and valid, made (and written) otherwise. */
    public static DevCertificates in(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        return locked(folder, () -> {
            Path crt = folder.resolve("ca.crt");
            Path key = folder.resolve("ca.key");
            try {
                X509Certificate certificate = Pem.readCertificates(crt).get(0);
                PrivateKey privateKey = Pem.readPrivateKey(key);
                if (certificate.getBasicConstraints() >= 0
                        && Validity.lastsDays(certificate, CA_RENEW_BEFORE_DAYS)
                        && Validity.keyMatches(privateKey, certificate.getPublicKey(), CA_KEY_TYPE)) {
                    return new DevCertificates(folder, certificate, privateKey);
                }
            } catch (IOException | GeneralSecurityException | RuntimeException missingOrBroken) {
                // made below
            }
            KeyPair keys = CA_KEY_TYPE.generate();
            String commonName = "netlab development CA (" + System.getProperty("user.name", "user")
                    + ", " + LocalDate.now() + ")";
            X509Certificate certificate = CertificateIssuer.selfSignedCa(keys, commonName, CA_KEY_TYPE);
            Pem.writePrivateKey(key, keys.getPrivate());
            Pem.writeCertificates(crt, List.of(certificate));
            return new DevCertificates(folder, certificate, keys.getPrivate());
        });
    }

    /** The folder with the files. */
    public Path directory() {
        return dir;
    }

    /** {@code ca.crt}: the CA certificate as PEM, for {@code curl --cacert} and {@code openssl -CAfile}. */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** The CA certificate. */
    public X509Certificate ca() {
        return caCertificate;
    }

    /** The CA's SHA-256 fingerprint as openssl prints it: {@code AB:12:...}. */
    public String caFingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(caCertificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server identity for {@code names} (DNS names, IP addresses; {@link #DEFAULT_NAMES} if none), ECDSA P-256. */
    public ServerIdentity server(String... names) {
        return server(KeyType.EC_P256, names);
    }

    /** The server identity for {@code names} with a key of {@code type}. */
    public ServerIdentity server(KeyType type, String... names) {
        List<String> list = names.length == 0 ? DEFAULT_NAMES : List.copyOf(new LinkedHashSet<>(List.of(names)));
        for (String name : list) {
            if (!CertificateIssuer.permits(name)) {
                throw new IllegalArgumentException("the development CA may not certify " + name
                        + ": use localhost, a name under " + CertificateIssuer.PERMITTED_DNS
                        + " or an address in " + CertificateIssuer.PERMITTED_IP);
            }
        }
        String base = list.equals(DEFAULT_NAMES) ? "server" : "server-" + slug(String.join("_", list));
        if (type != KeyType.EC_P256) {
            base += "-" + type.algorithm().toLowerCase(Locale.ROOT);
        }
        return identity(base, type, list.get(0), list, Purpose.SERVER);
    }

    /** A client identity for mutual TLS: the CA signs {@code CN=name} with the clientAuth usage. */
    public ServerIdentity client(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a client identity needs a name");
        }
        return identity("client-" + slug(name), KeyType.EC_P256, name, List.of(), Purpose.CLIENT);
    }

    /** A server context presenting {@link #server(String...) server()} and trusting only the CA (for client certificates). */
    public SSLContext serverContext() {
        return server().sslContext();
    }

    /** A client context that trusts only the development CA and presents no certificate. */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not build a TLS context", e);
        }
    }

    /** A key store whose only entry is the CA certificate (alias {@code netlab-dev-ca}). */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("netlab-dev-ca", caCertificate);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not build a trust store", e);
        }
    }

    TrustManager[] trustManagers() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore());
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not build a trust manager", e);
        }
    }

    private ServerIdentity identity(String base, KeyType type, String commonName, List<String> names, Purpose purpose) {
        return identities.computeIfAbsent(base, b -> locked(dir, () -> {
            Path crt = dir.resolve(base + ".crt");
            Path key = dir.resolve(base + ".key");
            Path p12 = dir.resolve(base + ".p12");
            List<String> identityNames = names.isEmpty() ? List.of(commonName) : names;
            try {
                X509Certificate certificate = Pem.readCertificates(crt).get(0);
                PrivateKey privateKey = Pem.readPrivateKey(key);
                if (Validity.issuedBy(certificate, caCertificate)
                        && Validity.lastsDays(certificate, LEAF_RENEW_BEFORE_DAYS)
                        && type.matches(certificate.getPublicKey())
                        && Validity.keyMatches(privateKey, certificate.getPublicKey(), type)
                        && Validity.hasPurpose(certificate, purpose)
                        && (names.isEmpty() ? Validity.hasCommonName(certificate, commonName)
                                : Validity.hasNames(certificate, names))) {
                    ServerIdentity identity = identity(identityNames, type, privateKey, certificate, crt, key, p12);
                    if (!Files.isRegularFile(p12)) {
                        writeKeyStore(identity);
                    }
                    return identity;
                }
            } catch (IOException | GeneralSecurityException | RuntimeException missingOrBroken) {
                // made below
            }
            KeyPair keys = type.generate();
            X509Certificate certificate = CertificateIssuer.issue(caCertificate, caKey, CA_KEY_TYPE,
                    keys.getPublic(), commonName, names, purpose);
            ServerIdentity identity = identity(identityNames, type, keys.getPrivate(), certificate, crt, key, p12);
            Pem.writePrivateKey(key, keys.getPrivate());
            Pem.writeCertificates(crt, List.of(certificate));
            writeKeyStore(identity);
            return identity;
        }));
    }

    private ServerIdentity identity(List<String> names, KeyType type, PrivateKey key, X509Certificate certificate,
            Path crt, Path keyFile, Path p12) {
        return new ServerIdentity(names, type, key, List.of(certificate, caCertificate), crt, keyFile, p12, this);
    }

    private static void writeKeyStore(ServerIdentity identity) throws IOException, GeneralSecurityException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = bytes) {
            identity.keyStore().store(out, ServerIdentity.KEYSTORE_PASSWORD.toCharArray());
        }
        Pem.writeAtomically(identity.keyStoreFile(), bytes.toByteArray(), true);
    }

    /** A file name part: letters, digits, dots, dashes, underscores between names; long ones end in a hash. */
    static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        if (slug.length() <= 60) {
            return slug;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return slug.substring(0, 40) + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean writableDirectory(Path dir) {
        try {
            createPrivateDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (Pem.posix()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    private interface Work<T> {
        T run() throws IOException, GeneralSecurityException;
    }

    /** Runs {@code work} holding this JVM's lock and the folder's {@code .lock} file lock. */
    private static <T> T locked(Path dir, Work<T> work) {
        JVM_LOCK.lock();
        try {
            createPrivateDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return work.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the development certificates in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make the development certificates in " + dir, e);
        } finally {
            JVM_LOCK.unlock();
        }
    }

    @Override
    public String toString() {
        return "DevCertificates[" + dir + ", CA " + caFingerprint() + "]";
    }
}
