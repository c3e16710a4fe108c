package dev.netlab.kit.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Lab;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Peer.PeerResult;
import dev.netlab.kit.Require;
import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.kit.pcap.CapturedPacket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.TcpPacket;

class TlsKeyLogTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Path OUT = Lab.labDir().resolve("tls-key-log");

    @TempDir
    static Path folder;

    @Test
    @DisplayName("agentJvmArgs names the extract-tls-secrets jar from the class path and the absolute key-log file")
    void agentArguments() {
        Path jar = TlsKeyLog.agentJar();
        assertThat(jar).isRegularFile();
        assertThat(jar.getFileName().toString()).startsWith("extract-tls-secrets-").endsWith(".jar");
        assertThat(TlsKeyLog.localRepositoryJar().getFileName()).isEqualTo(jar.getFileName());

        Path file = Path.of("target", "keys.log");
        assertThat(TlsKeyLog.agentJvmArgs(file))
                .containsExactly("-javaagent:" + jar + "=" + file.toAbsolutePath().normalize());
    }

    @Test
    @DisplayName("a child JVM with agentJvmArgs logs its TLS 1.3 secrets, and tshark decrypts the live capture with them")
    void tsharkDecryptsChildJvmTraffic() throws Exception {
        Require.captureAccess();
        Peer tshark = Peer.require("tshark");
        DevCertificates certificates = DevCertificates.in(folder);
        Path keyLog = OUT.resolve("child-jvm.keys");
        Files.deleteIfExists(keyLog);

        try (TinyHttpsServer server = TinyHttpsServer.start(certificates.serverContext(), false)) {
            int port = server.port();
            LiveCapture capture = LiveCapture.loopback("tcp port " + port);
            try (capture) {
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(TlsKeyLog.agentJvmArgs(keyLog));
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), HttpsClient.class.getName(),
                        folder.toString(), Integer.toString(port), "/decrypted/by/tshark"));
                PeerResult child = Peer.exec(command, TIMEOUT, null, "java -javaagent:... HttpsClient").assertSuccess();
                assertThat(child.stdout()).startsWith("HTTP/1.1 200 OK").endsWith(TinyHttpsServer.BODY);
                // both FINs, so the pcap holds the whole connection
                capture.awaitPackets(TlsKeyLogTest::fin, 2, Duration.ofSeconds(5));
            }
            Path pcap = capture.writePcap(OUT.resolve("child-jvm.pcap"));

            // RFC 8446 §7.1 secrets in the NSS key log format: LABEL <client random> <secret>
            List<String> lines = Files.readAllLines(keyLog);
            assertThat(lines).anyMatch(l -> l.matches("CLIENT_HANDSHAKE_TRAFFIC_SECRET [0-9A-Fa-f]{64} [0-9A-Fa-f]+"));
            assertThat(lines).anyMatch(l -> l.startsWith("CLIENT_TRAFFIC_SECRET_0 "));

            List<String> decrypted = tshark.run(TIMEOUT, "-r", pcap.toString(), "-o", "tls.keylog_file:" + keyLog,
                    "-d", "tcp.port==" + port + ",tls", "-Y", "http.request",
                    "-T", "fields", "-e", "http.request.uri").assertSuccess().lines();
            List<String> withoutKeys = tshark.run(TIMEOUT, "-r", pcap.toString(),
                    "-d", "tcp.port==" + port + ",tls", "-Y", "http.request",
                    "-T", "fields", "-e", "http.request.uri").assertSuccess().lines();

            assertThat(decrypted).containsExactly("/decrypted/by/tshark");
            assertThat(withoutKeys).as("without the key log the request stays encrypted").isEmpty();
        }
    }

    @Test
    @DisplayName("attachToThisJvm makes the running JVM log the secrets of its own handshakes")
    void attachToThisJvm() throws Exception {
        Path keyLog = OUT.resolve("this-jvm.keys");
        Files.deleteIfExists(keyLog);
        TlsKeyLog.attachToThisJvm(keyLog);
        TlsKeyLog.attachToThisJvm(keyLog); // the same file again: nothing to do

        DevCertificates certificates = DevCertificates.in(folder);
        try (TinyHttpsServer server = TinyHttpsServer.start(certificates.serverContext(), false)) {
            assertThat(HttpsClient.handshake(certificates.clientContext(), server.port())).isEqualTo("TLSv1.3");
        }
        assertThat(Files.readAllLines(keyLog)).anyMatch(l -> l.startsWith("CLIENT_HANDSHAKE_TRAFFIC_SECRET "))
                .anyMatch(l -> l.startsWith("SERVER_TRAFFIC_SECRET_0 "));
    }

    private static boolean fin(CapturedPacket p) {
        try {
            TcpPacket tcp = EthernetPacket.newPacket(p.data(), 0, p.data().length).get(TcpPacket.class);
            return tcp != null && tcp.getHeader().getFin();
        } catch (IllegalRawDataException e) {
            return false;
        }
    }
}
