package dev.netlab.transport.programs;

import dev.netlab.kit.launch.ServerContract;
import dev.netlab.transport.udp.UdpEchoServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab run day2-tcp-udp udp-echo}: the UDP echo server (your UdpEchoServer). */
@Command(name = "udp-echo", mixinStandardHelpOptions = true,
        description = "UDP echo server: every datagram back to its sender. Prints READY udp://HOST:PORT.")
public final class UdpEchoCommand implements Callable<Integer> {
    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port to listen on; 0 = any free port (default ${DEFAULT-VALUE})")
    int port = 7007;

    @Option(names = "--capture", description = "capture this server's traffic live into a pcap file (root)")
    Path capture;

    @Override
    public Integer call() throws Exception {
        UdpEchoServer server = new UdpEchoServer(new InetSocketAddress(InetAddress.getByName(host), port));
        server.start();
        ServerContract.captureIfAsked(capture, server.port());
        System.err.printf("udp echo server on %s:%d; try: printf 'hi\\n' | nc -u -w1 %s %d%n", host, server.port(), host, server.port());
        ServerContract.ready("udp://" + host + ":" + server.port());
        ServerContract.awaitShutdown(() -> server.stop(Duration.ofSeconds(1)));
        return 0;
    }
}
