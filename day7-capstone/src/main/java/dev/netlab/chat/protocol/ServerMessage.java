package dev.netlab.chat.protocol;

import dev.netlab.chat.ChatError;
import java.util.List;

/**
 * What the server sends, one JSON object per WebSocket text message, members in this order:
 *
 * <pre>
 *   {"type":"joined","room":"lobby","nick":"ada","members":["bob","ada"],"gap":false}
 *   {"type":"message","id":42,"room":"lobby","nick":"bob","text":"hi","ts":1767225600000}
 *   {"type":"ack","ref":"r-7","id":43,"ts":1767225600123}
 *   {"type":"presence","room":"lobby","nick":"cy","event":"join","members":["bob","ada","cy"]}
 *   {"type":"left","room":"lobby"}
 *   {"type":"rooms","rooms":[{"name":"lobby","members":3}]}
 *   {"type":"error","code":"nick_taken","message":"someone in lobby is called ada","ref":"r-7"}
 * </pre>
 *
 * Ids and timestamps ({@code ts}, milliseconds since the epoch, UTC) are the server's: a
 * client's clock has no say in the order of a room.
 */
public sealed interface ServerMessage {
    /** The join succeeded; the replayed messages follow. {@code gap}: more were missed than are replayed. */
    record Joined(String room, String nick, List<String> members, boolean gap) implements ServerMessage {}

    /** One chat message, live or replayed. */
    record Message(long id, String room, String nick, String text, long ts) implements ServerMessage {}

    /** The message the client called {@code ref} is stored durably as {@code id}. */
    record Ack(String ref, long id, long ts) implements ServerMessage {}

    /** Someone joined or left {@code room}; {@code members} is the whole list after it. */
    record Presence(String room, String nick, Event event, List<String> members) implements ServerMessage {}

    record Left(String room) implements ServerMessage {}

    record Rooms(List<RoomInfo> rooms) implements ServerMessage {}

    /** A refusal; {@code ref} is the refused message's ref, or null. */
    record Error(ChatError code, String message, String ref) implements ServerMessage {}

    /** A room and how many are in it. */
    record RoomInfo(String name, int members) {}

    /** What a presence message reports. */
    enum Event {
        JOIN("join"), LEAVE("leave");

        private final String wire;

        Event(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
