package dev.netlab.websocket.connection;

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
    /** What the connection should do now. */
    public enum Action { NONE, PING, TIMEOUT }

    private final Duration pingInterval;
    private final Duration idleTimeout;
    // The deadlines, computed when something happens (a frame heard, a ping sent) rather than in
    // tick(): one Ticker calls tick() on every connection ten times a second, so with 10,000
    // connections tick() must only compare. Null: never.
    private Instant pingAt;
    private Instant timeoutAt;

    /**
     * @param pingInterval ping after this much silence, and again every interval while silent ({@code ZERO}: never)
     * @param idleTimeout give up after this much silence ({@code ZERO}: never)
     * @param now the time the connection opened
     */
    public KeepAlive(Duration pingInterval, Duration idleTimeout, Instant now) {
        this.pingInterval = pingInterval;
        this.idleTimeout = idleTimeout;
        heard(now);
    }

    /** A frame (any frame: data, Ping, Pong, Close) arrived from the peer. */
    public void heard(Instant now) {
        pingAt = after(now, pingInterval);
        timeoutAt = after(now, idleTimeout);
    }

    /** What to do at {@code now}; after PING the next PING comes one interval later at the earliest. */
    public Action tick(Instant now) {
        if (timeoutAt != null && !now.isBefore(timeoutAt)) {
            return Action.TIMEOUT;
        }
        if (pingAt == null || now.isBefore(pingAt)) {
            return Action.NONE;
        }
        pingAt = after(now, pingInterval);
        return Action.PING;
    }

    /** {@code now + d}; null for ZERO (never) and for a time past the end of {@code Instant} (never, too). */
    private static Instant after(Instant now, Duration d) {
        if (d.isZero()) {
            return null;
        }
        try {
            return now.plus(d);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return null;
        }
    }
}
