package dev.netlab.chat.ws;

import dev.netlab.chat.metrics.ChatMetrics;
import dev.netlab.websocket.CloseCode;
import dev.netlab.websocket.connection.WebSocketConnection;
import dev.netlab.websocket.connection.WebSocketHandler;
import dev.netlab.websocket.message.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's feed at {@code /live} (given): once a second, the whole of {@code /metrics}
 * (the Prometheus text format the page already parses when it polls) as one text message, to
 * every dashboard open. Server to client only: a message from the page closes it with 1003.
 * At most {@code maxViewers} at once (one more is closed with 1013, try again later).
 */
public final class LiveFeed {
    private final ChatMetrics metrics;
    private final Duration period;
    private final int maxViewers;
    private final Set<WebSocketConnection> viewers = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public LiveFeed(ChatMetrics metrics, Duration period, int maxViewers) {
        this.metrics = metrics;
        this.period = period;
        this.maxViewers = maxViewers;
    }

    /** The handler of one dashboard connection. */
    WebSocketHandler handler() {
        return new WebSocketHandler() {
            private Thread sender;

            @Override
            public void onOpen(WebSocketConnection c) {
                if (stopping) {
                    c.close(CloseCode.GOING_AWAY.code(), "server shutting down");
                    return;
                }
                if (viewers.size() >= maxViewers) {
                    c.close(CloseCode.TRY_AGAIN_LATER.code(), "too many dashboards open");
                    return;
                }
                viewers.add(c);
                sender = Thread.ofVirtual().name("chat-live").start(() -> feed(c));
            }

            @Override
            public void onMessage(WebSocketConnection c, Message message) {
                c.close(CloseCode.UNSUPPORTED_DATA.code(), "the feed only sends");
            }

            @Override
            public void onClose(WebSocketConnection c, int code, String reason) {
                viewers.remove(c);
                if (sender != null) {
                    sender.interrupt();
                }
            }
        };
    }

    private void feed(WebSocketConnection c) {
        try {
            while (c.state() == WebSocketConnection.State.OPEN) {
                c.sendText(metrics.render());
                Thread.sleep(period);
            }
        } catch (IOException | InterruptedException e) {
            // closed: the reader's onClose removes it
        }
    }

    /** Dashboards open now. */
    public int viewers() {
        return viewers.size();
    }

    /** Shutdown: every dashboard gets 1001 (going away); it reconnects when the server is back. */
    public void stop() {
        stopping = true;
        for (WebSocketConnection c : viewers) {
            c.close(CloseCode.GOING_AWAY.code(), "server shutting down");
        }
    }
}
