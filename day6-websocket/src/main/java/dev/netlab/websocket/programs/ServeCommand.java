package dev.netlab.websocket.programs;

import dev.netlab.kit.launch.ServerContract;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.websocket.connection.ConnectionSettings;
import dev.netlab.websocket.handshake.HandshakePolicy;
import dev.netlab.websocket.room.BroadcastRoom;
import dev.netlab.websocket.server.EchoHandler;
import dev.netlab.websocket.server.Endpoint;
import dev.netlab.websocket.server.RoomHandler;
import dev.netlab.websocket.server.WebSocketServer;
import dev.netlab.websocket.sse.EventLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab run day6-websocket [serve] [-- --port 8080] [--tls]}: the day's server on the
 * learner's code — a page at {@code /}, echo at {@code /echo}, a broadcast room at
 * {@code /room}, Server-Sent Events at {@code /events}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves a page at /, a WebSocket echo at /echo, a broadcast room at /room and Server-Sent Events "
                + "at /events (your handshake, frames, connection, room and event stream).")
public final class ServeCommand implements Callable<Integer> {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port, 0 for any free one (default 8080, 8443 with --tls)")
    Integer port;

    @Option(names = "--tls", description = "serve https:// and wss:// with the lab's development certificate")
    boolean tls;

    @Option(names = "--capture", description = "write a live capture of the server's traffic to this pcap file")
    java.nio.file.Path capture;

    @Option(names = "--origin", description = "an extra Origin allowed to open /room (the server's own origins always are)")
    List<String> origins = new ArrayList<>();

    @Option(names = "--max-message", description = "largest message in octets, after decompression (default ${DEFAULT-VALUE})")
    int maxMessage = 1 << 20;

    @Option(names = "--head-timeout", description = "seconds from a connection's start to the end of its request head (default ${DEFAULT-VALUE})")
    int headTimeoutSeconds = 10;

    @Option(names = "--room-queue", description = "messages queued per member of /room before it is dropped as a slow consumer (default ${DEFAULT-VALUE})")
    int roomQueue = 64;

    @Option(names = "--max-connections", description = "connections served at once; more wait in the accept backlog (default ${DEFAULT-VALUE})")
    int maxConnections = WebSocketServer.DEFAULT_MAX_CONNECTIONS;

    @Option(names = "--tick", description = "seconds between the clock events on /events, 0 for none (default ${DEFAULT-VALUE})")
    int tickSeconds = 5;

    @Override
    public Integer call() throws Exception {
        String missing = Preflight.missingCheckpoints();
        if (missing != null) {
            System.err.println("serve needs " + missing + " first (./lab test day6-websocket shows your progress)");
            return 1;
        }
        int p = port != null ? port : tls ? 8443 : 8080;
        ConnectionSettings settings = ConnectionSettings.server().withMaxMessageSize(maxMessage);
        WebSocketServer server = new WebSocketServer(new InetSocketAddress(host, p),
                tls ? DevCertificates.standard().serverContext() : null, settings);
        server.headTimeout(Duration.ofSeconds(headTimeoutSeconds)).maxConnections(maxConnections).start();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        String origin = (tls ? "https://" : "http://") + shown + ":" + server.port();
        Set<String> allowed = new LinkedHashSet<>(origins);
        allowed.add(origin);
        allowed.add((tls ? "https://" : "http://") + "localhost:" + server.port());

        EventLog log = new EventLog(100);
        BroadcastRoom room = new BroadcastRoom(roomQueue, Duration.ofSeconds(2));
        // /echo: any client without an Origin (wscat, scripts) and this page; compression when offered
        HandshakePolicy echoPolicy = new HandshakePolicy(allowed, false, List.of(), true);
        // /room: browsers from this page only (cross-site WebSocket hijacking), no Origin = non-browser clients
        HandshakePolicy roomPolicy = new HandshakePolicy(allowed, false, List.of("chat"), true);
        server.page("/", "text/html; charset=utf-8", site("index.html"))
                .websocket(new Endpoint("/echo", echoPolicy, EchoHandler::new))
                .websocket(new Endpoint("/room", roomPolicy, () -> new RoomHandler(room, log)))
                .events("/events", log, Duration.ofSeconds(15), Duration.ofSeconds(2));
        if (tickSeconds > 0) {
            Thread.ofVirtual().name("clock-events").start(() -> {
                while (true) {
                    try {
                        Thread.sleep(Duration.ofSeconds(tickSeconds));
                    } catch (InterruptedException e) {
                        return;
                    }
                    // Always HH:mm:ss: LocalTime.toString() drops the seconds on the minute ("13:05").
                    log.append("tick", LocalTime.now().format(CLOCK));
                }
            });
        }
        ServerContract.captureIfAsked(capture, server.port());
        ServerContract.ready((tls ? "https://" : "http://") + shown + ":" + server.port() + "/");
        ServerContract.awaitShutdown(() -> server.stop(ServerContract.SHUTDOWN_GRACE.minusMillis(500)));
        return 0;
    }

    private static byte[] site(String name) throws IOException {
        try (InputStream in = ServeCommand.class.getResourceAsStream("/site/" + name)) {
            if (in == null) {
                throw new IOException("the page " + name + " is not on the class path");
            }
            return in.readAllBytes();
        }
    }
}
