package dev.netlab.chat.programs;

import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.cluster.RedisBus;
import dev.netlab.chat.server.ChatServer;
import dev.netlab.kit.launch.ServerContract;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.kit.tls.TlsKeyLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab run day7-capstone [chat] [-- --port 8443]}: the chat server on your days 3–6 and
 * today's exercises (README.md#the-chat-program): HTTPS with ALPN (day 4), the page and its
 * assets over h2 (day 5) or HTTP/1.1 (day 3), the chat's WebSocket (day 6) at {@code /chat} over
 * the page's own h2 connection (RFC 8441) or an HTTP/1.1 upgrade; a plain-HTTP port that
 * redirects to HTTPS.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "The chat server over HTTPS: the page at /, the dashboard at /dashboard, /metrics, /healthz, "
                + "the chat's WebSocket at /chat (HTTP/1.1 upgrade or RFC 8441 over h2); history in SQLite.")
public final class ChatCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 8443;

    @Option(names = "--host", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "HTTPS port, 0 for any free one (default ${DEFAULT-VALUE})")
    int port = DEFAULT_PORT;

    @Option(names = "--redirect-port", description = "plain-HTTP port that redirects to HTTPS (308); 0 for any free one, "
            + "-1 for none (default: 8080 with the default --port, else none)")
    Integer redirectPort;

    @Option(names = "--db", description = "the history database (SQLite; default ~/.netlab/chat/history.db)")
    Path db;

    @Option(names = "--capture", description = "write a live capture of the HTTPS port's traffic to this pcap file (root)")
    Path capture;

    @Option(names = "--keylog", description = "append the TLS secrets to this file (NSS key log format) for Wireshark/tshark")
    Path keylog;

    @Option(names = "--allow-origin", description = "another origin whose pages may open the chat (repeatable), "
            + "e.g. https://chat.test:8443; the server's own are always allowed")
    List<String> extraOrigins = new ArrayList<>();

    @Option(names = "--max-connections", description = "chat connections at once (default ${DEFAULT-VALUE})")
    int maxConnections = ChatLimits.defaults().maxConnections();

    @Option(names = "--rate", description = "chat messages per second per connection (default ${DEFAULT-VALUE})")
    double rate = ChatLimits.defaults().ratePerSecond();

    @Option(names = "--burst", description = "messages a quiet connection may send at once (default ${DEFAULT-VALUE})")
    int burst = ChatLimits.defaults().rateBurst();

    @Option(names = "--http1-only", description = "offer only http/1.1 in ALPN: no h2, the WebSocket by the HTTP/1.1 upgrade")
    boolean http1Only;

    @Option(names = "--plain", description = "plain HTTP/1.1 and ws:// on --port, no TLS, no h2: runs on your days 3 and 6 only "
            + "(no redirect port, no HSTS)")
    boolean plain;

    @Option(names = "--hsts-max-age", description = "HSTS max-age in seconds (default ${DEFAULT-VALUE}: short, because "
            + "HSTS holds for every port of localhost)")
    long hstsMaxAge = 300;

    @Option(names = "--redis", description = "run as one instance of several sharing rooms, presence and history through "
            + "this Redis, e.g. redis://127.0.0.1:6379 (CLUSTER.md); --db is then unused")
    String redis;

    @Option(names = "--cluster", description = "start a private redis-server and N chat instances on consecutive ports "
            + "(--port, --port+1, ...; 0: free ones), each with --redis pointing at it (CLUSTER.md)")
    int cluster;

    @Option(names = "--redis-dir", description = "with --cluster: Redis's data folder (default: a new temporary folder)")
    Path redisDir;

    @Option(names = "--presence-ttl", description = "with --redis: seconds a member stays listed without its instance's "
            + "heartbeat (default ${DEFAULT-VALUE})")
    double presenceTtl = 6;

    @Override
    public Integer call() throws Exception {
        if (cluster > 0) {
            return ClusterLauncher.run(this);
        }
        List<Readiness.Missing> missing = Readiness.check(plain ? Readiness.plainChat() : Readiness.chat());
        if (!missing.isEmpty()) {
            throw new IllegalStateException(Readiness.explain(missing, "day7-capstone", "chat"));
        }
        if (keylog != null) {
            TlsKeyLog.attachToThisJvm(keylog); // before the first handshake
        }
        ChatLimits limits = ChatLimits.defaults().withRate(rate, burst)
                .withCaps(ChatLimits.defaults().maxRooms(), ChatLimits.defaults().maxMembersPerRoom(),
                        ChatLimits.defaults().maxRoomsPerConnection(), maxConnections);
        Path file = db != null ? db : Path.of(System.getProperty("user.home"), ".netlab", "chat", "history.db");
        int plainPort = plain ? -1 : redirectPort != null ? redirectPort : (port == DEFAULT_PORT ? 8080 : -1);
        DevCertificates certificates = DevCertificates.standard();
        ChatServer.Options options = new ChatServer.Options(host, port, plainPort, file, !plain, !http1Only && !plain, extraOrigins,
                limits, Duration.ofSeconds(hstsMaxAge), certificates);
        if (redis != null) {
            options = options.withRedis(RedisBus.Config.of(redis).withPresenceTtl(Duration.ofMillis((long) (presenceTtl * 1000))));
        }
        ChatServer server = ChatServer.start(options);
        ServerContract.captureIfAsked(capture, server.port());
        System.err.println("chat: history in " + (redis != null ? "the Redis Streams at " + redis + " (instance "
                + server.chat().clusterInstance() + ")" : db != null ? db : "~/.netlab/chat/history.db"));
        if (!plain) { // a new user's first question: why does my browser warn, what do I give curl
            String ca = certificates.caCertificate().toString().replace(System.getProperty("user.home"), "~");
            System.err.println("tls: the certificate is signed by the lab's local CA " + ca
                    + " (curl --cacert " + ca + " https://localhost:" + server.port() + "/; a browser warns unless it trusts that CA)");
        }
        if (server.redirectPort() >= 0) {
            System.err.println("redirect: http://" + host + ":" + server.redirectPort() + "/ -> https (308)");
        }
        ServerContract.ready(server.url());
        ServerContract.awaitShutdown(server::stop);
        return 0;
    }
}
