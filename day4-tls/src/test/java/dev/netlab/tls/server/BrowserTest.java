package dev.netlab.tls.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.tls.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint 4.14: headless Chromium loads your HTTPS page trusting only the lab CA, put in a
 * throwaway NSS database with {@code certutil} (Chromium on Linux reads
 * {@code $HOME/.pki/nssdb}); with an empty database the same page is refused. No
 * {@code --ignore-certificate-errors} anywhere.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference:
 * a policy without TLS 1.3 (Chromium would connect over TLS 1.2, the page says so); an ALPN
 * selector that takes the client's first protocol (Chromium's {@code h2}) over the server's list,
 * so Chromium speaks HTTP/2 to an HTTP/1.1 server and gets no page. (A chain in the wrong order
 * cannot happen with the lab's one-certificate chain; 4.01 refuses it at load time.)
 */
@Checkpoint(id = "4.14", title = "A real browser: Chromium trusts only the lab CA and loads your page",
        edit = {"dev/netlab/tls/server/HttpsServer.java", "dev/netlab/tls/pem/ServerCredentials.java"},
        hint = "everything before it must pass; Chromium checks the chain, the name and the protocol as strictly as any client",
        readme = "#a-real-browser")
class BrowserTest {
    private static Peer.PeerResult chromium(Path home, String url) throws Exception {
        Path binary = Require.tool("chromium");
        List<String> cmd = new ArrayList<>(List.of(binary.toString()));
        cmd.addAll(Chromium.QUIET);
        cmd.addAll(List.of("--user-data-dir=" + home.resolve("profile"), "--dump-dom", url));
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().put("HOME", home.toString());
        Path out = Files.createTempFile(home, "dom", ".html");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        return new Peer.PeerResult(String.join(" ", cmd), done ? p.exitValue() : -1, !done, Files.readString(out), Files.readString(err));
    }

    @Test
    @DisplayName("with the lab CA in a fresh NSS database the page loads (TLS 1.3, h2 refused, http/1.1 chosen); without it, it does not")
    void trustsOnlyTheLabCa(@TempDir Path dir) throws Exception {
        Path certutil = Require.tool("certutil");
        try (HttpsServer server = TestHttps.start(TestHttps.options())) {
            String url = "https://localhost:" + server.port() + "/";
            Path trusting = Files.createDirectories(dir.resolve("trusting"));
            Path nssdb = Files.createDirectories(trusting.resolve(".pki/nssdb"));
            Peer.exec(List.of(certutil.toString(), "-N", "-d", "sql:" + nssdb, "--empty-password"), Duration.ofSeconds(30), null,
                    "certutil -N").assertSuccess();
            Peer.exec(List.of(certutil.toString(), "-A", "-d", "sql:" + nssdb, "-n", "netlab-dev-ca", "-t", "C,,",
                    "-i", TestHttps.CERTS.caCertificate().toString()), Duration.ofSeconds(30), null, "certutil -A").assertSuccess();
            Evidence.current().reproduce("HOME=" + trusting + " chromium --headless=new --dump-dom " + url);
            Peer.PeerResult trusted = chromium(trusting, url);
            assertThat(trusted.stdout()).as("the DOM Chromium dumped (stderr: %s)", trusted.stderr())
                    .contains("Hello over TLSv1.3").contains("<td id=\"ALPN\">http/1.1");

            Path stranger = Files.createDirectories(dir.resolve("stranger"));
            Peer.PeerResult refused = chromium(stranger, url);
            assertThat(refused.stdout()).as("without the lab CA Chromium refuses the certificate").doesNotContain("Hello over TLSv1.3");
            assertThat(server.handshakeFailures()).as("the refusal happened in the handshake").isPositive();
        }
    }
}
