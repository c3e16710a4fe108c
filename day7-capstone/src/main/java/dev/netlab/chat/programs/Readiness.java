package dev.netlab.chat.programs;

import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.history.Draft;
import dev.netlab.chat.history.HistoryStore;
import dev.netlab.chat.limit.TokenBucket;
import dev.netlab.chat.protocol.ChatCodec;
import dev.netlab.chat.protocol.ServerMessage;
import dev.netlab.chat.room.Outbound;
import dev.netlab.chat.room.Outbox;
import dev.netlab.chat.room.RoomRegistry;
import dev.netlab.chat.room.Subscriber;
import dev.netlab.chat.web.HeadView;
import dev.netlab.chat.web.UpgradeRouter;
import dev.netlab.http1.HeaderFields;
import dev.netlab.http1.HttpVersion;
import dev.netlab.http1.Limits;
import dev.netlab.http1.ParseEvent;
import dev.netlab.http1.RequestHead;
import dev.netlab.http1.RequestParser;
import dev.netlab.http1.RequestTarget;
import dev.netlab.http1.Response;
import dev.netlab.http1.ResponseWriter;
import dev.netlab.http1.Status;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.StubSurvey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The start-up check of the chat program: before listening, it touches every piece of the
 * earlier days and of today that the chat runs on, and collects the ones that are still stubs.
 * Instead of a stack trace on the first connection, the learner reads which checkpoint of
 * which day is missing and the exact command that runs on that day's reference meanwhile.
 */
public final class Readiness {
    private Readiness() {}

    /** One piece to touch: {@code run} calls it the way the chat will. */
    public record Probe(String what, StubProbe.Probe run) {}

    /** A piece that is still a stub. */
    public record Missing(String module, String checkpoint, String message) {}

    /** The lab's modules by day: checkpoint "3.05" belongs to day3-http11. */
    static final Map<String, String> MODULES = Map.of(
            "1", "day1-link-ip", "2", "day2-tcp-udp", "3", "day3-http11", "4", "day4-tls",
            "5", "day5-http2", "6", "day6-websocket", "7", "day7-capstone");

    /** Runs every probe; the stubs they reached, one per checkpoint, by checkpoint id. Other failures are not this check's business. */
    public static List<Missing> check(List<Probe> probes) {
        return survey(probes).byCheckpoint().values().stream()
                .map(e -> new Missing(moduleOf(e.checkpoint()), e.checkpoint(), e.getMessage()))
                .toList();
    }

    /**
     * For a test about to start the chat program (in a JVM of its own, or in a namespace): throws
     * the stub of the lowest checkpoint that {@code probes} reach (the first line of the
     * program's own message, {@link #check}), with the learner's stack frames; nothing when none
     * is a stub. Run it in a {@link dev.netlab.kit.StubProbe}.
     */
    public static void throwFirstStub(List<Probe> probes) {
        survey(probes).byCheckpoint().values().stream().findFirst().ifPresent(first -> {
            throw first;
        });
    }

    private static StubSurvey survey(List<Probe> probes) {
        return StubSurvey.of(probes.stream().map(Probe::run).toList());
    }

    static String moduleOf(String checkpoint) {
        int dot = checkpoint.indexOf('.');
        return MODULES.getOrDefault(dot < 0 ? checkpoint : checkpoint.substring(0, dot), "day" + checkpoint);
    }

    /**
     * What to tell the learner: each missing checkpoint on a line, then the commands that run
     * the program on the references of exactly those days (README.md#your-days-or-the-references).
     */
    public static String explain(List<Missing> missing, String module, String program) {
        List<String> days = missing.stream().map(Missing::module).distinct().sorted().toList();
        StringBuilder out = new StringBuilder("cannot start: it runs on code that is still a stub\n");
        for (Missing m : missing) {
            out.append("  ").append(String.format("%-5s %-15s", m.checkpoint(), m.module())).append(m.message()).append('\n');
        }
        out.append("Finish these checkpoints (./lab test <module> shows where you are), or run on the reference of those days meanwhile:\n");
        out.append("  ./lab run ").append(module).append(' ').append(program).append(" --reference ").append(String.join(",", days)).append('\n');
        out.append("  ./mvnw -q -pl ").append(module).append(" compile exec:java");
        for (String d : days) {
            out.append(" -Dlab.reference.").append(d);
        }
        out.append(" -Dexec.args=").append(program);
        return out.toString();
    }

    /** Every piece the chat program runs on: your days 3–6 and today's exercises. */
    public static List<Probe> chat() {
        List<Probe> probes = new ArrayList<>();
        probes.addAll(day3());
        probes.addAll(EarlierDays.day4());
        probes.addAll(EarlierDays.day5());
        probes.addAll(EarlierDays.day6());
        probes.addAll(day7());
        return probes;
    }

    /** What the chat needs with {@code --plain}: HTTP/1.1 and WebSocket without TLS, your days 3 and 6 and today's exercises. */
    public static List<Probe> plainChat() {
        List<Probe> probes = new ArrayList<>();
        probes.addAll(day3());
        probes.addAll(EarlierDays.day6());
        probes.addAll(day7());
        return probes;
    }

    static List<Probe> day3() {
        byte[] request = "GET /chat HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        return List.of(
                new Probe("day 3 RequestParser", () -> parseHead(request)),
                new Probe("day 3 HeaderFields", () -> new HeaderFields().add("Connection", "Upgrade").containsToken("Connection", "upgrade")),
                new Probe("day 3 ResponseWriter", () -> {
                    ByteArrayOutputStream sink = new ByteArrayOutputStream();
                    RequestHead head = new RequestHead("GET", new RequestTarget(RequestTarget.Form.ORIGIN, "/"),
                            HttpVersion.HTTP_1_1, new HeaderFields());
                    new ResponseWriter(sink, Channels.newChannel(sink), Clock.systemUTC())
                            .write(head, Response.of(Status.NO_CONTENT), true);
                }));
    }

    private static RequestHead parseHead(byte[] request) throws Exception {
        RequestParser parser = new RequestParser(Limits.defaults());
        ByteBuffer in = ByteBuffer.wrap(request);
        RequestHead head = null;
        for (int i = 0; i < 8; i++) { // bounded: a learner's parser that never completes must not hang the start
            ParseEvent e = parser.next(in);
            if (e instanceof ParseEvent.Head h) {
                head = h.head();
            } else if (e instanceof ParseEvent.Complete || e instanceof ParseEvent.NeedMore) {
                break;
            }
        }
        if (head != null) {
            head.headers().containsToken("Connection", "upgrade");
            head.headers().fields();
        }
        return head;
    }

    static List<Probe> day7() {
        ChatLimits limits = ChatLimits.defaults();
        Subscriber nobody = frame -> true;
        return List.of(
                new Probe("ChatCodec", () -> {
                    ChatCodec codec = new ChatCodec(limits);
                    codec.decode("{\"type\":\"rooms\"}");
                    codec.encode(new ServerMessage.Left("lobby"));
                }),
                new Probe("TokenBucket", () -> {
                    TokenBucket bucket = new TokenBucket(1, 1, 0);
                    bucket.tryTake(0);
                    bucket.available(0);
                }),
                new Probe("RoomRegistry", () -> {
                    RoomRegistry rooms = new RoomRegistry(limits);
                    rooms.join("lobby", "probe", nobody);
                    rooms.nickIn("lobby", nobody);
                    rooms.members("lobby");
                    rooms.rooms();
                    rooms.leave("lobby", nobody);
                    rooms.leaveAll(nobody);
                }),
                new Probe("RoomRegistry.broadcast", () -> new RoomRegistry(limits).broadcast("lobby", Outbound.of("{}"))),
                new Probe("Outbox", () -> {
                    Outbox outbox = new Outbox(1, 10);
                    outbox.offer(Outbound.of("{}"));
                    outbox.size();
                    outbox.chars();
                    outbox.take(0);
                    outbox.close();
                    outbox.finished();
                    outbox.overflowed();
                }),
                new Probe("HistoryStore", () -> {
                    Path dir = Files.createTempDirectory("chat-probe");
                    try (HistoryStore store = HistoryStore.open(dir.resolve("probe.db"))) {
                        store.journalMode();
                        store.append(List.of(new Draft("lobby", "probe", "hi", 0, "r1")));
                        store.recent("lobby", 1);
                        store.after("lobby", 0, 1);
                    } finally {
                        try (Stream<Path> files = Files.walk(dir)) {
                            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                                Files.deleteIfExists(f);
                            }
                        }
                    }
                }),
                new Probe("UpgradeRouter", () -> {
                    UpgradeRouter.normalizeOrigin("http://localhost");
                    new UpgradeRouter(List.of("http://localhost")).route(HeadView.of("GET", "/"));
                }));
    }
}
