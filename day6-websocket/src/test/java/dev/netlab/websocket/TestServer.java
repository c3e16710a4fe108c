package dev.netlab.websocket;

import dev.netlab.kit.StubProbe;
import dev.netlab.websocket.connection.ConnectionSettings;
import dev.netlab.websocket.connection.Ticker;
import dev.netlab.websocket.handshake.HandshakePolicy;
import dev.netlab.websocket.programs.Preflight;
import dev.netlab.websocket.room.BroadcastRoom;
import dev.netlab.websocket.server.EchoHandler;
import dev.netlab.websocket.server.Endpoint;
import dev.netlab.websocket.server.RoomHandler;
import dev.netlab.websocket.server.WebSocketServer;
import dev.netlab.websocket.sse.EventLog;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The day's server on port 0 for tests: {@code /echo} (no Origin needed, deflate when offered),
 * {@code /echo-plain} (no deflate), {@code /room}, {@code /events}; short timeouts.
 */
public final class TestServer implements AutoCloseable {
    public static final String ORIGIN = "http://allowed.example";

    private final WebSocketServer server;
    private final Ticker ticker;
    public final BroadcastRoom room;
    public final EventLog log;

    private TestServer(ConnectionSettings settings, SSLContext tls, int roomQueue) throws IOException {
        failIfStub();
        ticker = new Ticker(Duration.ofMillis(50), Clock.systemUTC());
        room = new BroadcastRoom(roomQueue, Duration.ofSeconds(1));
        log = new EventLog(50);
        HandshakePolicy echo = new HandshakePolicy(Set.of(ORIGIN), false, List.of(), true);
        server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0), tls, settings, ticker)
                .websocket(new Endpoint("/echo", echo, EchoHandler::new))
                .websocket(new Endpoint("/echo-plain", echo.withDeflate(false), EchoHandler::new))
                .websocket(new Endpoint("/room", echo.withSubprotocols("chat"), () -> new RoomHandler(room)))
                .events("/events", log, Duration.ofMillis(500), Duration.ofMillis(300))
                .start();
    }

    /**
     * The server's stubs, tried in this JVM before it starts ({@link Preflight#throwFirstStub}, the
     * serve program's own check, in lab-kit's {@link StubProbe}): on a stub the test fails at once
     * with its checkpoint, instead of after a browser, a peer or a conformance suite met a server
     * whose every connection fails. On working code it changes nothing.
     */
    public static void failIfStub() throws IOException {
        try {
            StubProbe.failIfStub(Duration.ofSeconds(5), Preflight::throwFirstStub);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while looking for stubs");
        }
    }

    public static TestServer start() throws IOException {
        return start(ConnectionSettings.server().withCloseTimeout(Duration.ofSeconds(2)));
    }

    public static TestServer start(ConnectionSettings settings) throws IOException {
        return new TestServer(settings, null, 64);
    }

    public static TestServer start(ConnectionSettings settings, SSLContext tls, int roomQueue) throws IOException {
        return new TestServer(settings, tls, roomQueue);
    }

    public WebSocketServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public String url(String path) {
        return server.scheme() + "://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(1));
        ticker.close();
    }
}
