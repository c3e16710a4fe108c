package dev.netlab.websocket.server;

import dev.netlab.websocket.connection.WebSocketConnection;
import dev.netlab.websocket.connection.WebSocketHandler;
import dev.netlab.websocket.message.Message;
import java.io.IOException;

/** Sends every text and binary message back as it came. */
public final class EchoHandler implements WebSocketHandler {
    @Override
    public void onMessage(WebSocketConnection connection, Message message) {
        try {
            connection.send(message);
        } catch (IOException ignored) {
            // closing: the reading loop finds out
        }
    }
}
