package dev.netlab.chat.room;

import dev.netlab.chat.ChatError;
import dev.netlab.chat.ChatException;
import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.protocol.ServerMessage.RoomInfo;
import dev.netlab.kit.StubException;
import java.util.List;
import java.util.Map;

/**
 * The rooms: who is in which, under which nickname, and the fan-out of a frame to a room.
 *
 * <p>Owned by one thread, the chat's sequencer (given): every join, leave and fan-out happens
 * there, one after another, so this class needs no lock, and the order in which things happen
 * is the order of the sequencer's queue (README.md#one-order).
 *
 * <p>Your job:
 * <ul>
 *   <li>{@code join}: a room exists while it has members (the first join creates it, the last
 *       leave removes it). Refusals, checked in this order: {@code s} already in the room:
 *       {@link ChatError#ALREADY_IN_ROOM}; a member of the room has the same nickname without
 *       regard to case ({@link Nicknames#fold}, {@code toLowerCase(Locale.ROOT)}: "Ada" and "ada"
 *       are one person):
 *       {@link ChatError#NICK_TAKEN}; {@code s} is in {@link ChatLimits#maxRoomsPerConnection()}
 *       rooms already, or the room is new and there are {@link ChatLimits#maxRooms()} rooms:
 *       {@link ChatError#TOO_MANY_ROOMS}; the room has {@link ChatLimits#maxMembersPerRoom()}:
 *       {@link ChatError#ROOM_FULL}. A refused join changes nothing. The same subscriber may
 *       have different nicknames in different rooms.</li>
 *   <li>member lists are in join order; {@code rooms()} is sorted by name.</li>
 *   <li>{@code broadcast} offers the same {@link Outbound} to every member in join order and
 *       never waits for one; a member whose {@code offer} returns false does not stop the
 *       others: it is in the returned list (the sequencer closes it).</li>
 * </ul>
 * Hint: per room a {@code LinkedHashMap<Subscriber, String>} and a map of folded nicknames;
 * rooms in a {@code TreeMap}; a count of rooms per subscriber.
 */
public final class RoomRegistry {
    public RoomRegistry(ChatLimits limits) {
        // keep the limits; the maps go in fields
    }

    /** Adds {@code s} to {@code room} as {@code nick}; the members after the join, in join order. */
    public List<String> join(String room, String nick, Subscriber s) throws ChatException {
        throw StubException.notImplemented("7.03", "Rooms: join and leave, nicknames unique per room, caps", "day7-capstone/README.md#rooms");
    }

    /** Removes {@code s} from {@code room}: its nickname there, or null if it was not in it. An empty room goes. */
    public String leave(String room, Subscriber s) {
        throw StubException.notImplemented("7.03", "Rooms: join and leave, nicknames unique per room, caps", "day7-capstone/README.md#rooms");
    }

    /** Removes {@code s} from every room: room → the nickname it had there, rooms in name order. */
    public Map<String, String> leaveAll(Subscriber s) {
        throw StubException.notImplemented("7.03", "Rooms: join and leave, nicknames unique per room, caps", "day7-capstone/README.md#rooms");
    }

    /** {@code s}'s nickname in {@code room}, or null if it is not a member. */
    public String nickIn(String room, Subscriber s) {
        throw StubException.notImplemented("7.03", "Rooms: join and leave, nicknames unique per room, caps", "day7-capstone/README.md#rooms");
    }

    /** The nicknames in {@code room} in join order; empty if there is no such room. */
    public List<String> members(String room) {
        throw StubException.notImplemented("7.03", "Rooms: join and leave, nicknames unique per room, caps", "day7-capstone/README.md#rooms");
    }

    /** Every room with its member count, by name. */
    public List<RoomInfo> rooms() {
        throw StubException.notImplemented("7.03", "Rooms: join and leave, nicknames unique per room, caps", "day7-capstone/README.md#rooms");
    }

    /**
     * Offers {@code frame} to every member of {@code room} in join order, without waiting for
     * any; returns the members that refused it (closing or too slow) — the rest still got it.
     */
    public List<Subscriber> broadcast(String room, Outbound frame) {
        throw StubException.notImplemented("7.04", "Fan-out with backpressure: bounded outboxes, slow consumers dropped", "day7-capstone/README.md#fan-out-and-slow-consumers");
    }
}
