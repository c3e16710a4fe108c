package dev.netlab.tls.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint 4.12: resumption with TLS 1.3 tickets (and TLS 1.2 sessions), counted by the server.
 *
 * <p>Learner mistakes this catches (each checked once against a hand-made mutant of the reference):
 * counting every handshake as full (or as resumed); deciding by the session id (TLS 1.3 has none
 * that means anything); taking the time after the handshake instead of before it. Killed since
 * the PIT run of 2026-12-07: "created at or before the start" ({@code <=} for {@code <}), which
 * counts a full handshake whose session was created in the millisecond the clock was read as
 * resumed ({@code sameMillisecond}).
 */
@Checkpoint(id = "4.12", title = "Resumption: tickets, Reused, full and resumed handshakes counted",
        edit = {"dev/netlab/tls/server/HandshakeCounter.java", "dev/netlab/tls/server/HttpsServer.java"},
        hint = "a resumed session was created before this handshake began: compare session.getCreationTime() with the time taken before startHandshake()",
        readme = "#resumption")
class ResumptionTest {
    private static void awaitCount(HandshakeCounter counter, long total) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (counter.full() + counter.resumed() < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    @DisplayName("openssl s_client -sess_out then -sess_in: 'New' then 'Reused', TLS 1.3 and TLS 1.2; the server counts 1 full + 1 resumed each")
    void openssl(@TempDir Path dir) throws Exception {
        for (String version : new String[] {"-tls1_3", "-tls1_2"}) {
            HttpsServer.Options options = TestHttps.options();
            try (HttpsServer server = TestHttps.start(options)) {
                Path session = dir.resolve("session" + version + ".pem");
                Evidence.current().reproduce("openssl s_client -connect 127.0.0.1:" + server.port() + " " + version + " -sess_out s.pem; then -sess_in s.pem");
                Peer.PeerResult first = TestHttps.sClient(server.port(), version, "-sess_out", session.toString());
                assertThat(first.stdout()).contains("New, TLSv1.");
                Peer.PeerResult second = TestHttps.sClient(server.port(), version, "-sess_in", session.toString());
                assertThat(second.stdout()).as(version).contains("Reused, TLSv1.").contains("<td id=\"resumed\">true");
                awaitCount(options.handshakes(), 2);
                assertThat(options.handshakes().full()).as(version).isEqualTo(1);
                assertThat(options.handshakes().resumed()).as(version).isEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("two JDK HttpClients sharing one SSLContext: the second connection resumes the first's session")
    void jdkClients() throws Exception {
        HttpsServer.Options options = TestHttps.options();
        SSLContext shared = TestHttps.CERTS.clientContext();
        try (HttpsServer server = TestHttps.start(options)) {
            URI uri = URI.create("https://localhost:" + server.port() + "/");
            String[] pages = new String[2];
            for (int i = 0; i < 2; i++) {
                try (HttpClient client = HttpClient.newBuilder().sslContext(shared).version(HttpClient.Version.HTTP_1_1).build()) {
                    pages[i] = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
                }
                Thread.sleep(1_100); // a resumed session is one created before the handshake: let a millisecond clock tick over
            }
            assertThat(pages[0]).contains("<td id=\"resumed\">false");
            assertThat(pages[1]).contains("<td id=\"resumed\">true");
            awaitCount(options.handshakes(), 2);
            assertThat(options.handshakes().toString()).isEqualTo("1 full, 1 resumed");
        }
    }

    @Test
    @DisplayName("RFC 8446 §2.2: a session created in the very millisecond the handshake began is a full handshake; one created a millisecond before was resumed")
    void sameMillisecond() throws Exception {
        try (HttpsServer server = TestHttps.start(TestHttps.options());
                SSLSocket socket = (SSLSocket) TestHttps.CERTS.clientContext().getSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.startHandshake();
            SSLSession session = socket.getSession();
            long created = session.getCreationTime();
            assertThat(HandshakeCounter.isResumed(session, created)).as("created when the clock was read: not before, so a full handshake").isFalse();
            assertThat(HandshakeCounter.isResumed(session, created + 1)).as("created a millisecond before the handshake: resumed").isTrue();
            HandshakeCounter counter = new HandshakeCounter();
            assertThat(counter.record(session, created)).isFalse();
            assertThat(counter.record(session, created + 1)).isTrue();
            assertThat(counter.toString()).isEqualTo("1 full, 1 resumed");
        }
    }
}
