package dev.netlab.chat.history;

import dev.netlab.chat.protocol.ServerMessage;

/** A message in the history, with the id the store gave it (ids grow, never reused). */
public record StoredMessage(long id, String room, String nick, String text, long ts) {
    /** The message as the server sends it. */
    public ServerMessage.Message toWire() {
        return new ServerMessage.Message(id, room, nick, text, ts);
    }
}
