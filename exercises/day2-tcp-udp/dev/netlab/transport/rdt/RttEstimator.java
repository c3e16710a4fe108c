package dev.netlab.transport.rdt;

import dev.netlab.kit.StubException;
import java.time.Duration;

/**
 * The retransmission timer's estimate of the round-trip time, exactly as RFC 6298 computes
 * TCP's (with the lab's own initial, minimum and maximum RTO).
 *
 * <p>Your job:
 * <pre>
 *   RFC 6298 §2.1: until a measurement is made, RTO = initialRto.
 *   §2.2: the first measurement R:   SRTT = R,  RTTVAR = R/2,  RTO = SRTT + max(G, K*RTTVAR), K = 4
 *   §2.3: each later measurement R': RTTVAR = (1 - beta) * RTTVAR + beta * |SRTT - R'|   (beta = 1/4)
 *                                   SRTT   = (1 - alpha) * SRTT + alpha * R'            (alpha = 1/8)
 *                                   (RTTVAR first, with the old SRTT), then RTO as above
 *   §2.4: RTO below minRto is rounded up to minRto.   §2.5: a maximum may be placed on it.
 *   §5.5: on a timeout, back off: RTO = RTO * 2 (up to maxRto). The next measurement
 *         recomputes RTO from SRTT and RTTVAR, which undoes the backoff.
 * </pre>
 * Use G (the clock granularity) = 1 ms and compute in nanoseconds. Karn's rule (§3: no
 * sample from a retransmitted segment) is the caller's job: only call
 * {@link #sample(Duration)} for segments sent once.
 */
public final class RttEstimator {
    public RttEstimator(Duration initialRto, Duration minRto, Duration maxRto) {
    }

    /** Takes one round-trip measurement (RFC 6298 §2.2, §2.3). */
    public void sample(Duration rtt) {
        throw StubException.notImplemented("2.11", "RTT estimation (RFC 6298)", "day2-tcp-udp/README.md#reliable-delivery-over-udp");
    }

    /** A retransmission timer expired: double the RTO, up to the maximum (RFC 6298 §5.5). */
    public void backoff() {
        throw StubException.notImplemented("2.11", "RTT estimation (RFC 6298)", "day2-tcp-udp/README.md#reliable-delivery-over-udp");
    }

    /** The current retransmission timeout. */
    public Duration rto() {
        throw StubException.notImplemented("2.11", "RTT estimation (RFC 6298)", "day2-tcp-udp/README.md#reliable-delivery-over-udp");
    }

    /** The smoothed RTT, or null before the first sample. */
    public Duration srtt() {
        throw StubException.notImplemented("2.11", "RTT estimation (RFC 6298)", "day2-tcp-udp/README.md#reliable-delivery-over-udp");
    }

    /** The RTT variation, or null before the first sample. */
    public Duration rttvar() {
        throw StubException.notImplemented("2.11", "RTT estimation (RFC 6298)", "day2-tcp-udp/README.md#reliable-delivery-over-udp");
    }
}
