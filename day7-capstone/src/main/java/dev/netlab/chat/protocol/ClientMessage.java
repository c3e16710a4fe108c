package dev.netlab.chat.protocol;

/**
 * What a client sends, one JSON object per WebSocket text message, told apart by its
 * {@code type} member (members in any order; unknown members are ignored):
 *
 * <pre>
 *   {"type":"join","room":"lobby","nick":"ada"}               join; the room's newest messages follow
 *   {"type":"join","room":"lobby","nick":"ada","since":41}    join again after a reconnect: what came after id 41
 *   {"type":"send","room":"lobby","text":"hi","ref":"r-7"}    post; "ack" with ref "r-7" once it is stored
 *   {"type":"leave","room":"lobby"}
 *   {"type":"rooms"}                                          list the rooms
 * </pre>
 */
public sealed interface ClientMessage {
    /**
     * Join {@code room} as {@code nick}. {@code since} is null on a first join; after a
     * reconnect it is the last message id the client saw, and the server replays exactly the
     * messages after it (no gap, no duplicate).
     */
    record Join(String room, String nick, Long since) implements ClientMessage {}

    record Leave(String room) implements ClientMessage {}

    /**
     * Post {@code text} to {@code room}. {@code ref} is the client's own name for this message:
     * the {@code ack} carries it back, and a message sent again with the same ref (after a
     * reconnect, not knowing whether the first try was stored) is stored only once.
     */
    record Send(String room, String text, String ref) implements ClientMessage {}

    record ListRooms() implements ClientMessage {}
}
