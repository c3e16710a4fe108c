package dev.netlab.kit.tls;

import dev.netlab.kit.Peer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * TLS key logs, so that tshark and Wireshark decrypt captures of the lab's own TLS.
 *
 * <p>The JDK's TLS (JSSE) has no switch like {@code SSLKEYLOGFILE}. The
 * <a href="https://github.com/neykov/extract-tls-secrets">extract-tls-secrets</a> Java agent
 * (Maven Central {@code name.neykov:extract-tls-secrets}, a lab-kit dependency) hooks into
 * JSSE and appends every session's secrets in the NSS key log format: for TLS 1.3 the lines
 * {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET}, {@code SERVER_HANDSHAKE_TRAFFIC_SECRET},
 * {@code CLIENT_TRAFFIC_SECRET_0} and {@code SERVER_TRAFFIC_SECRET_0} (RFC 8446 §7.1),
 * each followed by the ClientHello random and the secret.
 *
 * <pre>{@code
 * new ProcessBuilder(concat(List.of(java), TlsKeyLog.agentJvmArgs(keys), List.of("-cp", cp, main)));
 * // tshark -r capture.pcap -o tls.keylog_file:keys.log -Y http
 * }</pre>
 *
 * <p>The agent jar is found on the class path, where Maven puts it for every module that
 * depends on lab-kit; {@code -Dnetlab.tls.agent=/path/to/extract-tls-secrets.jar} overrides
 * that, and as a last resort it is looked up in the local Maven repository.
 */
public final class TlsKeyLog {
    private TlsKeyLog() {}

    /** {@code -Dnetlab.tls.agent=...}: the agent jar to use instead of the one on the class path. */
    public static final String AGENT_PROPERTY = "netlab.tls.agent";
    private static final String AGENT_CLASS = "name/neykov/secrets/AgentMain.class";
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(60);

    private static Path attachedTo;

    /** The extract-tls-secrets agent jar. */
    public static Path agentJar() {
        String configured = System.getProperty(AGENT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return existing(Path.of(configured), "-D" + AGENT_PROPERTY);
        }
        URL found = TlsKeyLog.class.getClassLoader().getResource(AGENT_CLASS);
        if (found != null && found.getProtocol().equals("jar")) {
            try {
                URL jar = ((JarURLConnection) found.openConnection()).getJarFileURL();
                return Path.of(jar.toURI());
            } catch (IOException | URISyntaxException | IllegalArgumentException e) {
                // fall through to the local repository
            }
        }
        return existing(localRepositoryJar(), "the local Maven repository");
    }

    /**
     * The JVM arguments that make a new JVM append its TLS secrets to {@code keyLogFile}:
     * {@code -javaagent:<jar>=<absolute file>}. Put them before the main class or {@code -jar}.
     */
    public static List<String> agentJvmArgs(Path keyLogFile) {
        Path file = prepare(keyLogFile);
        return List.of("-javaagent:" + agentJar() + "=" + file);
    }

    /**
     * Makes this running JVM append its TLS secrets to {@code keyLogFile} from now on,
     * including connections of JSSE classes already loaded. A helper JVM ({@code java -jar
     * extract-tls-secrets.jar <pid> <file>}) attaches the agent, so this JVM needs no
     * {@code -Djdk.attach.allowAttachSelf}; JDK 21+ prints a warning that an agent was loaded
     * dynamically. The agent stays for the JVM's lifetime: a second call with the same file
     * does nothing, with another file it throws {@link IllegalStateException}.
     */
    public static synchronized void attachToThisJvm(Path keyLogFile) {
        Path file = prepare(keyLogFile);
        if (attachedTo != null) {
            if (attachedTo.equals(file)) {
                return;
            }
            throw new IllegalStateException("the key-log agent already writes to " + attachedTo
                    + "; it cannot be moved to " + file + " in the same JVM");
        }
        if (ModuleFinder.ofSystem().find("jdk.attach").isEmpty()) {
            throw new IllegalStateException("this Java runtime has no jdk.attach module (a JRE, or a "
                    + "jlink image without it): start the JVM with " + agentJvmArgs(file) + " instead");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-jar", agentJar().toString(),
                Long.toString(ProcessHandle.current().pid()), file.toString());
        Peer.PeerResult result = Peer.exec(command, ATTACH_TIMEOUT, null, String.join(" ", command));
        if (result.timedOut() || result.exitCode() != 0) {
            throw new IllegalStateException("could not attach the key-log agent to this JVM (pid "
                    + ProcessHandle.current().pid() + "): `" + result.command() + "` "
                    + (result.timedOut() ? "timed out" : "exited " + result.exitCode())
                    + "\n" + result.stdout() + result.stderr());
        }
        attachedTo = file;
    }

    private static Path prepare(Path keyLogFile) {
        Path file = keyLogFile.toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the key log " + file, e);
        }
        return file;
    }

    /** {@code ~/.m2/repository/name/neykov/extract-tls-secrets/<v>/extract-tls-secrets-<v>.jar}, version from lab-kit's build. */
    static Path localRepositoryJar() {
        Properties coordinates = new Properties();
        try (InputStream in = TlsKeyLog.class.getResourceAsStream("/META-INF/netlab/extract-tls-secrets.properties")) {
            if (in == null) {
                throw new IllegalStateException("lab-kit was built without META-INF/netlab/extract-tls-secrets.properties");
            }
            coordinates.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String artifact = coordinates.getProperty("artifactId");
        String version = coordinates.getProperty("version");
        String repository = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        return Path.of(repository).resolve(coordinates.getProperty("groupId").replace('.', '/'))
                .resolve(artifact).resolve(version).resolve(artifact + "-" + version + ".jar");
    }

    private static Path existing(Path jar, String source) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the TLS key-log agent is not at " + jar + " (from " + source
                    + "): run ./mvnw -q -pl lab-kit dependency:resolve, or pass -D" + AGENT_PROPERTY + "=<extract-tls-secrets.jar>");
        }
        return jar;
    }
}
