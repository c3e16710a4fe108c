package dev.netlab.transport;

import dev.netlab.kit.StubException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The three deadlines that protect a server from slow and silent clients, as pure logic:
 * the connection code reports what happens, this class says which deadline has passed.
 * Time comes from the {@link Clock} given, so tests control it.
 *
 * <p>Why deadlines and not just timeouts: {@code SO_TIMEOUT} limits the wait for <em>one</em>
 * read. A slowloris client sends one byte every few seconds, so no single read ever times out
 * and the request never ends. A deadline for the <em>whole</em> request cannot be stretched.
 *
 * <p>Your job:
 * <ul>
 *   <li><b>idle</b>: between requests (none begun, no write in progress), the connection
 *       expires {@code idleTimeout} after the last activity (creation, a completed request, a
 *       completed write);
 *   <li><b>request</b>: the first {@link #readProgress()} while no request is in progress
 *       begins one; it expires {@code requestDeadline} after that moment, however many bytes
 *       arrive later. {@link #requestComplete()} ends it. No idle expiry during a request;
 *   <li><b>write</b>: {@link #writeStarted()} begins a write that expires {@code writeDeadline}
 *       later unless {@link #writeComplete()} is called;
 *   <li>{@link #expired()}: the kind whose deadline has passed (at or before now); if several
 *       have, the one that passed first; empty while none has;
 *   <li>{@link #remaining()}: the time until the nearest active deadline, zero if one has
 *       passed — what a blocking server puts into {@code setSoTimeout} before each read.
 * </ul>
 */
public final class ConnectionDeadlines {
    public ConnectionDeadlines(Clock clock, Duration idleTimeout, Duration requestDeadline, Duration writeDeadline) {
    }

    /** Bytes of a request arrived. */
    public void readProgress() {
        throw StubException.notImplemented("2.08", "idle, request and write deadlines", "day2-tcp-udp/README.md#timeouts-and-slow-clients");
    }

    /** The request being read is complete. */
    public void requestComplete() {
        throw StubException.notImplemented("2.08", "idle, request and write deadlines", "day2-tcp-udp/README.md#timeouts-and-slow-clients");
    }

    /** A response write begins. */
    public void writeStarted() {
        throw StubException.notImplemented("2.08", "idle, request and write deadlines", "day2-tcp-udp/README.md#timeouts-and-slow-clients");
    }

    /** The response write finished. */
    public void writeComplete() {
        throw StubException.notImplemented("2.08", "idle, request and write deadlines", "day2-tcp-udp/README.md#timeouts-and-slow-clients");
    }

    /** The deadline that has passed, if any (the earliest when several have). */
    public Optional<TimeoutKind> expired() {
        throw StubException.notImplemented("2.08", "idle, request and write deadlines", "day2-tcp-udp/README.md#timeouts-and-slow-clients");
    }

    /** Time until the nearest active deadline; zero once one has passed. */
    public Duration remaining() {
        throw StubException.notImplemented("2.08", "idle, request and write deadlines", "day2-tcp-udp/README.md#timeouts-and-slow-clients");
    }
}
