package dev.netlab.quic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Lab;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.kit.pcap.CapturedPacket;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.tls.ServerIdentity;
import dev.netlab.quic.peer.Http3Server;
import dev.netlab.quic.peer.UdpDatagram;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Checkpoint 7.27 (live): headless Chromium, forced onto QUIC ({@code --origin-to-force-quic-on})
 * and trusting the lab certificate's key ({@code --ignore-certificate-errors-spki-list}), loads a
 * page from Netty's HTTP/3 server while a live capture on loopback records every datagram. The
 * learner's {@link InitialDecoder} then reads what Chromium really sent: two Initial packets
 * whose CRYPTO frames, scattered between PING and PADDING frames, hold one ClientHello. tshark,
 * given the server's key log, shows the whole handshake and the HTTP/3 request — the part that
 * depends on no exercise and passes on both tracks.
 *
 * <p>Mistakes it catches beyond {@link InitialDecoderTest}'s: CRYPTO frames assumed to come in
 * order or one per packet (Chromium shuffles them, RFC 9000 allows it), PING or PADDING frames
 * between them refused, a ClientHello expected in the first datagram alone.
 */
@Checkpoint(id = "7.27", title = "A client's Initials, end to end; Chromium's, captured live",
        edit = "dev/netlab/quic/InitialDecoder.java",
        hint = "keys from the FIRST Initial's DCID; split coalesced packets by Length; CRYPTO by offset; a ClientHello is complete at 4 + its 24-bit length",
        readme = "ADVANCED.md#chromium-on-the-wire")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChromiumQuicTest {
    private Path capture;
    private Path keylog;
    private int port;
    private Peer.PeerResult chromium;
    private List<Http3Server.Request> requests;
    /** UDP payloads from Chromium to the server, in order. */
    private final List<byte[]> sent = new ArrayList<>();

    @BeforeAll
    void loadAPageOverQuic() throws Exception {
        Peer browser = Peer.require("chromium");
        Require.captureAccess();
        Files.createDirectories(Lab.capturesDir());
        capture = Lab.capturesDir().resolve("7.27-chromium-quic.pcap");
        keylog = Lab.labDir().resolve("7.27-keylog.txt");
        // A load on a saturated machine may give tshark nothing of the server's to open: at load
        // average 57 tshark 4.0 opened none of the server's short-header packets toward Chromium's
        // zero-length connection ID although the key log held every secret (the first one read as
        // key phase 1), and in another run Chromium gave up before the slow server answered (0
        // requests). Neither is the decoder under test. One more page load then, at most; every
        // check below still runs on the capture kept.
        for (int attempt = 1; attempt <= 2; attempt++) {
            loadOnce(browser);
            if (tsharkOpensTheServersPackets()) {
                return;
            }
            System.out.printf("attempt %d (%d request(s)): tshark opened none of the server's 1-RTT packets; loading once more%n",
                    attempt, requests.size());
        }
    }

    private void loadOnce(Peer browser) throws Exception {
        Files.deleteIfExists(keylog);
        sent.clear();
        ServerIdentity identity = DevCertificates.standard().server("localhost", "127.0.0.1");
        Path profile = Files.createTempDirectory("netlab-chromium-");
        try (Http3Server server = Http3Server.start(new InetSocketAddress("127.0.0.1", 0), identity.privateKey(),
                identity.chain(), keylog)) {
            port = server.port();
            try (LiveCapture live = LiveCapture.loopback("udp port " + port)) {
                String origin = "localhost:" + port;
                chromium = browser.run(Duration.ofSeconds(90),
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--user-data-dir=" + profile, "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-proxy-server",
                        "--origin-to-force-quic-on=" + origin,
                        "--host-resolver-rules=MAP localhost 127.0.0.1",
                        "--ignore-certificate-errors-spki-list=" + Http3Server.spkiHash(identity.certificate()),
                        "--dump-dom", "https://" + origin + "/");
                live.stop();
                live.writePcap(capture);
                for (CapturedPacket p : live.packets()) {
                    UdpDatagram d = UdpDatagram.fromEthernet(p.data());
                    if (d != null && d.destinationPort() == port) {
                        sent.add(d.payload());
                    }
                }
            }
            requests = server.requests();
        } finally {
            Peer.exec(List.of("rm", "-rf", profile.toString()), Duration.ofSeconds(20), null, "rm -rf " + profile);
        }
        System.out.printf("chromium over QUIC: %d datagrams to the server, %d request(s): %s; capture %s, key log %s%n",
                sent.size(), requests.size(), requests, capture, keylog);
    }

    /** Whether tshark, with the key log, reads an HTTP/3 frame the server sent (any at all). */
    private boolean tsharkOpensTheServersPackets() {
        Peer.PeerResult r = Peer.require("tshark").run(Duration.ofSeconds(60), "-r", capture.toString(),
                "-o", "tls.keylog_file:" + keylog, "-Y", "udp.srcport == " + port + " and http3.frame_type",
                "-T", "fields", "-e", "frame.number");
        return r.exitCode() == 0 && !r.stdout().isBlank();
    }

    @AfterAll
    void keepTheCapture() {
        System.out.println("open it: tshark -r " + capture + " -o tls.keylog_file:" + keylog);
    }

    @Test
    @DisplayName("Chromium loaded the page over HTTP/3 from Netty's QUIC server")
    void pageLoaded() {
        assertThat(chromium.timedOut()).as("chromium finished").isFalse();
        assertThat(chromium.stdout()).contains("Hello over HTTP/3");
        assertThat(requests).extracting(Http3Server.Request::path).contains("/");
        assertThat(requests.get(0).method()).isEqualTo("GET");
        assertThat(requests.get(0).authority()).isEqualTo("localhost:" + port);
    }

    @Test
    @DisplayName("tshark with the key log shows the whole TLS handshake and the HTTP/3 request and response")
    void tsharkDecryptsEverything() throws Exception {
        Peer tshark = Peer.require("tshark");
        Peer.PeerResult handshake = tshark.run(Duration.ofSeconds(60), "-r", capture.toString(),
                "-o", "tls.keylog_file:" + keylog, "-Y", "tls.handshake.type", "-T", "fields", "-e", "tls.handshake.type");
        handshake.assertSuccess();
        List<String> types = handshake.lines().stream().flatMap(l -> Arrays.stream(l.split(","))).toList();
        // ClientHello, ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished (both sides)
        assertThat(types).contains("1", "2", "8", "11", "15", "20");
        assertThat(types.stream().filter("20"::equals).count()).as("a Finished from each side").isGreaterThanOrEqualTo(2);
        Peer.PeerResult http3 = tshark.run(Duration.ofSeconds(60), "-r", capture.toString(),
                "-o", "tls.keylog_file:" + keylog, "-Y", "http3.frame_type", "-T", "fields",
                "-e", "udp.dstport", "-e", "quic.stream.stream_id", "-e", "http3.frame_type", "-e", "http3.frame_payload");
        http3.assertSuccess();
        assertThat(http3.lines()).as("a HEADERS frame (type 1) from Chromium on request stream 0")
                .anyMatch(l -> {
                    String[] f = l.split("\t");
                    return f.length >= 3 && f[0].equals(Integer.toString(port))
                            && List.of(f[1].split(",")).contains("0") && List.of(f[2].split(",")).contains("1");
                });
        String page = HexFormat.of().formatHex("Hello over HTTP/3".getBytes(StandardCharsets.US_ASCII));
        assertThat(http3.stdout()).as("the page in a DATA frame, decrypted").contains(page);
        Peer.PeerResult blind = tshark.run(Duration.ofSeconds(60), "-r", capture.toString(),
                "-Y", "tls.handshake.type == 11 or http3.frame_type", "-T", "fields", "-e", "frame.number");
        assertThat(blind.stdout().isBlank()).as("without the key log: no Certificate, no HTTP/3").isTrue();
    }

    @Test
    @DisplayName("your decoder reads Chromium's Initials: the ClientHello for localhost offering h3 and TLS 1.3")
    void yourDecoderReadsChromium() throws QuicException {
        assertThat(sent).as("datagrams captured from Chromium").isNotEmpty();
        InitialDecoder decoder = new InitialDecoder();
        PacketHeader.LongHeader first = null;
        for (byte[] datagram : sent) {
            decoder.offer(datagram);
            if (first == null && HeaderParser.parse(datagram, 0, 0) instanceof PacketHeader.LongHeader h
                    && h.type() == PacketType.INITIAL) {
                first = h;
            }
        }
        assertThat(first).as("Chromium's first Initial").isNotNull();
        ClientHello hello = decoder.clientHello().orElseThrow(() -> new AssertionError(
                "no complete ClientHello from " + decoder.packets().size() + " Initial packet(s); discarded: " + decoder.discarded()));
        System.out.printf("Chromium's ClientHello: %d Initial packet(s) %s, SNI %s, ALPN %s, versions %s, key shares %s, %d extensions%n",
                decoder.packets().size(), decoder.packets().stream().map(OpenedPacket::packetNumber).toList(),
                hello.serverName(), hello.alpn(), hello.supportedVersions().stream().map(Integer::toHexString).toList(),
                hello.keyShareGroups().stream().map(Integer::toHexString).toList(), hello.extensions().size());
        assertThat(hello.serverName()).isEqualTo("localhost");
        assertThat(hello.alpn()).contains("h3");
        assertThat(hello.supportedVersions()).contains(ClientHello.TLS13);
        assertThat(hello.cipherSuites()).contains(0x1301);
        assertThat(decoder.originalDestination()).hasValue(first.destination());
        // RFC 9000 §7.2: a client's first Destination Connection ID is "at least 8 bytes" of unpredictable value
        assertThat(first.destination().length()).isGreaterThanOrEqualTo(8);
        // RFC 9000 §7.3: initial_source_connection_id repeats the Source Connection ID of the client's Initials
        assertThat(hello.transportParameters()).isNotNull();
        assertThat(hello.transportParameters().initialSourceConnectionId()).hasValue(first.source());
        assertThat(decoder.packets()).allSatisfy(p -> assertThat(p.payload()).isNotEmpty());
    }
}
