package dev.netlab.chat.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bucketed histogram behind {@code /metrics} and the bench's own quantile lines: given code, but
 * the numbers a performance verdict rests on. Mistakes it catches: a duration on a bound counted in
 * the bucket above (Prometheus's {@code le} is "less or equal"), a quantile's rank rounded down, a
 * share over a line that counts the line's own bucket.
 */
class LatencyHistogramTest {
    private static long ms(double millis) {
        return (long) (millis * TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Test
    @DisplayName("Prometheus buckets are cumulative and \"le\": a duration equal to a bound counts in that bound's bucket")
    void bucketsAreCumulativeAndInclusive() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(ms(10)); // exactly the 0.01 bound
        h.record(ms(10.001));
        h.record(ms(7000)); // above every bound: +Inf only
        StringBuilder out = new StringBuilder();
        h.writeTo(out, "x");
        assertThat(out.toString())
                .contains("x_bucket{le=\"0.005\"} 0\n")
                .contains("x_bucket{le=\"0.01\"} 1\n")
                .contains("x_bucket{le=\"0.025\"} 2\n")
                .contains("x_bucket{le=\"5\"} 2\n")
                .contains("x_bucket{le=\"+Inf\"} 3\n")
                .contains("x_count 3\n");
    }

    @Test
    @DisplayName("A quantile is the upper bound of the bucket its rank falls in (rank = ceil(q × n))")
    void quantileUpperBound() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.quantileUpperBound(0.5)).isNaN();
        for (int i = 0; i < 98; i++) {
            h.record(ms(1.5)); // the 2.5 ms bucket
        }
        h.record(ms(30)); // the 50 ms bucket
        h.record(ms(30));
        assertThat(h.quantileUpperBound(0.5)).isEqualTo(0.0025);
        assertThat(h.quantileUpperBound(0.98)).isEqualTo(0.0025); // rank 98: still the first bucket
        assertThat(h.quantileUpperBound(0.981)).isEqualTo(0.05); // rank 99
        assertThat(h.quantileUpperBound(0.99)).isEqualTo(0.05);
    }

    @Test
    @DisplayName("The share over a line counts only the buckets above it; a line that is no bound is refused")
    void shareAbove() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.shareAbove(0.025)).isNaN();
        for (int i = 0; i < 96; i++) {
            h.record(ms(2));
        }
        h.record(ms(25)); // on the line: not over it
        h.record(ms(26));
        h.record(ms(60));
        h.record(ms(9000));
        assertThat(h.shareAbove(0.025)).isEqualTo(0.03);
        assertThat(h.shareAbove(0.05)).isEqualTo(0.02);
        assertThat(h.shareAbove(0.01)).isEqualTo(0.04);
        assertThatThrownBy(() -> h.shareAbove(0.03)).isInstanceOf(IllegalArgumentException.class);
    }
}
