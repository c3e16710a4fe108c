package dev.netlab.quic.programs;

import dev.netlab.kit.StubException;
import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.kit.launch.ServerContract;
import dev.netlab.kit.pcap.CapturedPacket;
import dev.netlab.quic.ClientHello;
import dev.netlab.quic.Frame;
import dev.netlab.quic.FrameParser;
import dev.netlab.quic.InitialDecoder;
import dev.netlab.quic.OpenedPacket;
import dev.netlab.quic.PacketHeader;
import dev.netlab.quic.PacketType;
import dev.netlab.quic.QuicException;
import dev.netlab.quic.peer.UdpDatagram;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab run day7-capstone quic-sniff -- --port 8443}: captures the UDP datagrams sent to
 * a QUIC server on loopback and decodes each client's Initial packets with YOUR code
 * ({@link InitialDecoder}, checkpoints 7.21-7.27): header, packet number, frames, and the
 * ClientHello once it is whole. Needs root (live capture).
 */
@Command(name = "quic-sniff", mixinStandardHelpOptions = true,
        description = "Decode, live, the Initial packets clients send to a QUIC server on loopback (with your InitialDecoder).")
public final class QuicSniffCommand implements Callable<Integer> {
    @Option(names = "--port", description = "the server's UDP port (default ${DEFAULT-VALUE})")
    int port = 8443;

    @Option(names = "--interface", description = "interface to capture on (default ${DEFAULT-VALUE})")
    String iface = "lo";

    @Option(names = "--write", description = "also write the capture to FILE.pcap at the end")
    Path write;

    private final Map<Integer, InitialDecoder> clients = new HashMap<>();

    @Override
    public Integer call() throws Exception {
        try (LiveCapture capture = LiveCapture.start(iface, "udp dst port " + port)) {
            System.out.println("READY capturing udp dst port " + port + " on " + iface + " (Ctrl-C ends)");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<StubException> stub = new AtomicReference<>();
            Thread reader = Thread.ofPlatform().name("quic-sniff").start(() -> {
                int seen = 0;
                while (!stop.get()) {
                    List<CapturedPacket> all = capture.packets();
                    for (; seen < all.size(); seen++) {
                        try {
                            decode(all.get(seen));
                        } catch (StubException e) {
                            stub.set(e);
                            return;
                        }
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Thread waiter = Thread.ofPlatform().daemon().start(() -> {
                try {
                    ServerContract.awaitShutdown(() -> stop.set(true));
                } catch (InterruptedException ignored) {
                    // ends with the program
                }
            });
            reader.join();
            waiter.interrupt();
            capture.stop();
            if (stub.get() != null) {
                throw stub.get(); // the launcher names the checkpoints quic-sniff runs on (programs.properties)
            }
            if (write != null) {
                capture.writePcap(write);
                System.err.println("capture: " + write);
            }
        }
        return 0;
    }

    /** Decodes one captured frame and prints what it holds; a stub escapes. */
    private void decode(CapturedPacket p) {
        UdpDatagram udp = UdpDatagram.fromEthernet(p.data());
        if (udp == null || udp.destinationPort() != port) {
            return;
        }
        int srcPort = udp.sourcePort();
        byte[] datagram = udp.payload();
        InitialDecoder decoder = clients.computeIfAbsent(srcPort, k -> new InitialDecoder());
        try {
            boolean hadHello = decoder.clientHello().isPresent();
            List<OpenedPacket> opened = decoder.offer(datagram);
            for (OpenedPacket o : opened) {
                String frames = FrameParser.parse(o.payload(), PacketType.INITIAL).stream().map(QuicSniffCommand::brief)
                        .collect(Collectors.joining(" "));
                PacketHeader.LongHeader h = (PacketHeader.LongHeader) o.header();
                System.out.printf("%s :%d  Initial pn=%d dcid=%s scid=%s  %d octets  %s%n", p.time(), srcPort,
                        o.packetNumber(), h.destination(), h.source(), datagram.length, frames);
            }
            if (!hadHello && decoder.clientHello().isPresent()) {
                ClientHello c = decoder.clientHello().get();
                System.out.printf("  ClientHello: SNI %s, ALPN %s, versions %s, cipher suites %s, key shares %s, %d extensions, transport parameters %s%n",
                        c.serverName(), c.alpn(), hex(c.supportedVersions()), hex(c.cipherSuites()), hex(c.keyShareGroups()),
                        c.extensions().size(), c.transportParameters() == null ? "none" : c.transportParameters().parameters());
            }
        } catch (QuicException e) {
            System.out.printf("%s :%d  %s%n", p.time(), srcPort, e);
        }
    }

    private static String brief(Frame f) {
        return switch (f) {
            case Frame.Padding p -> "PADDING(" + p.length() + ")";
            case Frame.Ping p -> "PING";
            case Frame.Ack a -> "ACK(" + a.largest() + ")";
            case Frame.Crypto c -> "CRYPTO(" + c.offset() + "+" + c.data().length + ")";
            case Frame.ConnectionClose c -> "CONNECTION_CLOSE(0x" + Long.toHexString(c.errorCode()) + ")";
        };
    }

    private static List<String> hex(List<Integer> values) {
        return values.stream().map(v -> String.format("0x%04x", v)).toList();
    }
}
