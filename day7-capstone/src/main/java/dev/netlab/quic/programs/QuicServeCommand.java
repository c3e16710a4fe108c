package dev.netlab.quic.programs;

import dev.netlab.kit.launch.ServerContract;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.tls.ServerIdentity;
import dev.netlab.quic.peer.Http3Server;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab run day7-capstone quic-serve}: an HTTP/3 server on Netty's QUIC codec, for Chromium, curl and tshark. */
@Command(name = "quic-serve", mixinStandardHelpOptions = true,
        description = "Serve HTTP/3 over QUIC (Netty's native codec) with the lab's development certificate.")
public final class QuicServeCommand implements Callable<Integer> {
    @Option(names = "--host", description = "address to bind (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "UDP port, 0 = any free one (default ${DEFAULT-VALUE})")
    int port = 8443;

    @Option(names = "--keylog", description = "append the TLS secrets to FILE (NSS key log format, for tshark/Wireshark)")
    Path keylog;

    @Option(names = "--capture", description = "capture the server's own UDP traffic to FILE.pcap (needs root)")
    Path capture;

    @Override
    public Integer call() throws Exception {
        ServerIdentity identity = DevCertificates.standard().server("localhost", "127.0.0.1");
        try (Http3Server server = Http3Server.start(new InetSocketAddress(host, port), identity.privateKey(),
                identity.chain(), keylog)) {
            ServerContract.captureIfAsked(capture, server.port());
            String origin = "localhost:" + server.port();
            System.err.println("Chromium, forced onto QUIC and trusting this certificate's key:");
            // Chromium refuses to run as root without --no-sandbox (and the live labs run as root)
            String sandbox = "root".equals(System.getProperty("user.name")) ? " --no-sandbox" : "";
            System.err.println("  chromium --headless=new" + sandbox + " --origin-to-force-quic-on=" + origin
                    + " --host-resolver-rules='MAP localhost " + host + "'"
                    + " --ignore-certificate-errors-spki-list=" + Http3Server.spkiHash(identity.certificate())
                    + " --dump-dom https://" + origin + "/");
            ServerContract.ready("https://" + origin + "/");
            ServerContract.awaitShutdown(() -> {
                System.err.println("served " + server.requests().size() + " request(s)");
            });
        }
        return 0;
    }
}
