package dev.netlab.http2.server;

import dev.netlab.http2.programs.Preflight;
import dev.netlab.kit.StubProbe;
import java.io.IOException;
import java.io.InterruptedIOException;
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
        failIfStub();
        return new TestServer(Http2Server.start(new InetSocketAddress("127.0.0.1", 0), handler, settings, tls));
    }

    /**
     * The server's stubs, tried in this JVM before it starts ({@link Preflight#throwFirstStub}, the
     * serve program's own check, in lab-kit's {@link StubProbe}): on a stub the test fails at once
     * with its checkpoint, instead of after a browser, a peer or a conformance suite met a server
     * whose every connection fails. On working code it changes nothing.
     */
    static void failIfStub() throws IOException {
        try {
            StubProbe.failIfStub(Duration.ofSeconds(5), Preflight::throwFirstStub);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while looking for stubs");
        }
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
