package dev.netlab.bench.http1;

import dev.netlab.http1.Limits;
import dev.netlab.http1.server.Http1Server;
import dev.netlab.http1.server.LoopServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One hello server in a process of its own, so that its CPU time can be read from
 * {@code /proc/<pid>/stat} apart from the load generator's:
 * {@code java -cp ... dev.netlab.bench.http1.HelloServer <kind>} prints {@code READY <url>}
 * once it accepts connections (the lab's server contract), serves {@link HelloApp}'s two
 * endpoints on 127.0.0.1 and an ephemeral port, and stops when its standard input closes.
 *
 * <p>Kinds: {@code netlab} (day 3's {@link Http1Server} on the reference
 * {@code HttpConnection}, a virtual thread per connection), {@code netlab-loop} (day 3's
 * {@link LoopServer}: the same parser and writer on one event loop per core), {@code jdk} and {@code jdk-virtual} ({@link JdkHelloServer}),
 * {@code netty} ({@link NettyHelloServer}).
 */
public final class HelloServer {
    private HelloServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: HelloServer netlab|netlab-loop|jdk|jdk-virtual|netty");
            System.exit(2);
        }
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        AutoCloseable server;
        InetSocketAddress address;
        switch (args[0]) {
            case "netlab" -> {
                // the idle timeout only matters between the warm-up and the measurement
                Http1Server s = Http1Server.start(any, new HelloApp(), Limits.defaults());
                server = s;
                address = s.address();
            }
            case "netlab-loop" -> {
                LoopServer s = LoopServer.start(any, new HelloApp(), Limits.defaults());
                server = s;
                address = s.address();
            }
            case "jdk", "jdk-virtual" -> {
                JdkHelloServer s = new JdkHelloServer(any, args[0].equals("jdk-virtual"));
                server = s;
                address = s.address();
            }
            case "netty" -> {
                NettyHelloServer s = new NettyHelloServer(any);
                server = s;
                address = s.address();
            }
            default -> throw new IllegalArgumentException("unknown server kind " + args[0]);
        }
        System.out.println("READY http://127.0.0.1:" + address.getPort() + "/");
        System.out.flush();
        try (server) {
            waitForEndOfInput();
        }
        System.exit(0);
    }

    private static void waitForEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // the parent closes our stdin to stop us
            }
        } catch (IOException e) {
            // the parent is gone: stop as well
        }
    }
}
