package dev.netlab.chat.limit;

import dev.netlab.kit.StubException;

/**
 * A token bucket: at most {@code burst} tokens, refilled continuously at {@code ratePerSecond};
 * every chat message takes one. A connection that talks at the rate never waits; one that was
 * quiet may send {@code burst} at once; one that floods is told how long to wait.
 *
 * <pre>
 *   tokens
 *   burst ┤████▇▆▅▄▃▂▁ ▁▂▃▄▅▆▇████
 *         │           ▲ empty: refused, "retry in 1/rate - (time since the last token)"
 *       0 ┼────────────────────────► time
 * </pre>
 *
 * <p>Your job. Time comes in as {@link System#nanoTime()} readings, so tests can play any
 * schedule. The bucket starts full. Refill is continuous (half a token's time gives half a
 * token, which is not yet a whole one), never above {@code burst} however long it was quiet.
 * {@code tryTake} takes a whole token if there is one and returns 0; otherwise it takes nothing
 * and returns the nanoseconds until a whole token will be there (at least 1, exact to within a
 * microsecond). No drift: 5 tokens/s for an hour allows 18,000 takes plus the burst, not one
 * more. Hint: integer nanoseconds per token, and the time at which the bucket will be full
 * again, avoid floating point altogether. Not thread-safe (one per connection).
 */
public final class TokenBucket {
    /** A full bucket at {@code nowNanos}; rate must be &gt; 0 and burst &gt;= 1 (else IllegalArgumentException). */
    public TokenBucket(double ratePerSecond, int burst, long nowNanos) {
        // hint: long nanosPerToken, long burstNanos, long fullAt
    }

    /** Takes a token at {@code nowNanos}: 0 when taken; otherwise nanoseconds until one is there (nothing taken). */
    public long tryTake(long nowNanos) {
        throw StubException.notImplemented("7.02", "A token bucket per connection: bursts, refill, retry-after", "day7-capstone/README.md#rate-limits");
    }

    /** Whole tokens there at {@code nowNanos}, without taking one. */
    public int available(long nowNanos) {
        throw StubException.notImplemented("7.02", "A token bucket per connection: bursts, refill, retry-after", "day7-capstone/README.md#rate-limits");
    }
}
