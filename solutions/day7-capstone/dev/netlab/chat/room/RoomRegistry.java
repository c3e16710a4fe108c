package dev.netlab.chat.room;

import dev.netlab.chat.ChatError;
import dev.netlab.chat.ChatException;
import dev.netlab.chat.ChatLimits;
import dev.netlab.chat.protocol.ServerMessage.RoomInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rooms: who is in which, under which nickname, and the fan-out of a frame to a room.
 *
 * <p>Owned by one thread, the chat's sequencer (given): every join, leave and fan-out happens
 * there, one after another, so this class needs no lock, and the order in which things happen
 * is simply the order of the sequencer's queue. That single order is what makes "no gap, no
 * duplicate" on resume easy to prove (README.md#one-order).
 */
public final class RoomRegistry {
    /** A room's members in join order: subscriber → nickname, plus the folded nicknames for uniqueness. */
    private static final class Room {
        final LinkedHashMap<Subscriber, String> members = new LinkedHashMap<>();
        final HashMap<String, Subscriber> byFoldedNick = new HashMap<>();
    }

    private final ChatLimits limits;
    private final TreeMap<String, Room> rooms = new TreeMap<>();
    private final HashMap<Subscriber, Integer> roomsJoined = new HashMap<>();

    public RoomRegistry(ChatLimits limits) {
        this.limits = limits;
    }

    /** Adds {@code s} to {@code room} as {@code nick}; the members after the join, in join order. */
    public List<String> join(String room, String nick, Subscriber s) throws ChatException {
        Room r = rooms.get(room);
        if (r != null && r.members.containsKey(s)) {
            throw new ChatException(ChatError.ALREADY_IN_ROOM, "already in " + room);
        }
        if (r != null && r.byFoldedNick.containsKey(Nicknames.fold(nick))) {
            throw new ChatException(ChatError.NICK_TAKEN, "someone in " + room + " is called " + r.members.get(r.byFoldedNick.get(Nicknames.fold(nick))));
        }
        if (roomsJoined.getOrDefault(s, 0) >= limits.maxRoomsPerConnection()) {
            throw new ChatException(ChatError.TOO_MANY_ROOMS, "a connection may be in at most " + limits.maxRoomsPerConnection() + " rooms");
        }
        if (r == null && rooms.size() >= limits.maxRooms()) {
            throw new ChatException(ChatError.TOO_MANY_ROOMS, "the server has its " + limits.maxRooms() + " rooms already");
        }
        if (r != null && r.members.size() >= limits.maxMembersPerRoom()) {
            throw new ChatException(ChatError.ROOM_FULL, room + " has " + limits.maxMembersPerRoom() + " members already");
        }
        if (r == null) {
            r = new Room();
            rooms.put(room, r);
        }
        r.members.put(s, nick);
        r.byFoldedNick.put(Nicknames.fold(nick), s);
        roomsJoined.merge(s, 1, Integer::sum);
        return List.copyOf(r.members.values());
    }

    /** Removes {@code s} from {@code room}: its nickname there, or null if it was not in it. An empty room goes. */
    public String leave(String room, Subscriber s) {
        Room r = rooms.get(room);
        if (r == null) {
            return null;
        }
        String nick = r.members.remove(s);
        if (nick == null) {
            return null;
        }
        r.byFoldedNick.remove(Nicknames.fold(nick));
        if (r.members.isEmpty()) {
            rooms.remove(room);
        }
        roomsJoined.computeIfPresent(s, (k, n) -> n == 1 ? null : n - 1);
        return nick;
    }

    /** Removes {@code s} from every room: room → the nickname it had there, rooms in name order. */
    public Map<String, String> leaveAll(Subscriber s) {
        Map<String, String> left = new LinkedHashMap<>();
        if (!roomsJoined.containsKey(s)) {
            return left;
        }
        for (String room : List.copyOf(rooms.keySet())) {
            String nick = leave(room, s);
            if (nick != null) {
                left.put(room, nick);
            }
        }
        return left;
    }

    /** {@code s}'s nickname in {@code room}, or null if it is not a member. */
    public String nickIn(String room, Subscriber s) {
        Room r = rooms.get(room);
        return r == null ? null : r.members.get(s);
    }

    /** The nicknames in {@code room} in join order; empty if there is no such room. */
    public List<String> members(String room) {
        Room r = rooms.get(room);
        return r == null ? List.of() : List.copyOf(r.members.values());
    }

    /** Every room with its member count, by name. */
    public List<RoomInfo> rooms() {
        List<RoomInfo> list = new ArrayList<>(rooms.size());
        rooms.forEach((name, r) -> list.add(new RoomInfo(name, r.members.size())));
        return list;
    }

    /**
     * Offers {@code frame} to every member of {@code room} in join order, without waiting for
     * any; returns the members that refused it (closing or too slow) — the rest still got it.
     */
    public List<Subscriber> broadcast(String room, Outbound frame) {
        Room r = rooms.get(room);
        if (r == null) {
            return List.of();
        }
        List<Subscriber> refused = null;
        for (Subscriber s : r.members.keySet()) {
            if (!s.offer(frame)) {
                if (refused == null) {
                    refused = new ArrayList<>(1);
                }
                refused.add(s);
            }
        }
        return refused == null ? List.of() : refused;
    }
}
