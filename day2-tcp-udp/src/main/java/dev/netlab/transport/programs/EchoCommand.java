package dev.netlab.transport.programs;

import dev.netlab.kit.launch.ServerContract;
import dev.netlab.transport.EchoServer;
import dev.netlab.transport.ServerModel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * The echo server programs, one per {@link ServerModel}: {@code ./lab run day2-tcp-udp
 * [echo|echo-threads|echo-pool|echo-nio] [-- --port 7007]}. They keep the server contract
 * ({@link ServerContract}): {@code READY tcp://host:port}, {@code --port 0}, {@code --capture},
 * a graceful stop on SIGINT/SIGTERM.
 */
public abstract class EchoCommand implements Callable<Integer> {
    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port to listen on; 0 = any free port (default ${DEFAULT-VALUE})")
    int port = 7007;

    @Option(names = "--capture", description = "capture this server's traffic live into a pcap file (root)")
    Path capture;

    private final ServerModel model;

    EchoCommand(ServerModel model) {
        this.model = model;
    }

    @Override
    public Integer call() throws Exception {
        EchoServer server = model.create(new InetSocketAddress(InetAddress.getByName(host), port));
        server.start();
        ServerContract.captureIfAsked(capture, server.port());
        System.err.printf("echo server (%s model) on %s:%d; try: printf 'hi\\n' | nc -q1 %s %d%n",
                model.name().toLowerCase(java.util.Locale.ROOT), host, server.port(), host, server.port());
        ServerContract.ready("tcp://" + host + ":" + server.port());
        ServerContract.awaitShutdown(() -> server.stop(ServerContract.SHUTDOWN_GRACE.minusMillis(500)));
        return 0;
    }
}
