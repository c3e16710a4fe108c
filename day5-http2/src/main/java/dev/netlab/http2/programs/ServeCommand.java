package dev.netlab.http2.programs;

import dev.netlab.http2.server.Http2Server;
import dev.netlab.http2.server.ServerSettings;
import dev.netlab.kit.launch.ServerContract;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.tls.TlsKeyLog;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab run day5-http2 [serve] [-- --port 8080] [--tls]}: the day's site over your
 * HTTP/2 code — h2c by prior knowledge and by {@code Upgrade: h2c} on one port, or with
 * {@code --tls} h2 over TLS with ALPN (HTTP/1.1 as the fallback).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves a small site over HTTP/2: h2c (prior knowledge and Upgrade), or h2 over TLS with --tls.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port, 0 for any free one (default 8080, 8443 with --tls)")
    Integer port;

    @Option(names = "--tls", description = "h2 over TLS with ALPN, certificates from the lab's development CA")
    boolean tls;

    @Option(names = "--keylog", description = "with --tls: append the TLS secrets to this file (NSS key log format) for Wireshark")
    Path keylog;

    @Option(names = "--capture", description = "write a live capture of the server's traffic to this pcap file")
    Path capture;

    @Option(names = "--max-streams", description = "SETTINGS_MAX_CONCURRENT_STREAMS (default ${DEFAULT-VALUE})")
    int maxStreams = 256;

    @Option(names = "--max-connections", description = "connections served at once; more wait in the accept backlog (default ${DEFAULT-VALUE})")
    int maxConnections = Http2Server.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--max-body", description = "the largest request content in octets; more is answered 413 (default ${DEFAULT-VALUE})")
    long maxBody = ServerSettings.defaults().maxBodySize();

    @Override
    public Integer call() throws Exception {
        String missing = Preflight.missingCheckpoints();
        if (missing != null) {
            System.err.println("serve needs " + missing + " first (./lab test day5-http2 shows your progress)");
            return 1;
        }
        SSLContext context = null;
        if (tls) {
            if (keylog != null) {
                TlsKeyLog.attachToThisJvm(keylog);
            }
            context = DevCertificates.standard().serverContext();
        }
        int listen = port != null ? port : tls ? 8443 : 8080;
        ServerSettings settings = ServerSettings.defaults().withMaxConcurrentStreams(maxStreams).withConnectProtocol(true)
                .withMaxBodySize(maxBody);
        try (Http2Server server = Http2Server.start(new InetSocketAddress(host, listen), new SiteHandler(), settings, context,
                maxConnections)) {
            ServerContract.captureIfAsked(capture, server.port());
            String shown = host.contains(":") ? "[" + host + "]" : host;
            ServerContract.ready((tls ? "https://" : "http://") + shown + ":" + server.port() + "/");
            ServerContract.awaitShutdown(() -> server.stopGracefully(ServerContract.SHUTDOWN_GRACE.minusMillis(500)));
        }
        return 0;
    }
}
