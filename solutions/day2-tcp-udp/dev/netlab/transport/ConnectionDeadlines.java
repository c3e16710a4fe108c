package dev.netlab.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Idle, whole-request and write deadlines of one connection, as pure logic over a
 * {@link Clock}. Not thread-safe: one connection, one thread (or one event loop).
 */
public final class ConnectionDeadlines {
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration requestDeadline;
    private final Duration writeDeadline;

    private Instant lastActivity;
    private Instant requestBy;   // null: no request in progress
    private Instant writeBy;     // null: no write in progress

    public ConnectionDeadlines(Clock clock, Duration idleTimeout, Duration requestDeadline, Duration writeDeadline) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.requestDeadline = requestDeadline;
        this.writeDeadline = writeDeadline;
        this.lastActivity = clock.instant();
    }

    public void readProgress() {
        if (requestBy == null) {
            // The first byte of a request fixes its deadline; later bytes cannot move it (slowloris).
            requestBy = clock.instant().plus(requestDeadline);
        }
    }

    public void requestComplete() {
        requestBy = null;
        lastActivity = clock.instant();
    }

    public void writeStarted() {
        writeBy = clock.instant().plus(writeDeadline);
    }

    public void writeComplete() {
        writeBy = null;
        lastActivity = clock.instant();
    }

    /** The idle deadline applies only between requests, and not while a response is being written. */
    private Instant idleBy() {
        return requestBy == null && writeBy == null ? lastActivity.plus(idleTimeout) : null;
    }

    public Optional<TimeoutKind> expired() {
        Instant now = clock.instant();
        TimeoutKind kind = null;
        Instant first = null;
        for (TimeoutKind k : TimeoutKind.values()) {
            Instant by = deadline(k);
            if (by != null && !by.isAfter(now) && (first == null || by.isBefore(first))) {
                kind = k;
                first = by;
            }
        }
        return Optional.ofNullable(kind);
    }

    public Duration remaining() {
        Instant now = clock.instant();
        Duration nearest = null;
        for (TimeoutKind k : TimeoutKind.values()) {
            Instant by = deadline(k);
            if (by != null) {
                Duration left = Duration.between(now, by);
                if (nearest == null || left.compareTo(nearest) < 0) {
                    nearest = left;
                }
            }
        }
        return nearest == null || nearest.isNegative() ? Duration.ZERO : nearest;
    }

    private Instant deadline(TimeoutKind kind) {
        return switch (kind) {
            case IDLE -> idleBy();
            case REQUEST -> requestBy;
            case WRITE -> writeBy;
        };
    }
}
