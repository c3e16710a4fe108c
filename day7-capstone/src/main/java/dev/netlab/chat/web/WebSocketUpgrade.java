package dev.netlab.chat.web;

import dev.netlab.http1.Response;
import dev.netlab.http1.Status;
import java.io.IOException;

/**
 * Where a routed WebSocket handshake goes: it validates the handshake (RFC 6455 §4.2.1),
 * answers 101 or an error, and runs the WebSocket connection for the endpoint until it closes.
 * Day 6's engine plugs in here; until the build includes it, {@link #unavailable()} answers
 * 501 so the page knows the chat is not there yet.
 */
@FunctionalInterface
public interface WebSocketUpgrade {
    /** Takes over the connection; returns when it is closed. */
    void take(Upgraded connection) throws IOException;

    /** The stand-in while no WebSocket engine is part of the build. */
    static WebSocketUpgrade unavailable() {
        return c -> c.writer().write(c.head(), ChatSite.secured(Response.text(Status.NOT_IMPLEMENTED,
                        "this build of the chat has no WebSocket engine yet (day6-websocket)\n")), false);
    }
}
