package dev.netlab.websocket.connection;

import dev.netlab.kit.StubException;
import java.time.Duration;
import java.time.Instant;

/**
 * Keep-alive and idle detection for one connection, as a pure function of time (RFC 6455
 * §5.5.2: "A Ping frame MAY serve either as a keepalive or as a means to verify that the remote
 * endpoint is still responsive"). Why bother: a NAT or a load balancer between the two ends
 * forgets a TCP connection that has been quiet for a while (often 30 s to a few minutes), and
 * a peer that vanished without a FIN (a laptop lid closed, a cable pulled) is never noticed by
 * a side that only reads.
 *
 * <pre>
 *   heard ──── pingInterval ────▶ PING ──── pingInterval ────▶ PING ── ... ──▶ TIMEOUT
 *     ▲ any frame from the peer (a Pong too) starts over                (idleTimeout after heard)
 * </pre>
 */
public final class KeepAlive {
    // Tip: one Ticker calls tick() on every connection ten times a second; with 10,000
    // connections that is 100,000 calls a second. Work out the next deadlines when something
    // happens (heard(), a PING) and let tick() only compare Instants (isBefore): no Duration
    // arithmetic, no allocation.
    /** What the connection should do now. */
    public enum Action { NONE, PING, TIMEOUT }

    /**
     * @param pingInterval ping after this much silence, and again every interval while silent ({@code ZERO}: never)
     * @param idleTimeout give up after this much silence ({@code ZERO}: never)
     * @param now the time the connection opened
     */
    public KeepAlive(Duration pingInterval, Duration idleTimeout, Instant now) {
        // keep both durations, and when the peer was last heard and the last ping sent, in fields
    }

    /** A frame (any frame: data, Ping, Pong, Close) arrived from the peer. */
    public void heard(Instant now) {
        throw StubException.notImplemented("6.10", "Keep-alive, idle peers and the message size limit", "day6-websocket/README.md#keep-alive");
    }

    /** What to do at {@code now}; after PING the next PING comes one interval later at the earliest. */
    public Action tick(Instant now) {
        throw StubException.notImplemented("6.10", "Keep-alive, idle peers and the message size limit", "day6-websocket/README.md#keep-alive");
    }
}
