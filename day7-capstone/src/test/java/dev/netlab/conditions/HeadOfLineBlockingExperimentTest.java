package dev.netlab.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 over 6 connections against HTTP/2 over one, at CI size (3 loads each instead of
 * the lesson's 10): the direction. {@code ./lab run day7-capstone experiment -- hol} prints the
 * table. nginx serves both, h2load loads the page.
 */
@org.junit.jupiter.api.Tag(dev.netlab.kit.FastTest.EXPERIMENT) // runs none of the learner's code: ./lab test's whole-day run leaves it to Maven
class HeadOfLineBlockingExperimentTest {
    @Test
    @DisplayName("80 ms RTT, 20 Mbit/s, 100 × 10 KiB: HTTP/2 wins without loss; at 2 % loss its one connection loses the lead")
    void oneConnectionUnderLoss() throws Exception {
        Duration rtt = Duration.ofMillis(80);
        List<Experiments.PageLoad> clean = Experiments.pageLoads(0, rtt, 20_000_000, 100, 10 * 1024, 3, 17);
        List<Experiments.PageLoad> lossy = Experiments.pageLoads(2, rtt, 20_000_000, 100, 10 * 1024, 3, 17);
        double ratioClean = clean.get(1).median() / clean.get(0).median();
        double ratioLossy = lossy.get(1).median() / lossy.get(0).median();
        System.out.printf("0%% loss: HTTP/1.1 %s, HTTP/2 %s -> %.2f; 2%% loss: HTTP/1.1 %s, HTTP/2 %s -> %.2f%n",
                clean.get(0).millis(), clean.get(1).millis(), ratioClean, lossy.get(0).millis(), lossy.get(1).millis(), ratioLossy);
        assertThat(ratioClean).as("without loss HTTP/2's one connection needs fewer round trips").isLessThan(0.8);
        assertThat(ratioLossy).as("with loss every lost packet stalls all of HTTP/2's streams, and its one window")
                .isGreaterThan(ratioClean * 1.3);
    }
}
