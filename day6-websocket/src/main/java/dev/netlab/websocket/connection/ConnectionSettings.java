package dev.netlab.websocket.connection;

import dev.netlab.websocket.Role;
import dev.netlab.websocket.deflate.DeflateParameters;
import java.time.Clock;
import java.time.Duration;

/**
 * How one connection behaves.
 *
 * @param role SERVER (expects masked frames, sends unmasked) or CLIENT
 * @param maxMessageSize the largest message accepted, after decompression (1009 above it)
 * @param closeTimeout how long to wait for the peer's Close after sending ours, then close TCP anyway
 * @param pingInterval after this much silence from the peer, send a Ping (keep-alive; {@link Duration#ZERO} for never)
 * @param idleTimeout after this much silence, Pongs included, the peer is gone: close TCP ({@link Duration#ZERO} for never)
 * @param deflate the negotiated permessage-deflate parameters, or null
 * @param clock the time source for every timeout (a {@code ManualClock} in tests)
 */
public record ConnectionSettings(Role role, long maxMessageSize, Duration closeTimeout, Duration pingInterval,
                                 Duration idleTimeout, DeflateParameters deflate, Clock clock) {
    /** A server: 1 MiB messages, 5 s to answer a Close, Ping after 30 s of silence, gone after 75 s. */
    public static ConnectionSettings server() {
        return new ConnectionSettings(Role.SERVER, 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(75), null, Clock.systemUTC());
    }

    public ConnectionSettings withRole(Role r) {
        return new ConnectionSettings(r, maxMessageSize, closeTimeout, pingInterval, idleTimeout, deflate, clock);
    }

    public ConnectionSettings withMaxMessageSize(long max) {
        return new ConnectionSettings(role, max, closeTimeout, pingInterval, idleTimeout, deflate, clock);
    }

    public ConnectionSettings withCloseTimeout(Duration d) {
        return new ConnectionSettings(role, maxMessageSize, d, pingInterval, idleTimeout, deflate, clock);
    }

    public ConnectionSettings withKeepAlive(Duration ping, Duration idle) {
        return new ConnectionSettings(role, maxMessageSize, closeTimeout, ping, idle, deflate, clock);
    }

    public ConnectionSettings withDeflate(DeflateParameters d) {
        return new ConnectionSettings(role, maxMessageSize, closeTimeout, pingInterval, idleTimeout, d, clock);
    }

    public ConnectionSettings withClock(Clock c) {
        return new ConnectionSettings(role, maxMessageSize, closeTimeout, pingInterval, idleTimeout, deflate, c);
    }
}
