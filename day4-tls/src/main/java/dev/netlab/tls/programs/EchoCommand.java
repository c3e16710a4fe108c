package dev.netlab.tls.programs;

import dev.netlab.kit.launch.ServerContract;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.tls.TlsKeyLog;
import dev.netlab.tls.engine.TlsEchoServer;
import dev.netlab.tls.server.TlsPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab run day4-tls echo}: an echo server over TLS on one selector thread, on your
 * SSLEngine driver ({@code TlsChannel}, checkpoint 4.10). Try it with
 * {@code openssl s_client -connect 127.0.0.1:PORT -CAfile ~/.netlab/tls/ca.crt -quiet}.
 */
@Command(name = "echo", mixinStandardHelpOptions = true,
        description = "Echoes every octet back over TLS, non-blocking, on your SSLEngine driver.")
public final class EchoCommand implements Callable<Integer> {
    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port, 0 for any free one (default ${DEFAULT-VALUE})")
    int port = 8444;

    @Option(names = "--keylog", description = "append the TLS secrets to this file (NSS key log format)")
    Path keylog;

    @Option(names = "--capture", description = "write a live capture of the server's traffic to this pcap file (root)")
    Path capture;

    @Override
    public Integer call() throws Exception {
        if (keylog != null) {
            TlsKeyLog.attachToThisJvm(keylog);
        }
        try (TlsEchoServer server = TlsEchoServer.start(new InetSocketAddress(host, port), DevCertificates.standard().serverContext(),
                TlsPolicy::apply)) {
            ServerContract.captureIfAsked(capture, server.port());
            String shown = host.contains(":") ? "[" + host + "]" : host;
            ServerContract.ready("tls://" + shown + ":" + server.port() + "/");
            ServerContract.awaitShutdown(() -> System.err.println("echoed " + server.echoed() + " octets, "
                    + server.failures() + " connection(s) failed"));
        }
        return 0;
    }
}
