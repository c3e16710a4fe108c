package dev.netlab.chat.programs;

import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.history.HistoryStore;
import dev.netlab.chat.metrics.ChatMetrics;
import dev.netlab.chat.service.ChatService;
import dev.netlab.chat.web.ChatHttpServer;
import dev.netlab.chat.web.ChatSite;
import dev.netlab.chat.web.StubNotice;
import dev.netlab.chat.web.UpgradeRouter;
import dev.netlab.chat.web.WebSocketUpgrade;
import dev.netlab.http1.Limits;
import dev.netlab.kit.launch.ServerContract;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab run day7-capstone [chat] [-- --port 8080]}: the chat server on your days and
 * today's exercises. Phase 1 of the capstone: plain HTTP/1.1 on your day 3; TLS (day 4),
 * HTTP/2 (day 5) and WebSocket (day 6) plug in as those days land (README.md#how-the-days-fit-together).
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "The chat server: the page at /, the dashboard at /dashboard, /metrics, /healthz, "
                + "the chat's WebSocket at /chat; history in SQLite.")
public final class ChatCommand implements Callable<Integer> {
    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port, 0 for any free one (default ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(names = "--db", description = "the history database (SQLite; default ~/.netlab/chat/history.db)")
    Path db;

    @Option(names = "--capture", description = "write a live capture of the server's traffic to this pcap file")
    Path capture;

    @Option(names = "--allow-origin", description = "another origin whose pages may open the chat (repeatable), "
            + "e.g. http://chat.test:8080; the server's own are always allowed")
    List<String> extraOrigins = new ArrayList<>();

    @Option(names = "--max-connections", description = "chat connections at once (default ${DEFAULT-VALUE})")
    int maxConnections = ChatLimits.defaults().maxConnections();

    @Option(names = "--rate", description = "chat messages per second per connection (default ${DEFAULT-VALUE})")
    double rate = ChatLimits.defaults().ratePerSecond();

    @Option(names = "--burst", description = "messages a quiet connection may send at once (default ${DEFAULT-VALUE})")
    int burst = ChatLimits.defaults().rateBurst();

    @Override
    public Integer call() throws Exception {
        List<Readiness.Missing> missing = Readiness.check(Readiness.chat());
        if (!missing.isEmpty()) {
            throw new IllegalStateException(Readiness.explain(missing, "day7-capstone", "chat"));
        }
        ChatLimits limits = ChatLimits.defaults().withRate(rate, burst)
                .withCaps(ChatLimits.defaults().maxRooms(), ChatLimits.defaults().maxMembersPerRoom(),
                        ChatLimits.defaults().maxRoomsPerConnection(), maxConnections);
        Path file = db != null ? db : Path.of(System.getProperty("user.home"), ".netlab", "chat", "history.db");
        ChatMetrics metrics = new ChatMetrics();
        ChatService chat = ChatService.start(limits, HistoryStore.open(file), Clock.systemUTC(), metrics);
        try (ServerSocket listener = ChatHttpServer.listen(new InetSocketAddress(host, port))) {
            int bound = listener.getLocalPort();
            ChatSite site = new ChatSite(metrics, chat::connections, chat::healthy);
            ChatHttpServer.Config config = new ChatHttpServer.Config(Limits.defaults(),
                    new UpgradeRouter(origins(bound)), site, WebSocketUpgrade.unavailable(), new StubNotice(),
                    maxConnections + 256);
            ChatHttpServer server = ChatHttpServer.start(listener, config, Clock.systemUTC());
            ServerContract.captureIfAsked(capture, bound);
            System.err.println("chat: history in " + (db != null ? db : "~/.netlab/chat/history.db"));
            ServerContract.ready("http://" + shown(host) + ":" + bound + "/");
            ServerContract.awaitShutdown(() -> {
                server.stopGracefully(Duration.ofMillis(500));
                chat.shutdown(Duration.ofMillis(1200));
            });
        } catch (RuntimeException | java.io.IOException e) {
            chat.shutdown(Duration.ofMillis(500));
            throw e;
        }
        return 0;
    }

    /** The server's own origins (the names a browser on this machine reaches it by) and the extra ones. */
    private Set<String> origins(int bound) {
        Set<String> origins = new LinkedHashSet<>();
        for (String name : List.of(shown(host), "127.0.0.1", "localhost", "[::1]")) {
            origins.add("http://" + name + ":" + bound);
        }
        origins.addAll(extraOrigins);
        return origins;
    }

    private static String shown(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
