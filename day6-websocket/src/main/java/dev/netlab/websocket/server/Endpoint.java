package dev.netlab.websocket.server;

import dev.netlab.websocket.connection.WebSocketHandler;
import dev.netlab.websocket.handshake.HandshakePolicy;

/** A WebSocket endpoint of the server: a path, the handshake policy, and the handler for each connection. */
public record Endpoint(String path, HandshakePolicy policy, java.util.function.Supplier<WebSocketHandler> handler) {}
