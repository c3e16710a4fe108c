package dev.netlab.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bandwidth-delay product experiment at CI size: its direction. {@code ./lab run
 * day7-capstone experiment -- buffer} prints the table.
 */
@org.junit.jupiter.api.Tag(dev.netlab.kit.FastTest.EXPERIMENT) // runs none of the learner's code: ./lab test's whole-day run leaves it to Maven
class ReceiveBufferExperimentTest {
    @Test
    @DisplayName("100 Mbit/s × 40 ms = 488 KiB in flight: a 64 KiB receive buffer caps goodput under buffer/RTT; 4 MiB does not")
    void bufferBelowTheBdp() throws Exception {
        Duration rtt = Duration.ofMillis(40);
        Experiments.BufferRun small = Experiments.receiveBuffer(64 * 1024, rtt, 100_000_000, 3);
        Experiments.BufferRun large = Experiments.receiveBuffer(4096 * 1024, rtt, 100_000_000, 3);
        System.out.printf("tcp_rmem max 64 KiB: %.1f Mbit/s (buffer/RTT %.1f); 4 MiB: %.1f Mbit/s%n",
                small.goodputMbits(), small.windowLimitMbits(), large.goodputMbits());
        assertThat(small.goodputMbits()).as("the window cannot exceed the buffer: goodput <= buffer / RTT")
                .isLessThanOrEqualTo(small.windowLimitMbits());
        assertThat(large.goodputMbits()).as("a buffer above the BDP").isGreaterThan(3 * small.goodputMbits());
    }
}
