package dev.netlab.chat.service;

import dev.netlab.chat.protocol.ClientMessage;

/** What sessions ask of the {@link Sequencer}, one queue, processed in order. */
sealed interface Command {
    /** A decoded client message (join, leave, send, rooms); {@code receivedNanos} is when it was read. */
    record FromClient(ChatSession session, ClientMessage message, long receivedNanos) implements Command {}

    /** The session's connection is gone: leave every room. */
    record Disconnected(ChatSession session) implements Command {}

    /** Cluster mode: a message of a followed room, read from its Redis Stream (RedisBus). */
    record Remote(dev.netlab.chat.history.StoredMessage message) implements Command {}

    /** Cluster mode: another instance announced a join or leave. */
    record RemotePresence(String room, String nick, boolean join) implements Command {}

    /** Cluster mode: the presence heartbeat (renew this instance's keys, notice members gone elsewhere). */
    record Heartbeat() implements Command {}

    /** Shut down: answer what is queued, then stop. */
    record Stop() implements Command {}
}
