package dev.netlab.chat.history;

/**
 * What {@link HistoryStore#append} made of one draft: the stored message, and whether it was
 * stored just now ({@code fresh}) or had been stored before under the same room and ref
 * (a client sending again after a reconnect): then it is the earlier message, not a copy.
 */
public record Appended(StoredMessage message, boolean fresh) {}
