package dev.netlab.websocket.connection;

import dev.netlab.websocket.message.Message;

/**
 * What an application does with a connection; every method runs on the connection's reading
 * thread, so a slow handler delays that connection's reads (never anyone else's).
 */
public interface WebSocketHandler {
    /** The connection is open: the handshake is done and frames may flow. */
    default void onOpen(WebSocketConnection connection) {}

    /** A complete text or binary message arrived. */
    default void onMessage(WebSocketConnection connection, Message message) {}

    /**
     * The connection is closed (TCP closed). {@code code} is the code of the Close frame
     * received, 1005 if it had none, or 1006 when no Close frame was received at all.
     */
    default void onClose(WebSocketConnection connection, int code, String reason) {}
}
