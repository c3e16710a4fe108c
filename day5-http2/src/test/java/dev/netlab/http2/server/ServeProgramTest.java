package dev.netlab.http2.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.http2.programs.Preflight;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.kit.tls.DevCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serve program on the lab contract: one READY line, {@code --port 0}, h2c both ways on one
 * port, {@code --tls} with ALPN and a key log, exit 0 on SIGTERM within the grace period.
 */
@Checkpoint(id = "5.21", title = "The serve program: h2c and h2 over TLS on the lab contract",
        edit = "dev/netlab/http2/server/Http2Connection.java",
        hint = "./lab run day5-http2 starts it; all earlier checkpoints must pass; READY, curl both ways, exit 0 on SIGTERM",
        readme = "#the-serve-program")
class ServeProgramTest {
    @Test
    @DisplayName("READY http://, curl --http2-prior-knowledge and --http2 (Upgrade) get the page, SIGTERM exits 0")
    void h2c() throws Exception {
        Peer curl = Peer.require("curl");
        StubProbe.failIfStub(Duration.ofSeconds(5), Preflight::throwFirstStub); // as the program's preflight: at once, not after its JVM started
        try (ProgramProcess program = ProgramProcess.start("serve", "--port", "0")) {
            String url = program.awaitReady(Duration.ofSeconds(60));
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/");
            Evidence.current().reproduce("./lab run day5-http2 -- --port 8080   then   " + curl.commandLine("-v", "--http2-prior-knowledge", "http://127.0.0.1:8080/"));
            Peer.PeerResult pk = curl.run(Duration.ofSeconds(20), "-sv", "--http2-prior-knowledge", url).assertSuccess();
            assertThat(pk.stderr()).contains("< HTTP/2 200");
            assertThat(pk.stdout()).contains("HTTP/2 from the frame up");
            Peer.PeerResult up = curl.run(Duration.ofSeconds(20), "-sv", "--http2", "-o", "/dev/null", url + "style.css").assertSuccess();
            assertThat(up.stderr()).contains("101 Switching Protocols").contains("< HTTP/2 200");
            assertThat(program.stop(Duration.ofSeconds(5))).as("exit code after SIGTERM (%s)", program.output()).isZero();
            assertThat(program.output().stream().filter(l -> l.startsWith("READY ")).count()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("--tls --keylog: READY https://, curl --http2 negotiates h2 by ALPN, the key log gets TLS 1.3 secrets")
    void tls(@TempDir Path dir) throws Exception {
        Peer curl = Peer.require("curl");
        Path keys = dir.resolve("keys.log");
        StubProbe.failIfStub(Duration.ofSeconds(5), Preflight::throwFirstStub); // as the program's preflight: at once, not after its JVM started
        try (ProgramProcess program = ProgramProcess.start("serve", "--port", "0", "--tls", "--keylog", keys.toString())) {
            String url = program.awaitReady(Duration.ofSeconds(60));
            assertThat(url).matches("https://127\\.0\\.0\\.1:\\d+/");
            String local = url.replace("127.0.0.1", "localhost");
            Peer.PeerResult r = curl.run(Duration.ofSeconds(20), "-sv", "--http2", "--cacert",
                    DevCertificates.standard().caCertificate().toString(), "-o", "/dev/null", local).assertSuccess();
            assertThat(r.stderr()).contains("ALPN: server accepted h2").contains("< HTTP/2 200");
            assertThat(Files.readString(keys)).contains("CLIENT_TRAFFIC_SECRET_0");
            assertThat(program.stop(Duration.ofSeconds(5))).isZero();
        }
    }
}
