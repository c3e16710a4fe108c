package dev.netlab.chat.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A load generator for the chat (given): {@code clients} WSS connections (Netty's WebSocket
 * client on epoll, TLS by the JDK — or BoringSSL where bench puts it on the class path, see
 * {@link #tlsProvider()} — trusting one CA) spread over {@code rooms} rooms, each
 * sending one message every {@code interval} for {@code duration}, start times spread evenly.
 * Then it checks the chat's promises from the outside:
 * <ul>
 *   <li>every acknowledged message reached every member of its room exactly once (zero lost,
 *       zero duplicated) — also across a connection the server dropped, which the client
 *       resumes from its last id as the page does (see {@link LoadClient});</li>
 *   <li>the delivery latency, from the sender's write to each member's read, as p50/p99/max.</li>
 * </ul>
 * Used by the CI load test (a small size), bench's chat suite (full size) and
 * {@code ./lab run day7-capstone load}.
 */
public final class ChatLoad {
    private ChatLoad() {}

    /**
     * What to run.
     *
     * @param url the chat's HTTPS URL ({@code https://127.0.0.1:8443/}); the clients open {@code wss://…/chat}
     * @param trust the CA the clients trust
     * @param connectConcurrency handshakes in flight at once while connecting
     * @param threads the clients' event loops
     * @param more other instances of the same chat (CLUSTER.md): the members of each room are spread over
     *             {@code url} and these, so that every room spans the instances
     */
    public record Plan(URI url, X509Certificate trust, int clients, int rooms, Duration duration, Duration interval,
                       int connectConcurrency, int threads, List<URI> more, Duration warmUp) {
        public Plan {
            if (clients < 1 || rooms < 1 || rooms > clients) {
                throw new IllegalArgumentException("need 1 <= rooms <= clients");
            }
            if (warmUp.isNegative()) {
                throw new IllegalArgumentException("warmUp < 0");
            }
            more = List.copyOf(more);
        }

        public Plan(URI url, X509Certificate trust, int clients, int rooms, Duration duration, Duration interval,
                    int connectConcurrency, int threads, List<URI> more) {
            this(url, trust, clients, rooms, duration, interval, connectConcurrency, threads, more, Duration.ZERO);
        }

        public Plan(URI url, X509Certificate trust, int clients, int rooms, Duration duration, Duration interval,
                    int connectConcurrency, int threads) {
            this(url, trust, clients, rooms, duration, interval, connectConcurrency, threads, List.of());
        }

        /**
         * The same plan after a warm-up at the same rate whose latencies are not counted (its
         * messages are, for loss and duplicates): the first seconds of a fresh JVM run the
         * message path interpreted while the JIT compiles it, which a latency percentile of a
         * running service should not include (h2load's {@code --warm-up-time} does the same).
         */
        public Plan withWarmUp(Duration warmUp) {
            return new Plan(url, trust, clients, rooms, duration, interval, connectConcurrency, threads, more, warmUp);
        }

        /** Client {@code i}'s instance: the members of one room (i mod rooms) take turns over the instances. */
        URI urlOf(int i) {
            int n = 1 + more.size();
            int k = (i / rooms) % n;
            return k == 0 ? url : more.get(k - 1);
        }
    }

    /**
     * What happened.
     *
     * @param connected clients that joined their room
     * @param sent messages written; {@code acked} acknowledged by the server (stored)
     * @param expected deliveries owed: each acknowledged message times the members of its room
     * @param lost owed deliveries that never arrived; {@code duplicated} deliveries of a message id a client had seen
     * @param errors error messages the server answered (rate limits, refusals)
     * @param timed deliveries whose latency the percentiles are of: those of messages sent after the warm-up
     * @param drops connections the server ended during the run (each resumed by its client)
     * @param losses one line per client that lost deliveries, has sends not acknowledged or was dropped:
     *               what it lost, and whether and how it had been dropped
     */
    public record Result(int clients, int connected, int rooms, long sent, long acked, long expected, long delivered,
                         long lost, long duplicated, long errors, double p50Millis, double p99Millis, double maxMillis,
                         Duration connectTime, Duration elapsed, List<String> problems, Duration warmUp, long timed,
                         long drops, List<String> losses) {
        /** One line for logs and reports. */
        public String summary() {
            return String.format("%d/%d clients in %d rooms: %d sent, %d acknowledged, %d/%d delivered, %d lost, %d duplicated, "
                            + "%d errors%s; delivery p50 %.2f ms, p99 %.2f ms, max %.2f ms%s; connect %.1f s, total %.1f s",
                    connected, clients, rooms, sent, acked, delivered, expected, lost, duplicated, errors,
                    drops == 0 ? "" : ", " + drops + " connections dropped by the server and resumed", p50Millis, p99Millis,
                    maxMillis, warmUp.isZero() ? "" : String.format(" (of %d deliveries after a %d s warm-up)", timed,
                            warmUp.toSeconds()),
                    connectTime.toMillis() / 1000.0, elapsed.toMillis() / 1000.0);
        }
    }

    /**
     * The clients' TLS: BoringSSL (Netty's OpenSSL provider) where netty-tcnative is on the class path —
     * bench puts it there, so that the instrument spends less of the cores it shares with the server it
     * measures (and allocates less: its GC pauses delay deliveries as much as the server's) — else the JDK's.
     * The server's choices (cipher suite, group) are the same for both.
     */
    public static SslProvider tlsProvider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * The drain ends when nothing more has arrived (no delivery, no acknowledgement) for this long: a
     * delivery still missing then is lost. A fixed bound from the end of the sending phase counted late
     * deliveries as lost instead: on a machine running other work (load 40), deliveries arrived up to
     * 17 s after their send, and a run needed 29.1 s of its 30 s to receive the last of them — while a
     * frame that the chat really lost never arrives, however long one waits.
     */
    static final Duration DRAIN_QUIET = Duration.ofSeconds(30);
    /** The drain's bound in all, however slowly deliveries still trickle in. */
    static final Duration DRAIN_MAX = Duration.ofSeconds(120);

    /**
     * Null if every Netty artifact {@code versions} lists ({@link io.netty.util.Version#identify}) is of
     * one release, else the releases found with their artifacts. netty-tcnative has versions of its own.
     */
    static String mixedNetty(Map<String, io.netty.util.Version> versions) {
        Map<String, List<String>> byRelease = new java.util.TreeMap<>();
        versions.forEach((artifact, v) -> {
            if (!artifact.startsWith("netty-tcnative")) {
                byRelease.computeIfAbsent(v.artifactVersion(), k -> new ArrayList<>()).add(artifact);
            }
        });
        if (byRelease.size() <= 1) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        byRelease.forEach((release, artifacts) -> parts.add(release + ": " + String.join(", ", new java.util.TreeSet<>(artifacts))));
        return String.join("; ", parts);
    }

    /**
     * Runs {@code plan} to its end (bounded: connecting, the sending phase, then draining while
     * deliveries still arrive: see {@link #DRAIN_QUIET}).
     *
     * @throws IllegalStateException when the instrument itself is not sound: Netty's artifacts of
     *         different releases on the class path (checked first), or an {@link Error} inside a client's
     *         pipeline during the run — its counts could then be the instrument's faults, not the chat's
     */
    public static Result run(Plan plan) throws Exception {
        return run(plan, joined -> { });
    }

    /** The same; {@code whenJoined} is told how many clients joined, before any of them sends (to measure the server then). */
    public static Result run(Plan plan, java.util.function.IntConsumer whenJoined) throws Exception {
        String mixed = mixedNetty(io.netty.util.Version.identify(ChatLoad.class.getClassLoader()));
        if (mixed != null) {
            throw new IllegalStateException("the load client's class path mixes Netty releases (" + mixed + "): one artifact "
                    + "calls another's methods of its own release, and a missing one fails inside a client's pipeline mid-run "
                    + "(a NoSuchMethodError closed a client once); manage every io.netty artifact at one version");
        }
        long start = System.nanoTime();
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(plan.threads(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        List<String> problems = new ArrayList<>();
        List<LoadClient> clients = new ArrayList<>(plan.clients());
        try {
            SslContext tls = SslContextBuilder.forClient().sslProvider(tlsProvider()).trustManager(plan.trust()).build();
            Bootstrap bootstrap = new Bootstrap().group(group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
            Semaphore inFlight = new Semaphore(plan.connectConcurrency());
            for (int i = 0; i < plan.clients(); i++) {
                LoadClient client = new LoadClient(i, String.format("room-%03d", i % plan.rooms()));
                URI at = plan.urlOf(i);
                URI ws = URI.create((at.getScheme().equals("https") ? "wss" : "ws") + "://" + at.getHost() + ":" + at.getPort() + "/chat");
                clients.add(client);
                inFlight.acquire();
                ChannelFuture f = connect(bootstrap, tls, ws, client);
                f.addListener(done -> {
                    if (!done.isSuccess()) {
                        client.joined.completeExceptionally(done.cause());
                    }
                });
                client.joined.whenComplete((ok, e) -> inFlight.release());
                // a connection the server ends during the run: a new one on the same event loop (the client's
                // fields are that loop's alone), until the client is finishing; a failed connect tries again
                client.reconnect = new Runnable() {
                    @Override
                    public void run() {
                        if (client.finishing) {
                            return;
                        }
                        Runnable again = this;
                        io.netty.channel.EventLoop loop = client.channel.eventLoop();
                        connect(bootstrap.clone(loop), tls, ws, client).addListener(done -> {
                            if (!done.isSuccess()) {
                                loop.schedule(again, 1, TimeUnit.SECONDS);
                            }
                        });
                    }
                };
            }
            CompletableFuture<?> all = CompletableFuture.allOf(clients.stream().map(c -> c.joined).toArray(CompletableFuture[]::new));
            try {
                all.get(60 + plan.clients() / 50, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                problems.add("not every client joined in time");
            } catch (java.util.concurrent.ExecutionException e) {
                // counted below, client by client
            }
            List<LoadClient> joined = clients.stream().filter(c -> c.joined.isDone() && !c.joined.isCompletedExceptionally()).toList();
            for (LoadClient c : clients) {
                if (c.joined.isCompletedExceptionally() && problems.size() < 5) {
                    problems.add("client " + c.index + ": " + c.joined.exceptionNow());
                }
            }
            Duration connectTime = Duration.ofNanos(System.nanoTime() - start);
            whenJoined.accept(joined.size());

            // the sending phase: one message per client per interval, start times spread over the first
            // interval; a warm-up before it at the same rate (the clients whose start falls in it)
            long intervalNanos = plan.interval().toNanos();
            long rounds = Math.max(1, plan.duration().toNanos() / intervalNanos);
            long warmUpNanos = plan.warmUp().toNanos();
            long timedFrom = System.nanoTime() + warmUpNanos;
            long runStart = System.nanoTime();
            for (LoadClient c : joined) {
                c.timedFrom = timedFrom;
                c.runStart = runStart;
                long offset = intervalNanos * c.index / plan.clients();
                for (long at = offset; at < warmUpNanos; at += intervalNanos) {
                    c.channel.eventLoop().schedule(c::send, at, TimeUnit.NANOSECONDS);
                }
                for (long k = 0; k < rounds; k++) {
                    c.channel.eventLoop().schedule(c::send, warmUpNanos + offset + k * intervalNanos, TimeUnit.NANOSECONDS);
                }
            }
            Thread.sleep(Duration.ofNanos(warmUpNanos + rounds * intervalNanos));

            // draining: until every client has what it is owed, or nothing more arrives for DRAIN_QUIET (a
            // delivery still missing then is lost), or DRAIN_MAX in all
            Map<String, List<LoadClient>> byRoom = new HashMap<>();
            joined.forEach(c -> byRoom.computeIfAbsent(c.room, r -> new ArrayList<>()).add(c));
            long drainStart = System.nanoTime();
            long lastProgress = drainStart;
            long arrived = -1;
            Tally tally;
            do {
                Thread.sleep(200);
                tally = tally(joined, byRoom);
                long now = System.nanoTime();
                if (tally.delivered + tally.acked + tally.errors != arrived) {
                    arrived = tally.delivered + tally.acked + tally.errors;
                    lastProgress = now;
                }
                if (now - lastProgress >= DRAIN_QUIET.toNanos() || now - drainStart >= DRAIN_MAX.toNanos()) {
                    break;
                }
            } while (tally.lost > 0 || tally.sent > tally.acked + tally.errors);

            List<String> losses = losses(joined, byRoom);
            for (LoadClient c : clients) {
                c.finishing = true;
            }
            for (LoadClient c : joined) {
                c.channel.writeAndFlush(new CloseWebSocketFrame(1000, "done"));
            }
            for (LoadClient c : joined) {
                c.channel.closeFuture().await(2, TimeUnit.SECONDS);
            }
            if (LoadClient.TRACE) {
                trace(joined);
            }
            List<LoadClient> broken = clients.stream().filter(c -> c.brokenBy != null).toList();
            if (!broken.isEmpty()) {
                IllegalStateException e = new IllegalStateException(String.format("the load client itself failed in %d "
                        + "client(s), first client %d: %s; its counts of lost and duplicated deliveries are not the chat's",
                        broken.size(), broken.get(0).index, broken.get(0).brokenBy));
                e.initCause(broken.get(0).brokenBy);
                throw e;
            }
            long[] all2 = tally.latencies;
            Arrays.sort(all2);
            return new Result(plan.clients(), joined.size(), plan.rooms(), tally.sent, tally.acked, tally.expected,
                    tally.delivered, tally.lost, tally.duplicated, tally.errors, percentile(all2, 0.50), percentile(all2, 0.99),
                    all2.length == 0 ? 0 : all2[all2.length - 1] / 1e6, connectTime, Duration.ofNanos(System.nanoTime() - start),
                    List.copyOf(problems.isEmpty() && !tally.lastError.isEmpty() ? List.of("last error: " + tally.lastError) : problems),
                    plan.warmUp(), all2.length, tally.drops, losses);
        } finally {
            for (LoadClient c : clients) {
                c.finishing = true;
                if (c.channel != null) {
                    c.channel.close();
                }
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /** A new connection for {@code client} to {@code ws} through {@code bootstrap}; {@code client.channel} is it from now on. */
    private static ChannelFuture connect(Bootstrap bootstrap, SslContext tls, URI ws, LoadClient client) {
        ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (ws.getScheme().equals("wss")) {
                    ch.pipeline().addLast(tls.newHandler(ch.alloc(), ws.getHost(), ws.getPort()));
                }
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                        new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(ws).handshakeTimeoutMillis(60_000).build()),
                        client);
            }
        }).connect(ws.getHost(), ws.getPort());
        client.channel = f.channel();
        return f;
    }

    /**
     * One line per client that lost deliveries, has sends not acknowledged or was dropped by the
     * server, at most 20: what it lost, and whether and how it had been dropped — so that a failed
     * run explains itself.
     */
    private static List<String> losses(List<LoadClient> joined, Map<String, List<LoadClient>> byRoom) throws Exception {
        List<String> lines = new ArrayList<>();
        int more = 0;
        for (List<LoadClient> members : byRoom.values()) {
            Map<LoadClient, LoadClient.Snapshot> snaps = new HashMap<>();
            Set<Long> ackedIds = new HashSet<>();
            for (LoadClient c : members) {
                LoadClient.Snapshot s = c.snapshot();
                snaps.put(c, s);
                ackedIds.addAll(s.acks().values());
            }
            for (LoadClient c : members) {
                LoadClient.Snapshot s = snaps.get(c);
                long lost = ackedIds.stream().filter(id -> Arrays.binarySearch(s.seen(), id) < 0).count();
                long firstLost = ackedIds.stream().filter(id -> Arrays.binarySearch(s.seen(), id) < 0).mapToLong(Long::longValue).min().orElse(-1);
                if (lost == 0 && s.unacknowledged() == 0 && s.drops().isEmpty()) {
                    continue;
                }
                if (lines.size() == 20) {
                    more++;
                    continue;
                }
                lines.add(String.format("client %d (%s): %d of %d acknowledged messages lost%s, %d of its %d sends not acknowledged; %s",
                        c.index, c.room, lost, ackedIds.size(), lost == 0 ? "" : " (the first id " + firstLost + ")",
                        s.unacknowledged(), s.sent(), s.drops().isEmpty() ? "never dropped"
                                : "dropped " + s.drops().size() + " time(s) and resumed: " + String.join("; ", s.drops())));
            }
        }
        if (more > 0) {
            lines.add("... and " + more + " more clients");
        }
        return lines;
    }

    /**
     * {@code -Dnetlab.chat.trace=FILE}: one line per timed delivery, "received-at latency" in
     * nanoseconds ({@link System#nanoTime()}), to see <em>when</em> in a run the tail happened (a
     * warm-up, a GC pause, a burst) — a percentile alone cannot say. A second run in the same JVM
     * writes FILE.2, and so on. Off by default: it keeps one more long per delivery.
     */
    private static void trace(List<LoadClient> joined) throws Exception {
        String base = System.getProperty("netlab.chat.trace");
        Path file = Path.of(base);
        for (int k = 2; Files.exists(file); k++) {
            file = Path.of(base + "." + k);
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            for (LoadClient c : joined) {
                LoadClient.Snapshot s = c.snapshot();
                for (int i = 0; i < s.receivedAt().length; i++) {
                    w.println(s.receivedAt()[i] + " " + s.latencies()[i]);
                }
            }
        }
    }

    private record Tally(long sent, long acked, long expected, long delivered, long lost, long duplicated, long errors,
                         String lastError, long[] latencies, long drops) {}

    private static Tally tally(List<LoadClient> joined, Map<String, List<LoadClient>> byRoom) throws Exception {
        Map<LoadClient, LoadClient.Snapshot> snaps = new HashMap<>();
        for (LoadClient c : joined) {
            snaps.put(c, c.snapshot());
        }
        long sent = 0;
        long acked = 0;
        long expected = 0;
        long delivered = 0;
        long lost = 0;
        long duplicated = 0;
        long errors = 0;
        String lastError = "";
        int latencyCount = 0;
        long drops = 0;
        for (List<LoadClient> members : byRoom.values()) {
            Set<Long> ackedIds = new HashSet<>();
            for (LoadClient c : members) {
                LoadClient.Snapshot s = snaps.get(c);
                sent += s.sent();
                acked += s.acks().size();
                ackedIds.addAll(s.acks().values());
                errors += s.errors();
                if (!s.lastError().isEmpty()) {
                    lastError = s.lastError();
                }
            }
            for (LoadClient c : members) {
                LoadClient.Snapshot s = snaps.get(c);
                expected += ackedIds.size();
                for (Long id : ackedIds) {
                    if (Arrays.binarySearch(s.seen(), id) >= 0) {
                        delivered++;
                    } else {
                        lost++;
                    }
                }
                duplicated += s.duplicates();
                latencyCount += s.latencies().length;
                drops += s.drops().size();
            }
        }
        long[] latencies = new long[latencyCount];
        int at = 0;
        for (LoadClient.Snapshot s : snaps.values()) {
            System.arraycopy(s.latencies(), 0, latencies, at, s.latencies().length);
            at += s.latencies().length;
        }
        return new Tally(sent, acked, expected, delivered, lost, duplicated, errors, lastError, latencies, drops);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
}
