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
 *     datagram arriving (its final ACKs may be lost: like TCP's TIME-WAIT)
 */
public record RdtConfig(int window, int segmentPayload, Duration initialRto, Duration minRto, Duration maxRto,
                        int maxRetransmissions, Duration linger) {
    /**
     * Loopback defaults: 64 segments of 1,200 octets in flight, RTO 200 ms initially, 50 ms to
     * 2 s, 30 retransmissions of one segment at most, 300 ms of linger.
     */
    public static final RdtConfig LOOPBACK = new RdtConfig(64, 1200, Duration.ofMillis(200), Duration.ofMillis(50),
            Duration.ofSeconds(2), 30, Duration.ofMillis(300));
}
