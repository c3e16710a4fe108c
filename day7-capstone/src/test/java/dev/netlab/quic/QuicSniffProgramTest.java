package dev.netlab.quic;

import static dev.netlab.quic.Rfc9001.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Require;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.launch.ProgramProcess;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 7.27 (the program): {@code quic-sniff} as a learner runs it, decoding with their
 * {@link InitialDecoder} what it captures live. RFC 9001 A.2's client Initial is sent to a
 * port nobody listens on (the capture sees it all the same); the program must print the packet
 * and the ClientHello inside. Beyond {@link InitialDecoderTest}'s mistakes it catches a decoder
 * that works on byte arrays in a test but not on datagrams taken off the wire.
 */
@Checkpoint(id = "7.27", title = "A client's Initials, end to end; Chromium's, captured live",
        edit = "dev/netlab/quic/InitialDecoder.java",
        hint = "keys from the FIRST Initial's DCID; split coalesced packets by Length; CRYPTO by offset; a ClientHello is complete at 4 + its 24-bit length",
        readme = "ADVANCED.md#chromium-on-the-wire")
class QuicSniffProgramTest {
    @Test
    @DisplayName("quic-sniff prints RFC 9001 A.2's Initial (packet 2, DCID 8394c8f03e515708) and its ClientHello (SNI example.com)")
    void decodesALiveInitial() throws Exception {
        Require.captureAccess();
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free now; nothing will listen on it
        }
        // the program's decoder on the same Initial, in this JVM: a stub fails here at once, not after 40 sends
        StubProbe.failIfStub(Duration.ofSeconds(10), () -> new InitialDecoder().offer(hex(Rfc9001.CLIENT_INITIAL)));
        try (ProgramProcess sniff = ProgramProcess.start("quic-sniff", "--port", Integer.toString(port));
             DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            sniff.awaitReady(Duration.ofSeconds(60));
            byte[] initial = hex(Rfc9001.CLIENT_INITIAL);
            String out = "";
            // the capture may start a moment after READY: send again until the program reports it
            for (int i = 0; i < 40 && !out.contains("ClientHello:"); i++) {
                client.send(new DatagramPacket(initial, initial.length, InetAddress.getLoopbackAddress(), port));
                Thread.sleep(500);
                out = String.join("\n", sniff.output());
            }
            System.out.println(out);
            assertThat(out).contains("Initial pn=2 dcid=8394c8f03e515708", "1200 octets", "CRYPTO(0+241)",
                    "ClientHello: SNI example.com");
            assertThat(sniff.stop(Duration.ofSeconds(10))).as("SIGTERM stops it cleanly").isZero();
        }
    }
}
