package dev.netlab.chat.history;

/**
 * A message on its way into the history: everything but the id, which the store assigns.
 *
 * @param ts  the server's time, milliseconds since the epoch
 * @param ref the sender's name for it (see {@link dev.netlab.chat.protocol.ClientMessage.Send})
 */
public record Draft(String room, String nick, String text, long ts, String ref) {}
