package dev.netlab.chat.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.ChatError;
import dev.netlab.chat.ChatException;
import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.protocol.ServerMessage.RoomInfo;
import dev.netlab.kit.Checkpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The room registry, without threads (the sequencer owns it). Mistakes it catches (each
 * checked once with a hand-made mutant of the reference): nicknames compared with case
 * ("Ada" and "ada" both admitted); a nickname still taken after its owner left; a refused join
 * that half-happened (room created, count raised); an empty room that lingers (and counts
 * against the room cap); the per-connection cap not given back on leave; caps off by one;
 * members listed in hash order instead of join order; the refusals checked in another order.
 * From a PIT run (issue 19): the per-connection cap off by one where the server cap does not
 * hide it, and the count forgotten instead of lowered when a connection in two rooms leaves
 * one ({@code n == 1 ? null : n - 1} turned around: the cap then never bites). From a PIT run
 * with the stronger mutators ({@code STRONGER,REMOVE_CONDITIONALS,REMOVE_INCREMENTS}): {@code leaveAll} listing
 * every room with a null nickname where the connection was not a member, so the chat would
 * announce a departure to rooms it never joined ({@code leaveAllOnlyItsRooms}). Left: the
 * count kept at 0 instead of removed (memory only, not visible), the fast path of
 * {@code leaveAll} removed, an empty map of another class.
 */
@Checkpoint(id = "7.03", title = "Rooms: join and leave, nicknames unique per room, caps",
        edit = "dev/netlab/chat/room/RoomRegistry.java",
        hint = "per room a LinkedHashMap subscriber->nick and a map of lower-cased nicks; a room exists while it has members; check the refusals in the documented order",
        readme = "#rooms")
class RoomRegistryTest {
    private final TestSubscriber ada = TestSubscriber.named("ada");
    private final TestSubscriber bob = TestSubscriber.named("bob");
    private final TestSubscriber cy = TestSubscriber.named("cy");

    private static ChatLimits caps(int rooms, int perRoom, int perConnection) {
        return ChatLimits.defaults().withCaps(rooms, perRoom, perConnection, 100);
    }

    private static ChatError refusal(ThrowingJoin join) {
        try {
            join.run();
            throw new AssertionError("the join was not refused");
        } catch (ChatException e) {
            return e.code();
        }
    }

    @FunctionalInterface
    interface ThrowingJoin {
        void run() throws ChatException;
    }

    @Test
    @DisplayName("a join creates the room; members come back in join order; rooms by name")
    void joinAndList() throws Exception {
        RoomRegistry r = new RoomRegistry(ChatLimits.defaults());
        assertThat(r.join("lobby", "ada", ada)).containsExactly("ada");
        assertThat(r.join("lobby", "bob", bob)).containsExactly("ada", "bob");
        assertThat(r.join("lobby", "Cy", cy)).containsExactly("ada", "bob", "Cy");
        assertThat(r.join("books", "ada-reads", ada)).containsExactly("ada-reads");
        assertThat(r.members("lobby")).containsExactly("ada", "bob", "Cy");
        assertThat(r.members("nowhere")).isEmpty();
        assertThat(r.rooms()).containsExactly(new RoomInfo("books", 1), new RoomInfo("lobby", 3));
        assertThat(r.nickIn("books", ada)).isEqualTo("ada-reads");
        assertThat(r.nickIn("lobby", ada)).isEqualTo("ada");
        assertThat(r.nickIn("books", bob)).isNull();
        assertThat(r.nickIn("nowhere", bob)).isNull();
    }

    @Test
    @DisplayName("nicknames are unique per room without regard to case; the same name is fine in another room")
    void uniqueNicknames() throws Exception {
        RoomRegistry r = new RoomRegistry(ChatLimits.defaults());
        r.join("lobby", "Ada", ada);
        assertThat(refusal(() -> r.join("lobby", "ada", bob))).isEqualTo(ChatError.NICK_TAKEN);
        assertThat(refusal(() -> r.join("lobby", "ADA", bob))).isEqualTo(ChatError.NICK_TAKEN);
        assertThat(r.join("books", "ada", bob)).containsExactly("ada");
        assertThat(refusal(() -> r.join("lobby", "bob", ada))).as("ada is in lobby already").isEqualTo(ChatError.ALREADY_IN_ROOM);
        assertThat(r.members("lobby")).containsExactly("Ada");
        assertThat(r.leave("lobby", ada)).isEqualTo("Ada");
        assertThat(r.join("lobby", "ada", bob)).as("the name is free once Ada left").containsExactly("ada");
    }

    @Test
    @DisplayName("leave: the nickname, or null if not a member; the last one out removes the room")
    void leave() throws Exception {
        RoomRegistry r = new RoomRegistry(ChatLimits.defaults());
        r.join("lobby", "ada", ada);
        r.join("lobby", "bob", bob);
        assertThat(r.leave("lobby", cy)).isNull();
        assertThat(r.leave("nowhere", ada)).isNull();
        assertThat(r.leave("lobby", ada)).isEqualTo("ada");
        assertThat(r.leave("lobby", ada)).isNull();
        assertThat(r.members("lobby")).containsExactly("bob");
        assertThat(r.leave("lobby", bob)).isEqualTo("bob");
        assertThat(r.rooms()).isEmpty();
        assertThat(r.broadcast("lobby", Outbound.of("{}"))).isEmpty();
    }

    @Test
    @DisplayName("leaveAll: every room the connection was in, by name, with its nickname there")
    void leaveAll() throws Exception {
        RoomRegistry r = new RoomRegistry(caps(10, 10, 3));
        r.join("zoo", "ada-z", ada);
        r.join("art", "ada-a", ada);
        r.join("art", "bob", bob);
        r.join("mid", "ada-m", ada);
        Map<String, String> left = r.leaveAll(ada);
        assertThat(left).containsExactly(Map.entry("art", "ada-a"), Map.entry("mid", "ada-m"), Map.entry("zoo", "ada-z"));
        assertThat(r.rooms()).containsExactly(new RoomInfo("art", 1));
        assertThat(r.leaveAll(ada)).isEmpty();
        assertThat(r.leaveAll(cy)).isEmpty();
        // the per-connection count went back to 0: three rooms again
        r.join("a1", "ada", ada);
        r.join("a2", "ada", ada);
        r.join("a3", "ada", ada);
    }

    @Test
    @DisplayName("leaveAll lists only the rooms the connection was in: a room of others is neither listed (no presence sent there) nor touched")
    void leaveAllOnlyItsRooms() throws Exception {
        RoomRegistry r = new RoomRegistry(ChatLimits.defaults());
        r.join("art", "bob", bob);
        r.join("lobby", "ada", ada);
        r.join("lobby", "bob", bob);
        r.join("zoo", "cy", cy);
        assertThat(r.leaveAll(ada)).containsExactly(Map.entry("lobby", "ada"));
        assertThat(r.rooms()).containsExactly(new RoomInfo("art", 1), new RoomInfo("lobby", 1), new RoomInfo("zoo", 1));
        assertThat(r.members("lobby")).containsExactly("bob");
    }

    @Test
    @DisplayName("caps: rooms on the server, rooms per connection, members per room — exactly at the limit is fine")
    void caps() throws Exception {
        RoomRegistry r = new RoomRegistry(caps(2, 2, 2));
        r.join("one", "ada", ada);
        r.join("two", "ada", ada);
        assertThat(refusal(() -> r.join("three", "ada", ada))).isEqualTo(ChatError.TOO_MANY_ROOMS);
        assertThat(refusal(() -> r.join("three", "bob", bob))).as("a third room on the server").isEqualTo(ChatError.TOO_MANY_ROOMS);
        assertThat(r.rooms()).extracting(RoomInfo::name).containsExactly("one", "two");
        r.join("one", "bob", bob);
        assertThat(refusal(() -> r.join("one", "cy", cy))).isEqualTo(ChatError.ROOM_FULL);
        assertThat(r.members("one")).containsExactly("ada", "bob");
        r.leave("two", ada);
        assertThat(r.join("three", "cy", cy)).as("room two is gone: room for a new one").containsExactly("cy");
        assertThat(r.join("three", "ada", ada)).as("ada is in one room now").containsExactly("cy", "ada");
    }

    @Test
    @DisplayName("refusals come in the documented order: already in, name taken, too many rooms, room full")
    void refusalOrder() throws Exception {
        RoomRegistry r = new RoomRegistry(caps(1, 1, 1));
        r.join("one", "ada", ada);
        // ada again: she is in already, even though the room is full and she has her one room
        assertThat(refusal(() -> r.join("one", "ada", ada))).isEqualTo(ChatError.ALREADY_IN_ROOM);
        // bob as "ADA": the name is taken, even though the room is full
        assertThat(refusal(() -> r.join("one", "ADA", bob))).isEqualTo(ChatError.NICK_TAKEN);
        // ada elsewhere: her one room is used, and the server's one room too
        assertThat(refusal(() -> r.join("two", "ada", ada))).isEqualTo(ChatError.TOO_MANY_ROOMS);
        assertThat(refusal(() -> r.join("one", "bob", bob))).isEqualTo(ChatError.ROOM_FULL);
        assertThat(r.rooms()).containsExactly(new RoomInfo("one", 1));
        assertThat(r.nickIn("one", bob)).isNull();
    }

    @Test
    @DisplayName("a thousand members join and leave; the lists stay in join order and the room goes at the end")
    void many() throws Exception {
        RoomRegistry r = new RoomRegistry(ChatLimits.defaults());
        List<TestSubscriber> subs = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            TestSubscriber s = TestSubscriber.named("n" + i);
            subs.add(s);
            r.join("big", "n" + i, s);
        }
        assertThat(r.members("big")).hasSize(1000).startsWith("n0", "n1").endsWith("n998", "n999");
        for (int i = 0; i < 1000; i += 2) {
            r.leave("big", subs.get(i));
        }
        assertThat(r.members("big")).hasSize(500).startsWith("n1", "n3").endsWith("n999");
        for (int i = 1; i < 1000; i += 2) {
            r.leave("big", subs.get(i));
        }
        assertThat(r.rooms()).isEmpty();
        assertThat(r.join("big", "x", subs.get(0))).containsExactly("x");
    }

    @Test
    @DisplayName("the per-connection cap on its own (the server has room to spare): a third room is refused at 2, and leaving one of two rooms gives back one, not all")
    void perConnectionCapAlone() throws Exception {
        RoomRegistry r = new RoomRegistry(caps(10, 10, 2));
        r.join("one", "ada", ada);
        r.join("two", "ada", ada);
        assertThat(refusal(() -> r.join("three", "ada", ada))).isEqualTo(ChatError.TOO_MANY_ROOMS);
        r.leave("one", ada);
        r.join("three", "ada", ada);
        assertThat(refusal(() -> r.join("four", "ada", ada))).as("ada is in two rooms again").isEqualTo(ChatError.TOO_MANY_ROOMS);
        assertThat(r.rooms()).extracting(RoomInfo::name).containsExactly("three", "two");
    }
}
