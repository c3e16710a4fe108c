package dev.netlab.chat.limit;

/**
 * A token bucket: at most {@code burst} tokens, refilled at {@code ratePerSecond}; every
 * chat message takes one. A connection that talks at the rate never waits; one that was quiet
 * may send {@code burst} at once; one that floods is told how long to wait.
 *
 * <pre>
 *   tokens
 *   burst ┤████▇▆▅▄▃▂▁ ▁▂▃▄▅▆▇████
 *         │           ▲ empty: refused, "retry in 1/rate - (time since the last token)"
 *       0 ┼────────────────────────► time
 * </pre>
 *
 * <p>Kept in integer nanoseconds, as the time at which the bucket will be full again
 * (the "theoretical arrival time" of the GCRA, ITU-T I.371): taking a token moves it one
 * token's worth ({@code 1e9 / rate} ns) later; a token is there while that time is at most
 * {@code (burst - 1)} tokens' worth ahead of now. No floating-point drift, no refill loop.
 * Not thread-safe: one bucket per connection, used by its reader.
 */
public final class TokenBucket {
    private final long nanosPerToken;
    private final long burstNanos;
    /** When the bucket is full again; at or before now means full. */
    private long fullAt;

    /** A full bucket at {@code nowNanos} (a {@link System#nanoTime()} reading). */
    public TokenBucket(double ratePerSecond, int burst, long nowNanos) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.nanosPerToken = Math.max(1, Math.round(1e9 / ratePerSecond));
        this.burstNanos = nanosPerToken * burst;
        this.fullAt = nowNanos;
    }

    /**
     * Takes a token at {@code nowNanos}: 0 when taken; otherwise nothing is taken and the
     * result is how many nanoseconds until one will be there (at least 1).
     */
    public long tryTake(long nowNanos) {
        // a bucket that was full long ago is just full: never more than burst tokens
        long from = fullAt - nowNanos > 0 ? fullAt : nowNanos;
        long next = from + nanosPerToken;
        long ahead = next - nowNanos; // how far past "full now" taking this token would put us
        if (ahead > burstNanos) {
            return ahead - burstNanos;
        }
        fullAt = next;
        return 0;
    }

    /** Whole tokens there at {@code nowNanos}, without taking one. */
    public int available(long nowNanos) {
        long ahead = fullAt - nowNanos;
        if (ahead <= 0) {
            return (int) (burstNanos / nanosPerToken);
        }
        return (int) ((burstNanos - ahead) / nanosPerToken);
    }
}
