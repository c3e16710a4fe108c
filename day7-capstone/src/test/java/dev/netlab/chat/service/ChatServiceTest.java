package dev.netlab.chat.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netlab.chat.ChatError;
import dev.netlab.chat.ChatException;
import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.history.HistoryStore;
import dev.netlab.chat.metrics.ChatMetrics;
import dev.netlab.kit.Checkpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chat service (given: sessions, the sequencer) on your codec, bucket, rooms,
 * outboxes and store, driven through in-memory links. What it proves is end-to-end behaviour
 * the parts only make possible: an ack only after the message is in the database, the last 100
 * replayed on join, resume with no gap and no duplicate while messages keep coming, a resend
 * stored once, the rate limit, a slow consumer dropped alone, the connection cap, shutdown.
 * Mistakes it catches beyond the earlier checkpoints: {@code recent} in the wrong order (the
 * replay runs backwards), {@code after} including the resume id (a duplicate) or skipping one
 * (a gap), a store that acknowledges before commit, an outbox that blocks the fan-out.
 * Of the given writer ({@code ChatSession}), {@code backlogLeavesInRuns} kills (each applied by
 * hand once): a run's last frame sent with {@code more} (held, stranded: fails at its flag), and a
 * writer that never looks ahead (no runs: fails at "leave as a run"). {@code blockedSendHoldsUpNoOne} kills a
 * {@code WriterPool} whose watch never hands a blocked lane off (the members on stuck's lane wait for
 * the 60 s bound: the row fails at the first of them, after 20 s).
 */
@Checkpoint(id = "7.07", title = "The chat end to end: ack after durable, replay, resume without gap or duplicate",
        edit = {"dev/netlab/chat/protocol/ChatCodec.java", "dev/netlab/chat/limit/TokenBucket.java", "dev/netlab/chat/room/RoomRegistry.java",
                "dev/netlab/chat/room/Outbox.java", "dev/netlab/chat/history/HistoryStore.java"},
        hint = "7.01-7.05 first; then read the failing scenario: the sequencer (given) calls your parts in the order README.md#one-order explains",
        readme = "#one-order")
class ChatServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private ChatService chat;
    private final List<TestLink> links = new ArrayList<>();

    private ChatService start(ChatLimits limits) throws Exception {
        chat = ChatService.start(limits, HistoryStore.open(dir.resolve("history.db")), Clock.fixed(NOW, ZoneOffset.UTC), new ChatMetrics());
        return chat;
    }

    private static ChatLimits fast() {
        return ChatLimits.defaults().withRate(1_000_000, 1_000_000);
    }

    @AfterEach
    void stop() {
        if (chat != null) {
            chat.shutdown(Duration.ofSeconds(2));
        }
    }

    private TestLink connect(String name) throws Exception {
        TestLink link = new TestLink(name);
        link.session = chat.open(link);
        links.add(link);
        return link;
    }

    /** A connection that joined {@code room} as its name and got its "joined". */
    private TestLink member(String name, String room) throws Exception {
        TestLink link = connect(name);
        say(link, join(room, name));
        link.awaitType("joined");
        return link;
    }

    private static void say(TestLink link, String json) {
        link.session.onText(json);
    }

    private static String join(String room, String nick) {
        return "{\"type\":\"join\",\"room\":\"" + room + "\",\"nick\":\"" + nick + "\"}";
    }

    private static String send(String room, String text, String ref) {
        return "{\"type\":\"send\",\"room\":\"" + room + "\",\"text\":\"" + text + "\",\"ref\":\"" + ref + "\"}";
    }

    private JsonNode awaitAck(TestLink link, String ref) throws Exception {
        return link.await(n -> n.path("type").asText().equals("ack") && n.path("ref").asText().equals(ref), "ack " + ref, WAIT);
    }

    private int rowsWithId(long id) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("history.db"));
             PreparedStatement q = db.prepareStatement("SELECT count(*) FROM messages WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    @DisplayName("every offered frame is sent, also one offered just as the writer finds the outbox empty and ends (a writer runs only while there are frames: the hand-over must not strand one)")
    void everyOfferedFrameIsSent() throws Exception {
        // Mutants of the given ChatSession (2026-12-06): offers that start no writer fail at pair 0; a writer
        // that ends without looking at the outbox again after it stops counting as running passed 2 runs of
        // this (the window is a few instructions wide: the next offer rescues a stranded frame, only the last
        // one of a burst stays) -- that rule is argued in ChatSession.write, not shown here.
        start(fast());
        TestLink link = connect("pairs");
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            // the second offer lands at a random moment of the first one's writer: sending, finding the
            // outbox empty, ending
            assertThat(link.session.offer(dev.netlab.chat.room.Outbound.of("a" + i))).isTrue();
            for (int spin = random.nextInt(2_000); spin > 0; spin--) {
                Thread.onSpinWait();
            }
            assertThat(link.session.offer(dev.netlab.chat.room.Outbound.of("b" + i))).isTrue();
            assertThat(link.frames.poll(5, TimeUnit.SECONDS)).as("pair %d, first frame", i).isEqualTo("a" + i);
            assertThat(link.frames.poll(5, TimeUnit.SECONDS)).as("pair %d, second frame (left in the outbox with no writer?)", i)
                    .isEqualTo("b" + i);
        }
    }

    @Test
    @DisplayName("join, presence, send: the ack comes only once the message is in the database; everyone in the room gets it")
    void joinSendAck() throws Exception {
        start(fast());
        TestLink ada = connect("ada");
        TestLink bob = connect("bob");
        say(ada, join("lobby", "ada"));
        JsonNode joined = ada.awaitType("joined");
        assertThat(joined.get("members").toString()).isEqualTo("[\"ada\"]");
        assertThat(joined.get("gap").asBoolean()).isFalse();
        say(bob, join("lobby", "bob"));
        assertThat(bob.awaitType("joined").get("members").toString()).isEqualTo("[\"ada\",\"bob\"]");
        // presence goes to everyone in the room, the joiner included: ada saw her own first
        JsonNode presence = ada.await(n -> n.path("type").asText().equals("presence") && n.path("nick").asText().equals("bob"),
                "presence of bob", WAIT);
        assertThat(presence.get("event").asText()).isEqualTo("join");

        say(bob, send("lobby", "hello ada", "r-1"));
        JsonNode ack = awaitAck(bob, "r-1");
        long id = ack.get("id").asLong();
        assertThat(rowsWithId(id)).as("acknowledged means stored: a second connection finds row %d", id).isEqualTo(1);
        assertThat(ack.get("ts").asLong()).as("the server's clock").isEqualTo(NOW.toEpochMilli());
        for (TestLink l : List.of(ada, bob)) {
            JsonNode m = l.awaitType("message");
            assertThat(m.get("id").asLong()).isEqualTo(id);
            assertThat(m.get("nick").asText()).isEqualTo("bob");
            assertThat(m.get("text").asText()).isEqualTo("hello ada");
            assertThat(m.get("ts").asLong()).isEqualTo(NOW.toEpochMilli());
        }
        bob.close(1000, "bye");
        JsonNode left = ada.awaitType("presence");
        assertThat(left.get("event").asText()).isEqualTo("leave");
        assertThat(left.get("members").toString()).isEqualTo("[\"ada\"]");
    }

    @Test
    @DisplayName("a join replays the room's last 100 messages, oldest first, then live ones")
    void replayOnJoin() throws Exception {
        start(fast());
        TestLink bob = member("bob", "lobby");
        for (int i = 0; i < 150; i++) {
            say(bob, send("lobby", "m" + i, "r" + i));
        }
        awaitAck(bob, "r149");
        TestLink ada = member("ada", "lobby");
        List<String> texts = new ArrayList<>();
        long previous = 0;
        for (int i = 0; i < 100; i++) {
            JsonNode m = ada.awaitType("message");
            assertThat(m.get("id").asLong()).isGreaterThan(previous);
            previous = m.get("id").asLong();
            texts.add(m.get("text").asText());
        }
        assertThat(texts.get(0)).isEqualTo("m50");
        assertThat(texts.get(99)).isEqualTo("m149");
        say(bob, send("lobby", "live", "r-live"));
        assertThat(ada.awaitType("message").get("text").asText()).isEqualTo("live");
    }

    @Test
    @DisplayName("resume: a client that drops and rejoins with since gets every message once, while messages keep coming")
    void resumeWithoutGapOrDuplicate() throws Exception {
        start(fast());
        TestLink bob = member("bob", "lobby");
        int total = 600;
        int window = 20; // like a client under the rate limit: at most 20 messages not yet acknowledged
        List<Long> acked = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread sender = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < total; i++) {
                    say(bob, send("lobby", "m" + i, "r" + i));
                    if (i >= window - 1) {
                        acked.add(awaitAck(bob, "r" + (acked.size())).get("id").asLong());
                    }
                }
                while (acked.size() < total) {
                    acked.add(awaitAck(bob, "r" + acked.size()).get("id").asLong());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Long> seen = new ArrayList<>();
        Long since = null;
        int reconnects = 0;
        while (seen.size() < total) {
            TestLink ada = connect("ada-" + reconnects);
            say(ada, since == null ? join("lobby", "ada")
                    : "{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"ada\",\"since\":" + since + "}");
            ada.awaitType("joined");
            // read a few (some replayed, some live), then drop the connection
            int take = 37 + reconnects % 23;
            for (int i = 0; i < take && seen.size() < total; i++) {
                JsonNode m = ada.awaitType("message");
                seen.add(m.get("id").asLong());
                since = m.get("id").asLong();
            }
            ada.close(1006, "dropped");
            reconnects++;
        }
        sender.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(acked).hasSize(total);
        assertThat(reconnects).isGreaterThan(5);
        assertThat(seen).as("what the reader saw over %d connections", reconnects).doesNotHaveDuplicates().isSorted();
        assertThat(seen).as("no gap: exactly the acknowledged messages").isEqualTo(acked);
    }

    @Test
    @DisplayName("a message sent again with the same ref after a reconnect is stored once and acknowledged with the same id")
    void resendIsIdempotent() throws Exception {
        start(fast());
        TestLink ada = member("ada", "lobby");
        TestLink bob = member("bob", "lobby");
        say(bob, send("lobby", "once", "r-same"));
        long id = awaitAck(bob, "r-same").get("id").asLong();
        bob.close(1006, "network gone");
        TestLink bob2 = connect("bob2");
        say(bob2, "{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"bob\",\"since\":" + id + "}");
        bob2.awaitType("joined");
        say(bob2, send("lobby", "once", "r-same"));
        assertThat(awaitAck(bob2, "r-same").get("id").asLong()).isEqualTo(id);
        say(bob2, send("lobby", "after", "r-after"));
        awaitAck(bob2, "r-after");
        List<String> texts = new ArrayList<>();
        JsonNode m;
        do {
            m = ada.awaitType("message");
            texts.add(m.get("text").asText());
        } while (!m.get("text").asText().equals("after"));
        assertThat(texts).containsExactly("once", "after");
    }

    @Test
    @DisplayName("the token bucket: a burst passes, the next message is rate_limited with its ref")
    void rateLimited() throws Exception {
        start(ChatLimits.defaults().withRate(0.5, 3));
        TestLink bob = member("bob", "lobby");
        for (int i = 0; i < 4; i++) {
            say(bob, send("lobby", "m" + i, "r" + i));
        }
        // The refusal of r3 is immediate; the ack of r2 waits for the commit, which can win the
        // race: either may come first (CI saw the ack first, and a wait for the error skipped it).
        JsonNode error = null;
        boolean acked = false;
        while (error == null || !acked) {
            JsonNode n = bob.await(f -> f.path("type").asText().equals("error")
                    || f.path("type").asText().equals("ack") && f.path("ref").asText().equals("r2"), "error or ack r2", WAIT);
            if (n.path("type").asText().equals("error")) {
                assertThat(error).as("one refusal only").isNull();
                error = n;
            } else {
                acked = true;
            }
        }
        assertThat(error.get("code").asText()).isEqualTo(ChatError.RATE_LIMITED.wire());
        assertThat(error.get("ref").asText()).isEqualTo("r3");
        assertThat(chat.metrics().render()).contains("chat_rate_limited_total 1");
    }

    @Test
    @DisplayName("a member that does not read is dropped with 1013 when its outbox overflows; the others get every message")
    void slowConsumerDropped() throws Exception {
        start(fast().withOutbox(20, 1_000_000));
        TestLink slow = connect("slow");
        slow.gate = new CountDownLatch(1); // this peer reads nothing
        TestLink ada = connect("ada");
        TestLink bob = connect("bob");
        for (TestLink l : List.of(slow, ada, bob)) {
            say(l, join("lobby", l.name));
        }
        ada.awaitType("joined");
        bob.awaitType("joined");
        for (int i = 0; i < 100; i++) {
            say(bob, send("lobby", "m" + i, "r" + i));
            awaitAck(bob, "r" + i); // one at a time: ada's and bob's outboxes of 20 never fill
            assertThat(ada.awaitType("message").get("text").asText()).isEqualTo("m" + i);
        }
        slow.gate.countDown();
        assertThat(slow.closed.await(20, TimeUnit.SECONDS)).as("the slow member is closed").isTrue();
        assertThat(slow.closeCode).isEqualTo(ChatError.SLOW_CONSUMER.closeCode());
        assertThat(ada.closed.getCount()).as("ada stays").isEqualTo(1);
        assertThat(chat.metrics().render()).contains("chat_slow_consumers_total 1");
    }

    @Test
    @DisplayName("a member that fell behind gets its backlog as runs: each frame once and in order, every frame of a run but the last sent with 'more' (the transport may hold it), the last without (it must leave now)")
    void backlogLeavesInRuns() throws Exception {
        start(fast());
        TestLink ada = member("ada", "lobby");
        TestLink late = member("late", "lobby");
        late.gate = new CountDownLatch(1); // its next send blocks: what follows queues behind it
        for (int i = 0; i < 10; i++) {
            say(ada, send("lobby", "m" + i, "r" + i));
        }
        awaitAck(ada, "r9"); // stored, acknowledged, and fanned out to late's outbox
        late.gate.countDown();
        for (int i = 0; i < 10; i++) {
            assertThat(late.awaitType("message").get("text").asText()).as("late's message %d", i).isEqualTo("m" + i);
        }
        List<Boolean> flags = new ArrayList<>();
        synchronized (late.sends) {
            for (Map.Entry<String, Boolean> e : late.sends) {
                if (e.getKey().contains("\"type\":\"message\"")) {
                    flags.add(e.getValue());
                }
            }
        }
        assertThat(flags).as("one send per message").hasSize(10);
        assertThat(flags.get(9)).as("the run's last frame leaves now (a held last frame would be stranded)").isFalse();
        assertThat(flags.subList(1, 9)).as("m1..m8 were queued behind the blocked m0: they leave as a run").contains(true);
        assertThat(late.frames).as("nothing more: each frame once").isEmpty();
    }

    @Test
    @DisplayName("the time bound: a member whose send stays blocked longer than outboxMaxWaitMillis is dropped with 1013 in a quiet room, with its outbox far from full; the others stay")
    void stalledConsumerDropped() throws Exception {
        start(fast().withOutboxWait(Duration.ofMillis(500)));
        TestLink ada = member("ada", "lobby");
        TestLink bob = member("bob", "lobby");
        TestLink stuck = connect("stuck");
        stuck.gate = new CountDownLatch(1); // reads nothing from now: its first frame's send blocks
        long started = System.nanoTime();
        say(stuck, join("lobby", "stuck"));
        say(bob, send("lobby", "quiet", "r1")); // one message: 2 frames queued at most, of 1,024
        awaitAck(bob, "r1");
        assertThat(stuck.closed.await(10, TimeUnit.SECONDS)).as("the stalled member is closed").isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(stuck.closeCode).isEqualTo(ChatError.SLOW_CONSUMER.closeCode());
        assertThat(millis).as("dropped after the bound (500 ms), not before").isGreaterThanOrEqualTo(500);
        assertThat(ada.awaitType("message").get("text").asText()).isEqualTo("quiet");
        assertThat(ada.closed.getCount()).as("ada stays").isEqualTo(1);
        assertThat(bob.closed.getCount()).as("bob stays").isEqualTo(1);
        assertThat(chat.metrics().render()).contains("chat_slow_consumers_total 1");
    }

    @Test
    @DisplayName("a member whose send blocks holds up no one else: with the time bound far off (60 s), every other member, one of them on its writer's lane, gets each message; the blocked one gets them all once it reads")
    void blockedSendHoldsUpNoOne() throws Exception {
        start(fast().withOutboxWait(Duration.ofSeconds(60)));
        TestLink stuck = member("stuck", "lobby");
        stuck.gate = new CountDownLatch(1); // reads nothing from now: its next send blocks
        // lanes are dealt round robin: of the lanes + 1 members after it, one shares its lane
        List<TestLink> others = new ArrayList<>();
        for (int i = 0; i <= Math.max(1, ChatService.WRITER_LANES); i++) {
            others.add(member("m" + i, "lobby"));
        }
        TestLink talker = others.getFirst();
        for (int i = 0; i < 3; i++) {
            say(talker, send("lobby", "t" + i, "r" + i));
            awaitAck(talker, "r" + i);
            for (TestLink o : others) {
                assertThat(o.awaitType("message").get("text").asText()).as("%s gets t%d while stuck's send is blocked", o.name, i)
                        .isEqualTo("t" + i);
            }
        }
        assertThat(stuck.closed.getCount()).as("stuck is not dropped: the time bound is 60 s").isEqualTo(1);
        if (chat.writers() != null) { // -Dnetlab.chat.writerLanes=0: a virtual thread per writer, no lanes
            assertThat(chat.metrics().writerHandOffs()).as("stuck's lane went on on a new thread").isGreaterThanOrEqualTo(1);
            assertThat(chat.metrics().render()).as("/metrics counts the hand-off").containsPattern("(?m)^chat_writer_handoffs_total [1-9]");
        }
        stuck.gate.countDown();
        for (int i = 0; i < 3; i++) {
            assertThat(stuck.awaitType("message").get("text").asText()).as("stuck, reading again").isEqualTo("t" + i);
        }
    }

    @Test
    @DisplayName("the connection cap: one more is refused with server_full (close 1013); a freed slot can be used again")
    void connectionCap() throws Exception {
        start(fast().withCaps(10, 10, 10, 2));
        TestLink a = connect("a");
        connect("b");
        assertThatThrownBy(() -> connect("c")).isInstanceOf(ChatException.class).extracting("code").isEqualTo(ChatError.SERVER_FULL);
        a.close(1000, "bye");
        connect("d");
        assertThat(chat.connections()).isEqualTo(2);
    }

    @Test
    @DisplayName("refusals are error messages and the connection stays: bad JSON, not in the room, twice in, the room list")
    void refusals() throws Exception {
        start(fast());
        TestLink ada = connect("ada");
        say(ada, "this is not json");
        assertThat(ada.awaitType("error").get("code").asText()).isEqualTo("bad_message");
        say(ada, send("lobby", "hi", "r1"));
        JsonNode notIn = ada.awaitType("error");
        assertThat(notIn.get("code").asText()).isEqualTo("not_in_room");
        assertThat(notIn.get("ref").asText()).isEqualTo("r1");
        say(ada, "{\"type\":\"leave\",\"room\":\"lobby\"}");
        assertThat(ada.awaitType("error").get("code").asText()).isEqualTo("not_in_room");
        say(ada, join("lobby", "ada"));
        ada.awaitType("joined");
        say(ada, join("lobby", "ada2"));
        assertThat(ada.awaitType("error").get("code").asText()).isEqualTo("already_in_room");
        TestLink bob = connect("bob");
        say(bob, join("lobby", "ADA"));
        assertThat(bob.awaitType("error").get("code").asText()).isEqualTo("nick_taken");
        say(bob, "{\"type\":\"rooms\"}");
        assertThat(bob.awaitType("rooms").get("rooms").toString()).isEqualTo("[{\"name\":\"lobby\",\"members\":1}]");
        say(ada, "{\"type\":\"leave\",\"room\":\"lobby\"}");
        assertThat(ada.awaitType("left").get("room").asText()).isEqualTo("lobby");
        assertThat(ada.closed.getCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("shutdown: every message already read is stored and acknowledged, then each client gets close 1001")
    void gracefulShutdown() throws Exception {
        start(fast());
        TestLink bob = member("bob", "lobby");
        for (int i = 0; i < 50; i++) {
            say(bob, send("lobby", "m" + i, "r" + i));
        }
        chat.shutdown(Duration.ofSeconds(2));
        chat = null;
        assertThat(bob.closed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(bob.closeCode).isEqualTo(1001);
        List<String> acks = new ArrayList<>();
        for (String f : bob.frames) {
            if (f.contains("\"type\":\"ack\"")) {
                acks.add(f);
            }
        }
        assertThat(acks).hasSize(50);
        try (HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
            assertThat(store.recent("lobby", 100)).hasSize(50);
        }
    }
}
