package dev.netlab.kit.ladder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.kit.pcap.FlowSynthesizer;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.tls.ServerIdentity;
import dev.netlab.kit.transcript.Transcript;
import dev.netlab.kit.transcript.Transcript.Direction;
import dev.netlab.kit.transcript.Transcript.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lab ladder} on captures the lab makes itself: a synthesised HTTP/1.1 exchange (as
 * day 3's checkpoints write them), and live loopback captures of real tools — curl against
 * {@code openssl s_server} (TLS records), {@code nghttp} against {@code nghttpd} (HTTP/2
 * frames with stream ids), the JDK's WebSocket client (WebSocket frames).
 */
class LadderTest {
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(30);

    /** A request and a response over one connection, both sides closed, on a port that is not 80. */
    static Path http1Capture(Path dir) throws IOException {
        Transcript t = new Transcript("http", Transport.TCP, new InetSocketAddress("127.0.0.1", 45006),
                new InetSocketAddress("127.0.0.1", 45681));
        byte[] req = "GET /todos HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] res = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]".getBytes(StandardCharsets.US_ASCII);
        t.record(Direction.CLIENT_TO_SERVER, req, 0, req.length);
        t.record(Direction.SERVER_TO_CLIENT, res, 0, res.length);
        t.closed(Direction.CLIENT_TO_SERVER);
        t.closed(Direction.SERVER_TO_CLIENT);
        return FlowSynthesizer.write(dir.resolve("http1.pcap"), List.of(t));
    }

    private static List<String> labels(List<Arrow> arrows) {
        return arrows.stream().map(Arrow::label).toList();
    }

    @Test
    @DisplayName("HTTP/1.1 (synthesised): handshake, request, response, FINs; tshark and the built-in reader agree on TCP")
    void http1(@TempDir Path dir) throws Exception {
        Path pcap = http1Capture(dir);
        List<Arrow> builtIn = LadderCommand.arrows(pcap, List.of(), null, false);
        assertThat(labels(builtIn)).startsWith("SYN seq=0", "SYN,ACK seq=0 ack=1", "ACK seq=1 ack=1");
        assertThat(labels(builtIn)).anySatisfy(l -> assertThat(l).startsWith("GET /todos HTTP/1.1  [PSH,ACK seq=1 ack=1 len="))
                .anySatisfy(l -> assertThat(l).startsWith("HTTP/1.1 200 OK  [PSH,ACK seq=1"))
                .anySatisfy(l -> assertThat(l).startsWith("FIN,ACK"));
        assertThat(builtIn.getFirst().from()).isEqualTo("127.0.0.1:45006");
        assertThat(builtIn.getFirst().to()).isEqualTo("127.0.0.1:45681");

        Peer.require("tshark");
        List<Arrow> tshark = LadderCommand.arrows(pcap, List.of(), null, true);
        assertThat(labels(tshark)).startsWith("SYN seq=0", "SYN,ACK seq=0 ack=1", "ACK seq=1 ack=1")
                .anySatisfy(l -> assertThat(l).startsWith("GET /todos HTTP/1.1  [PSH,ACK seq=1 ack=1"))
                .anySatisfy(l -> assertThat(l).startsWith("HTTP/1.1 200 OK  [PSH,ACK seq=1"));
        assertThat(tshark).hasSameSizeAs(builtIn);
        for (int i = 0; i < tshark.size(); i++) {
            String tcp = tshark.get(i).label().replaceFirst("^.*\\[(.*)]$", "$1");
            assertThat(builtIn.get(i).label()).as("packet %d", i + 1).contains(tcp);
        }

        String text = LadderRenderer.text(tshark);
        assertThat(text.lines().findFirst().orElseThrow()).contains("127.0.0.1:45006").contains("127.0.0.1:45681");
        assertThat(text).contains("─ SYN seq=0 ─").contains("▶").contains("◀").contains("GET /todos HTTP/1.1");
        String mermaid = LadderRenderer.mermaid(tshark);
        assertThat(mermaid).startsWith("sequenceDiagram\n    participant P1 as 127.0.0.1:45006\n    participant P2 as 127.0.0.1:45681\n")
                .contains("    P1->>P2: SYN seq=0\n").contains("    P2->>P1: SYN,ACK seq=0 ack=1\n");
    }

    @Test
    @DisplayName("TLS 1.3 (curl against openssl s_server, live): ClientHello, ServerHello, application data records")
    void tls(@TempDir Path dir) throws Exception {
        Require.captureAccess();
        Peer openssl = Peer.require("openssl");
        Peer curl = Peer.require("curl");
        Peer.require("tshark");
        ServerIdentity id = DevCertificates.in(dir.resolve("certs")).server();
        int port = freePort();
        Path pcap = capture(dir.resolve("tls.pcap"), port, List.of(openssl.executable().toString(), "s_server",
                "-accept", "127.0.0.1:" + port, "-cert", id.certificateFile().toString(),
                "-key", id.privateKeyFile().toString(), "-www", "-tls1_3", "-quiet"),
                () -> curl.run(PEER_TIMEOUT, "-s", "-o", "/dev/null", "--cacert",
                        DevCertificates.in(dir.resolve("certs")).caCertificate().toString(),
                        "https://localhost:" + port + "/").assertSuccess());
        List<String> labels = labels(LadderCommand.arrows(pcap, List.of(), null, true));
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("TLS Handshake: ClientHello"))
                .anySatisfy(l -> assertThat(l).startsWith("TLS Handshake: ServerHello"))
                .anySatisfy(l -> assertThat(l).startsWith("TLS Application Data"));
    }

    @Test
    @DisplayName("HTTP/2 over cleartext (nghttp against nghttpd, live): the preface, SETTINGS and their ACKs, HEADERS and DATA with stream ids")
    void http2(@TempDir Path dir) throws Exception {
        Require.captureAccess();
        Peer nghttpd = Peer.require("nghttpd");
        Peer nghttp = Peer.require("nghttp");
        Peer.require("tshark");
        Files.writeString(dir.resolve("index.html"), "<p>hello</p>\n");
        int port = freePort();
        Path pcap = capture(dir.resolve("h2.pcap"), port, List.of(nghttpd.executable().toString(), "--no-tls",
                "-d", dir.toString(), "--address=127.0.0.1", String.valueOf(port)),
                () -> nghttp.run(PEER_TIMEOUT, "-n", "http://127.0.0.1:" + port + "/index.html").assertSuccess());
        List<String> labels = labels(LadderCommand.arrows(pcap, List.of(), null, true));
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("HTTP/2 connection preface"))
                .anySatisfy(l -> assertThat(l).startsWith("SETTINGS stream=0"))
                .anySatisfy(l -> assertThat(l).startsWith("SETTINGS stream=0 ACK"))
                .anySatisfy(l -> assertThat(l).matches("HEADERS stream=[1-9]\\d* .*END_HEADERS.*"))
                .anySatisfy(l -> assertThat(l).matches("DATA stream=[1-9]\\d* END_STREAM.*"));
    }

    @Test
    @DisplayName("WebSocket (the JDK's client, live): the Upgrade request, 101, a masked text frame, the close frames")
    void websocket(@TempDir Path dir) throws Exception {
        Require.captureAccess();
        Peer.require("tshark");
        Path pcap = dir.resolve("ws.pcap");
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                LiveCapture capture = LiveCapture.loopback("tcp port " + listener.getLocalPort())) {
            Thread server = Thread.ofVirtual().start(() -> echoOnce(listener));
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<String> echoed = new CompletableFuture<>();
            WebSocket ws = client.newWebSocketBuilder().buildAsync(
                    URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/chat"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            echoed.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
            assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            server.join(Duration.ofSeconds(10));
            stop(capture, pcap);
        }
        List<String> labels = labels(LadderCommand.arrows(pcap, List.of(), null, true));
        assertThat(labels).anySatisfy(l -> assertThat(l).startsWith("GET /chat HTTP/1.1"))
                .anySatisfy(l -> assertThat(l).startsWith("HTTP/1.1 101 Switching Protocols"))
                .anySatisfy(l -> assertThat(l).startsWith("WebSocket text FIN len=5 masked"))
                .anySatisfy(l -> assertThat(l).startsWith("WebSocket text FIN len=5").doesNotContain("masked"))
                .anySatisfy(l -> assertThat(l).startsWith("WebSocket close FIN"));
    }

    /**
     * The smallest RFC 6455 server for one connection: the handshake (§4.2.2), one text frame
     * echoed unmasked (§5.2), the close answered (§5.5.1). Enough to put real frames on the wire.
     */
    private static void echoOnce(ServerSocket listener) {
        try (Socket s = listener.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            String key = head.toString().lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElseThrow();
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int frames = 0; frames < 2; frames++) {
                int b0 = in.read();
                int b1 = in.read();
                int len = b1 & 0x7f; // the client's frames here are short: no extended length
                byte[] mask = in.readNBytes(4);
                byte[] payload = in.readNBytes(len);
                for (int i = 0; i < len; i++) {
                    payload[i] ^= mask[i % 4];
                }
                out.write(new byte[] {(byte) b0, (byte) len}); // same FIN+opcode, unmasked
                out.write(payload);
                out.flush();
                if ((b0 & 0x0f) == 0x8) {
                    break;
                }
            }
        } catch (Exception e) {
            // the test's assertions say what went wrong
        }
    }

    /** Captures loopback port {@code port} while a server process runs and a client talks to it. */
    private static Path capture(Path pcap, int port, List<String> server, Runnable client) throws Exception {
        try (LiveCapture capture = LiveCapture.loopback("tcp port " + port)) {
            Process p = new ProcessBuilder(server).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                awaitPort(port);
                client.run();
            } finally {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            return stop(capture, pcap);
        }
    }

    private static Path stop(LiveCapture capture, Path pcap) throws Exception {
        capture.awaitPackets(p -> true, 10, Duration.ofSeconds(5));
        capture.stop();
        return capture.writePcap(pcap);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on port " + port + " after 15 s");
    }
}
