package dev.netlab.transport.rdt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 2.11: SRTT, RTTVAR and the RTO of RFC 6298, with the exact figures of its formulas.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 8 mutants, 8 killed, no new row needed): RTTVAR updated from the new SRTT instead of
 * the old one (§2.3's order); RTTVAR = R instead of R/2 on the first sample; a first sample of 0
 * mistaken for "no sample yet" (so §2.2 runs again); G left out of max(G, K*RTTVAR); no 200 ms
 * floor (§2.4); no ceiling on backoff (§2.5); alpha and beta swapped (1/4 for SRTT, 1/8 for
 * RTTVAR); the initial RTO not used before the first sample (§2.1).
 */
@Checkpoint(id = "2.11", title = "RTT estimation and the retransmission timeout (RFC 6298)",
        edit = "dev/netlab/transport/rdt/RttEstimator.java",
        hint = "first sample: SRTT=R, RTTVAR=R/2; later: RTTVAR from the OLD SRTT first; RTO=SRTT+max(G,4*RTTVAR), clamped",
        readme = "#reliable-delivery-over-udp")
class RttEstimatorTest {
    private static Duration ms(long m) {
        return Duration.ofMillis(m);
    }

    private final RttEstimator rtt = new RttEstimator(Duration.ofSeconds(1), ms(200), Duration.ofSeconds(60));

    @Test
    @DisplayName("§2.1: before any measurement the RTO is the initial one, and SRTT/RTTVAR are unknown")
    void initial() {
        assertThat(rtt.rto()).isEqualTo(Duration.ofSeconds(1));
        assertThat(rtt.srtt()).isNull();
        assertThat(rtt.rttvar()).isNull();
    }

    @Test
    @DisplayName("§2.2: first sample 100 ms: SRTT 100, RTTVAR 50, RTO 100 + 4*50 = 300 ms")
    void firstSample() {
        rtt.sample(ms(100));
        assertThat(rtt.srtt()).isEqualTo(ms(100));
        assertThat(rtt.rttvar()).isEqualTo(ms(50));
        assertThat(rtt.rto()).isEqualTo(ms(300));
    }

    @Test
    @DisplayName("a first sample of 0 (a coarse clock on loopback) is a measurement like any other: SRTT 0, RTTVAR 0")
    void zeroSample() {
        rtt.sample(Duration.ZERO);
        assertThat(rtt.srtt()).isEqualTo(Duration.ZERO);
        assertThat(rtt.rttvar()).isEqualTo(Duration.ZERO);
        assertThat(rtt.rto()).as("SRTT + max(G, 0), raised to the 200 ms floor").isEqualTo(ms(200));
        rtt.sample(ms(80)); // §2.3, not §2.2 again: RTTVAR = 0 + 80/4 = 20, SRTT = 0 + 80/8 = 10
        assertThat(rtt.rttvar()).isEqualTo(ms(20));
        assertThat(rtt.srtt()).isEqualTo(ms(10));
    }

    @Test
    @DisplayName("§2.3: then 200 ms: RTTVAR = 3/4*50 + 1/4*|100-200| = 62.5 (old SRTT!), SRTT = 112.5, RTO = 362.5 ms")
    void secondSample() {
        rtt.sample(ms(100));
        rtt.sample(ms(200));
        assertThat(rtt.rttvar()).isEqualTo(Duration.ofNanos(62_500_000));
        assertThat(rtt.srtt()).isEqualTo(Duration.ofNanos(112_500_000));
        assertThat(rtt.rto()).isEqualTo(Duration.ofNanos(362_500_000));
    }

    @Test
    @DisplayName("steady 100 ms samples: RTTVAR shrinks, RTO converges down to the 200 ms floor (§2.4)")
    void converges() {
        for (int i = 0; i < 50; i++) {
            rtt.sample(ms(100));
        }
        assertThat(rtt.srtt()).isEqualTo(ms(100));
        assertThat(rtt.rto()).isEqualTo(ms(200));
    }

    @Test
    @DisplayName("G = 1 ms: with RTTVAR 0 the RTO is SRTT + 1 ms (above the floor)")
    void granularity() {
        RttEstimator r = new RttEstimator(Duration.ofSeconds(1), ms(1), Duration.ofSeconds(60));
        for (int i = 0; i < 200; i++) {
            r.sample(ms(40));
        }
        assertThat(r.rto()).isEqualTo(ms(41));
    }

    @Test
    @DisplayName("§5.5: each timeout doubles the RTO up to the maximum; the next sample recomputes it")
    void backoff() {
        rtt.sample(ms(100)); // RTO 300
        rtt.backoff();
        assertThat(rtt.rto()).isEqualTo(ms(600));
        rtt.backoff();
        assertThat(rtt.rto()).isEqualTo(ms(1200));
        for (int i = 0; i < 10; i++) {
            rtt.backoff();
        }
        assertThat(rtt.rto()).as("capped").isEqualTo(Duration.ofSeconds(60));
        rtt.sample(ms(100)); // RTTVAR 3/4*50 + 0 = 37.5, SRTT 100: RTO 250
        assertThat(rtt.rto()).isEqualTo(ms(250));
    }
}
