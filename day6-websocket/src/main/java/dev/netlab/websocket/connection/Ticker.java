package dev.netlab.websocket.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One daemon thread that calls {@link WebSocketConnection#tick} on every registered
 * connection every {@code period}: keep-alive pings, idle detection and close timeouts for all
 * connections, without a timer per connection. Given plumbing.
 */
public final class Ticker implements AutoCloseable {
    private static final Ticker SHARED = new Ticker(Duration.ofMillis(100), Clock.systemUTC());

    private final Set<WebSocketConnection> connections = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    public Ticker(Duration period, Clock clock) {
        thread = Thread.ofPlatform().daemon().name("websocket-ticker").start(() -> {
            while (running) {
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                }
                // one reading of the clock per sweep: with 10,000 connections, one per connection
                // was 10,000 Instants every 100 ms (the chat's profile showed it)
                Instant now = clock.instant();
                for (WebSocketConnection c : connections) {
                    try {
                        c.tick(now);
                    } catch (RuntimeException e) {
                        connections.remove(c);
                    }
                }
            }
        });
    }

    /** The ticker every server shares (100 ms, the system clock). */
    public static Ticker shared() {
        return SHARED;
    }

    public void register(WebSocketConnection c) {
        connections.add(c);
    }

    public void unregister(WebSocketConnection c) {
        connections.remove(c);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
