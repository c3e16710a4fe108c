package dev.netlab.http2.server;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import java.util.function.LongSupplier;

/**
 * Counts what a client makes the server do for nothing, per window of time (RFC 9113 §10.5:
 * "An endpoint ... MUST limit the resources that a peer can use"): streams it resets
 * (rapid reset, CVE-2023-44487), and control frames — SETTINGS, PING, PRIORITY, RST_STREAM,
 * empty DATA and CONTINUATION — that cost work and carry nothing. Past a limit: a connection
 * error ENHANCE_YOUR_CALM. Time is read from a clock given to it (the server's
 * {@link ServerSettings#floodClock()}), so a test can end a window without waiting for it.
 */
final class FloodGuard {
    private final long windowNanos;
    private final int maxResets;
    private final int maxControl;
    private final LongSupplier clock;
    private long windowStart;
    private int resets;
    private int control;

    FloodGuard(long windowNanos, int maxResets, int maxControl, LongSupplier clock) {
        this.windowNanos = windowNanos;
        this.maxResets = maxResets;
        this.maxControl = maxControl;
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    void reset() throws Http2Exception {
        roll();
        if (++resets > maxResets) {
            throw Http2Exception.connectionError(ErrorCode.ENHANCE_YOUR_CALM,
                    "more than %d streams reset by the client in %d s (rapid reset)", maxResets, windowNanos / 1_000_000_000L);
        }
    }

    void control(String what) throws Http2Exception {
        roll();
        if (++control > maxControl) {
            throw Http2Exception.connectionError(ErrorCode.ENHANCE_YOUR_CALM,
                    "more than %d control frames in %d s (a flood, the last %s)", maxControl, windowNanos / 1_000_000_000L, what);
        }
    }

    private void roll() {
        long now = clock.getAsLong();
        if (now - windowStart > windowNanos) {
            windowStart = now;
            resets = 0;
            control = 0;
        }
    }
}
