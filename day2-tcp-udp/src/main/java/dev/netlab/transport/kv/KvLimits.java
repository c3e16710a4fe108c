package dev.netlab.transport.kv;

import java.time.Duration;

/**
 * The deadlines a {@link KvServer} enforces per connection (see
 * {@link dev.netlab.transport.ConnectionDeadlines}).
 *
 * @param idleTimeout how long a connection may stay silent between requests
 * @param requestDeadline how long a client may take to send one whole request, from its first byte
 * @param writeDeadline how long one response may take to be written (a client that does not read)
 */
public record KvLimits(Duration idleTimeout, Duration requestDeadline, Duration writeDeadline) {
    /** Generous defaults for the program: 60 s idle, 10 s per request, 10 s per response. */
    public static final KvLimits DEFAULT = new KvLimits(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(10));
}
