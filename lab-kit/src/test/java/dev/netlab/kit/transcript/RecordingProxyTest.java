package dev.netlab.kit.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.transcript.Transcript.Direction;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordingProxyTest {
    @Test
    @DisplayName("bytes pass both ways through the proxy and are recorded per connection; a half-close is passed on")
    void forwardsAndRecords() throws Exception {
        try (ServerSocket upper = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket s = upper.accept()) {
                        byte[] all = s.getInputStream().readAllBytes(); // until the client's half-close
                        s.getOutputStream().write(("got " + new String(all, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            try (RecordingProxy proxy = RecordingProxy.start("test", new InetSocketAddress(InetAddress.getLoopbackAddress(), upper.getLocalPort()))) {
                for (String word : List.of("one", "two")) {
                    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                        client.setSoTimeout(10_000);
                        OutputStream out = client.getOutputStream();
                        out.write(word.getBytes(StandardCharsets.US_ASCII));
                        client.shutdownOutput();
                        InputStream in = client.getInputStream();
                        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("got " + word);
                    }
                }
                List<Transcript> transcripts = proxy.awaitTranscripts(2, Duration.ofSeconds(5));
                assertThat(transcripts).hasSize(2);
                assertThat(new String(transcripts.get(1).bytes(Direction.CLIENT_TO_SERVER), StandardCharsets.US_ASCII)).isEqualTo("two");
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (transcripts.get(0).bytes(Direction.SERVER_TO_CLIENT).length < 7 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(new String(transcripts.get(0).bytes(Direction.SERVER_TO_CLIENT), StandardCharsets.US_ASCII)).isEqualTo("got one");
                assertThat(transcripts.get(0).server().getPort()).isEqualTo(upper.getLocalPort());
            }
            server.join(5_000);
        }
    }
}
