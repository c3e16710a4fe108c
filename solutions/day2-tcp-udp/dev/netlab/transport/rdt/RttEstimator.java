package dev.netlab.transport.rdt;

import java.time.Duration;

/** SRTT, RTTVAR and the RTO with backoff, as RFC 6298 computes them. */
public final class RttEstimator {
    /** G, the clock granularity (RFC 6298 §2). */
    private static final long GRANULARITY_NANOS = 1_000_000;
    /** K = 4 (RFC 6298 §2). */
    private static final int K = 4;

    private final long minRto;
    private final long maxRto;
    private long srtt = -1;     // nanoseconds; -1 until the first measurement
    private long rttvar = -1;
    private long rto;

    public RttEstimator(Duration initialRto, Duration minRto, Duration maxRto) {
        this.minRto = minRto.toNanos();
        this.maxRto = maxRto.toNanos();
        this.rto = clamp(initialRto.toNanos()); // §2.1
    }

    public void sample(Duration rtt) {
        long r = rtt.toNanos();
        if (srtt < 0) {
            // §2.2: SRTT <- R, RTTVAR <- R/2
            srtt = r;
            rttvar = r / 2;
        } else {
            // §2.3: RTTVAR <- (1 - 1/4) * RTTVAR + 1/4 * |SRTT - R'|, using the old SRTT; then
            //       SRTT <- (1 - 1/8) * SRTT + 1/8 * R'
            rttvar = rttvar - rttvar / 4 + Math.abs(srtt - r) / 4;
            srtt = srtt - srtt / 8 + r / 8;
        }
        // RTO <- SRTT + max(G, K * RTTVAR), §2.4 floor, §2.5 ceiling
        rto = clamp(srtt + Math.max(GRANULARITY_NANOS, K * rttvar));
    }

    public void backoff() {
        rto = clamp(rto * 2); // §5.5: "back off the timer"
    }

    private long clamp(long nanos) {
        return Math.min(maxRto, Math.max(minRto, nanos));
    }

    public Duration rto() {
        return Duration.ofNanos(rto);
    }

    public Duration srtt() {
        return srtt < 0 ? null : Duration.ofNanos(srtt);
    }

    public Duration rttvar() {
        return rttvar < 0 ? null : Duration.ofNanos(rttvar);
    }
}
