package dev.netlab.transport.rdt;

import java.time.Duration;

/**
 * Parameters of the reliable-delivery protocol.
 *
 * @param window segments in flight at most (sent, not yet acknowledged)
 * @param segmentPayload payload octets per DATA segment
 * @param initialRto the retransmission timeout before any RTT sample (RFC 6298 §2.1 says 1 s;
 *     a loopback lab uses less)
 * @param minRto the floor of the RTO (RFC 6298 §2.4 says SHOULD be 1 s, for the Internet;
 *     on loopback that would make every loss cost a second)
 * @param maxRto the ceiling of the RTO after backoff (RFC 6298 §2.5 allows ≥ 60 s)
 * @param maxRetransmissions how often one segment may be retransmitted before the sender gives up
 * @param linger how long the receiver keeps acknowledging after the stream ended with no
 *     datagram arriving (its final ACKs may be lost: like TCP's TIME-WAIT). It must be longer
 *     than {@code maxRto}: a sender in backoff retransmits only every RTO, and a receiver that
 *     stops listening sooner leaves it retransmitting into the void until it gives up.
 */
public record RdtConfig(int window, int segmentPayload, Duration initialRto, Duration minRto, Duration maxRto,
                        int maxRetransmissions, Duration linger) {
    public RdtConfig {
        if (window < 1 || segmentPayload < 1 || maxRetransmissions < 1) {
            throw new IllegalArgumentException("window, segmentPayload and maxRetransmissions must be positive");
        }
        if (minRto.compareTo(maxRto) > 0 || initialRto.isNegative()) {
            throw new IllegalArgumentException("need 0 <= initialRto and minRto <= maxRto");
        }
        if (linger.compareTo(maxRto) <= 0) {
            throw new IllegalArgumentException("linger (" + linger + ") must be longer than maxRto (" + maxRto
                    + "), or a backed-off sender outlives its receiver");
        }
    }

    /**
     * Loopback defaults: 64 segments of 1,200 octets in flight, RTO 200 ms initially, 50 ms to
     * 1 s, 30 retransmissions of one segment at most, 2 s of linger (twice the maximum RTO,
     * as TIME-WAIT is twice the maximum segment lifetime).
     */
    public static final RdtConfig LOOPBACK = new RdtConfig(64, 1200, Duration.ofMillis(200), Duration.ofMillis(50),
            Duration.ofSeconds(1), 30, Duration.ofSeconds(2));
}
