package dev.netlab.transport.programs;

import dev.netlab.kit.launch.ServerContract;
import dev.netlab.transport.kv.KvServer;
import dev.netlab.transport.kv.KvStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab run day2-tcp-udp kv}: the key-value server (your KvServer and KvStore). */
@Command(name = "kv", mixinStandardHelpOptions = true,
        description = "Key-value server over length-prefixed frames (PING, GET, SET, DEL). Prints READY tcp://HOST:PORT.")
public final class KvCommand implements Callable<Integer> {
    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port to listen on; 0 = any free port (default ${DEFAULT-VALUE})")
    int port = 7379;

    @Option(names = "--capture", description = "capture this server's traffic live into a pcap file (root)")
    Path capture;

    @Override
    public Integer call() throws Exception {
        KvServer server = new KvServer(new InetSocketAddress(InetAddress.getByName(host), port), new KvStore());
        server.start();
        ServerContract.captureIfAsked(capture, server.port());
        System.err.printf("kv server on %s:%d; try: printf '\\0\\0\\0\\4PING' | nc -q1 %s %d | od -c%n",
                host, server.port(), host, server.port());
        ServerContract.ready("tcp://" + host + ":" + server.port());
        ServerContract.awaitShutdown(() -> server.stop(ServerContract.SHUTDOWN_GRACE.minusMillis(500)));
        return 0;
    }
}
