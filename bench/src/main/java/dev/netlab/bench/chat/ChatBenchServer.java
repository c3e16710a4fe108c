package dev.netlab.bench.chat;

import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.cluster.RedisBus;
import dev.netlab.chat.history.HistoryStore;
import dev.netlab.chat.metrics.ChatMetrics;
import dev.netlab.chat.metrics.LatencyHistogram;
import dev.netlab.chat.server.ChatServer;
import dev.netlab.chat.service.ChatService;
import dev.netlab.kit.tls.DevCertificates;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A chat server for bench, alone in its JVM so that its CPU and heap are its own:
 * {@code netlab} is the capstone on the days' references (TLS with ALPN h2/http/1.1, the
 * WebSocket by the HTTP/1.1 upgrade for these clients); {@code netty} the same chat service on
 * Netty ({@link NettyChatServer}); {@code cluster redis://HOST:PORT} the capstone as one instance of
 * several sharing rooms through that Redis ({@link ClusterSuite}). Prints {@code READY https://127.0.0.1:PORT/}; on the line
 * {@code heap} from stdin it runs a full GC and prints {@code HEAP <bytes used>}.
 */
public final class ChatBenchServer {
    private ChatBenchServer() {}

    /** How much the session writers coalesced (ChatSession's runs), on stderr for the log. */
    private static void writes(String server, ChatMetrics metrics) {
        long frames = metrics.framesSent();
        long writes = metrics.writes();
        System.err.printf("bench chat server %s: %d frames in %d writes (%.3f frames a write), %d writer lanes handed off%n", server,
                frames, writes, frames / (double) Math.max(1, writes), metrics.writerHandOffs());
        // where a delivery's time went, as the server saw it (bucket upper bounds): from the sender's frame read to
        // the member's frame written, and the history's commits that come before every fan-out
        if (metrics.deliveryLatency().count() > 0) {
            LatencyHistogram d = metrics.deliveryLatency();
            LatencyHistogram f = metrics.fanOutDelay();
            LatencyHistogram c = metrics.commitLatency();
            System.err.printf("bench chat server %s (bucket upper bounds, whole run): read to written p50 <= %s p99 <= %s,"
                            + " read to fan-out p50 <= %s p99 <= %s, %d commits p50 <= %s p99 <= %s%n", server,
                    ms(d, 0.5), ms(d, 0.99), ms(f, 0.5), ms(f, 0.99), c.count(), ms(c, 0.5), ms(c, 0.99));
            // the buckets are coarse: how much lies past 10, 25 and 50 ms says more than which bucket p99 fell in
            System.err.printf("bench chat server %s (share over 10 / 25 / 50 ms): read to written %s, read to fan-out %s,"
                    + " commits %s%n", server, shares(d), shares(f), shares(c));
        }
    }

    private static String shares(LatencyHistogram h) {
        return String.format("%.2f%% / %.2f%% / %.2f%%", 100 * h.shareAbove(0.01), 100 * h.shareAbove(0.025),
                100 * h.shareAbove(0.05));
    }

    private static String ms(LatencyHistogram h, double q) {
        return String.format("%.2f ms", h.quantileUpperBound(q) * 1000);
    }

    public static void main(String[] args) throws Exception {
        Path db = Files.createTempDirectory("netlab-chat-bench").resolve("history.db");
        // the default limits, but no rate limit in the way of a benchmark's bursts
        ChatLimits limits = ChatLimits.defaults().withRate(1000, 1000);
        AutoCloseable server;
        int port;
        ChatMetrics metrics;
        if (args[0].equals("netlab") || args[0].equals("cluster")) {
            ChatServer.Options options = new ChatServer.Options("127.0.0.1", 0, -1, db, true, true, List.of(), limits,
                    Duration.ofMinutes(5), DevCertificates.standard());
            if (args[0].equals("cluster")) { // one instance of several sharing rooms through Redis (args[1], its URL)
                options = options.withRedis(RedisBus.Config.of(args[1]));
            }
            ChatServer chat = ChatServer.start(options);
            server = chat;
            port = chat.port();
            metrics = chat.metrics();
        } else {
            metrics = new ChatMetrics();
            ChatService chat = ChatService.start(limits, HistoryStore.open(db), Clock.systemUTC(), metrics);
            NettyChatServer netty = NettyChatServer.start(chat);
            server = () -> {
                netty.close();
                chat.shutdown(Duration.ofSeconds(1));
            };
            port = netty.port();
        }
        System.out.println("READY https://127.0.0.1:" + port + "/");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("heap")) {
                for (int i = 0; i < 3; i++) {
                    System.gc();
                    Thread.sleep(100);
                }
                System.out.println("HEAP " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                // how much the writers coalesced (ChatSession's runs): on stderr, for the log
                writes(args[0], metrics);
                System.out.flush();
            }
        }
        writes(args[0], metrics); // the whole run's
        server.close();
        System.exit(0);
    }
}
