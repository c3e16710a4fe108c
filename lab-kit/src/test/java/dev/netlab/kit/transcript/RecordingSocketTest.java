package dev.netlab.kit.transcript;

import static dev.netlab.kit.transcript.Transcript.Direction.CLIENT_TO_SERVER;
import static dev.netlab.kit.transcript.Transcript.Direction.SERVER_TO_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.transcript.Transcript.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordingSocketTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Echoes everything it reads, then closes its side when the client's FIN arrives. */
    private static Thread echoOnce(ServerSocket server) {
        return Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the test fails on its own side
            }
        });
    }

    @Test
    @DisplayName("bytes each way and both closes are recorded against an echo server")
    void tcpEcho() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            Thread echo = echoOnce(server);
            InetSocketAddress address = new InetSocketAddress(LOOPBACK, server.getLocalPort());
            byte[] hello = "hello\r\n".getBytes(StandardCharsets.US_ASCII);
            try (RecordingSocket s = RecordingSocket.connect("echo", address, TIMEOUT)) {
                s.out().write(hello);
                s.out().write('!');
                s.shutdownOutput();
                assertThat(s.transcript().isClosed(CLIENT_TO_SERVER)).isTrue();
                byte[] back = s.in().readAllBytes();

                Transcript t = s.transcript();
                assertThat(back).isEqualTo("hello\r\n!".getBytes(StandardCharsets.US_ASCII));
                assertThat(t.bytes(CLIENT_TO_SERVER)).isEqualTo(back);
                assertThat(t.bytes(SERVER_TO_CLIENT)).isEqualTo(back);
                assertThat(t.isClosed(SERVER_TO_CLIENT)).isTrue();
                assertThat(t.transport()).isEqualTo(Transport.TCP);
                assertThat(t.server()).isEqualTo(address);
                assertThat(t.client().getPort()).isEqualTo(s.socket().getLocalPort());
            }
            echo.join(TIMEOUT);
        }
    }

    @Test
    @DisplayName("wrap records on an already connected socket; close records the client's close")
    void wrapAndClose() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            Thread echo = echoOnce(server);
            Socket plain = new Socket(LOOPBACK, server.getLocalPort());
            RecordingSocket s = RecordingSocket.wrap("wrapped", plain);
            s.out().write(new byte[] {1, 2, 3});
            assertThat(s.in().readNBytes(3)).containsExactly(1, 2, 3);
            s.close();
            s.close(); // idempotent

            assertThat(plain.isClosed()).isTrue();
            assertThat(s.transcript().isClosed(CLIENT_TO_SERVER)).isTrue();
            assertThat(s.transcript().isClosed(SERVER_TO_CLIENT)).isFalse();
            assertThat(s.transcript().bytes(SERVER_TO_CLIENT)).containsExactly(1, 2, 3);
            echo.join(TIMEOUT);
        }
    }

    @Test
    @DisplayName("UDP: each datagram each way is one chunk, an empty one too; strangers are dropped; a silent server times out")
    void udpEcho() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, LOOPBACK)) {
            Thread echo = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 2; i++) {
                        DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
                        server.receive(p);
                        server.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                    }
                } catch (IOException ignored) {
                    // the test fails on its own side
                }
            });
            InetSocketAddress address = new InetSocketAddress(LOOPBACK, server.getLocalPort());
            try (RecordingDatagramSocket s = RecordingDatagramSocket.connect("udp-echo", address)) {
                s.send(new byte[] {42, 43});
                assertThat(s.receive(TIMEOUT)).containsExactly(42, 43);
                try (DatagramSocket stranger = new DatagramSocket(0, LOOPBACK)) { // not the server: dropped
                    stranger.send(new DatagramPacket(new byte[] {7}, 1, LOOPBACK, s.transcript().client().getPort()));
                }
                s.send(new byte[0]); // an empty datagram is still one (RFC 768 length 8)
                assertThat(s.receive(TIMEOUT)).isEmpty();
                assertThat(s.strangers()).as("datagrams from another address, dropped").isEqualTo(1);
                assertThatThrownBy(() -> s.receive(Duration.ofMillis(50))).isInstanceOf(SocketTimeoutException.class);

                Transcript t = s.transcript();
                assertThat(t.transport()).isEqualTo(Transport.UDP);
                assertThat(t.chunks()).extracting(Transcript.Chunk::direction)
                        .containsExactly(CLIENT_TO_SERVER, SERVER_TO_CLIENT, CLIENT_TO_SERVER, SERVER_TO_CLIENT);
                assertThat(t.chunks()).extracting(Transcript.Chunk::length).containsExactly(2, 2, 0, 0);
                assertThat(TranscriptFormatter.format(t)).contains("an empty datagram");
                assertThat(t.bytes(SERVER_TO_CLIENT)).containsExactly(42, 43);
                assertThat(t.server()).isEqualTo(address);
                assertThat(t.client().getAddress()).isEqualTo(LOOPBACK);
            }
            echo.join(TIMEOUT);
        }
    }
}
