package dev.netlab.http2.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** An {@link Http2Server} on a free loopback port for one test, stopped at the end. */
final class TestServer implements AutoCloseable {
    /** What h2spec expects: GET / and POST / answer 200 with a non-empty body. */
    static final byte[] HELLO = "Hello, HTTP/2! This body is long enough for the flow-control cases.\n".getBytes(StandardCharsets.UTF_8);

    final Http2Server server;

    private TestServer(Http2Server server) {
        this.server = server;
    }

    static TestServer start(Handler handler, ServerSettings settings) throws IOException {
        return start(handler, settings, null);
    }

    static TestServer start(Handler handler, ServerSettings settings, SSLContext tls) throws IOException {
        return new TestServer(Http2Server.start(new InetSocketAddress("127.0.0.1", 0), handler, settings, tls));
    }

    /** The h2spec server: 200 and {@link #HELLO} to everything. */
    static TestServer hello() throws IOException {
        return start(r -> Response.of(200, "text/plain", HELLO), ServerSettings.defaults().withMaxConcurrentStreams(100));
    }

    int port() {
        return server.port();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        server.stopGracefully(Duration.ofMillis(200));
    }
}
