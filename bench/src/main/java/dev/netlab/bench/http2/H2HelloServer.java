package dev.netlab.bench.http2;

import dev.netlab.http2.server.Handler;
import dev.netlab.http2.server.Http2Server;
import dev.netlab.http2.server.Response;
import dev.netlab.http2.server.ServerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One h2c hello server in a process of its own, so that its CPU time can be read from
 * {@code /proc/<pid>/stat} apart from h2load's:
 * {@code java -cp ... dev.netlab.bench.http2.H2HelloServer <kind>} prints {@code READY <url>}
 * once it accepts connections, answers every request with {@code 200}, {@code text/plain},
 * {@value #HELLO} (with {@code content-length}, {@code date} and {@code server}, as nghttpd
 * sends them), advertises SETTINGS_MAX_CONCURRENT_STREAMS {@value #MAX_STREAMS}, and stops when
 * its standard input closes.
 *
 * <p>Kinds: {@code netlab} (day 5's {@link Http2Server} on the reference
 * {@code Http2Connection}: a virtual thread per connection and per stream, prior knowledge),
 * {@code netty} ({@link NettyH2Server}: Netty 4.2's {@code Http2FrameCodec} on epoll).
 */
public final class H2HelloServer {
    /** The content of every answer. */
    static final String HELLO = "Hello, World!";
    /** SETTINGS_MAX_CONCURRENT_STREAMS of every server of the suites (nghttpd: {@code -m}). */
    static final int MAX_STREAMS = 1000;

    private H2HelloServer() {
    }

    /** Day 5's server with the bench's settings and the hello handler. */
    static Http2Server netlab(InetSocketAddress bind) throws IOException {
        byte[] hello = HELLO.getBytes(StandardCharsets.US_ASCII);
        Handler handler = request -> Response.of(200, "text/plain", hello).header("server", "netlab");
        return Http2Server.start(bind, handler, ServerSettings.defaults().withMaxConcurrentStreams(MAX_STREAMS), null);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: H2HelloServer netlab|netty");
            System.exit(2);
        }
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        AutoCloseable server;
        int port;
        switch (args[0]) {
            case "netlab" -> {
                Http2Server s = netlab(any);
                server = s;
                port = s.port();
            }
            case "netty" -> {
                NettyH2Server s = new NettyH2Server(any);
                server = s;
                port = s.port();
            }
            default -> throw new IllegalArgumentException("unknown server kind " + args[0]);
        }
        System.out.println("READY http://127.0.0.1:" + port + "/");
        System.out.flush();
        try (server) {
            try {
                while (System.in.read() >= 0) {
                    // the parent closes our stdin to stop us
                }
            } catch (IOException e) {
                // the parent is gone: stop as well
            }
        }
        System.exit(0);
    }
}
