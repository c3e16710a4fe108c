package dev.netlab.chat.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.netlab.kit.Checkpoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The token bucket on a played clock (nanoTime readings passed in). Mistakes it catches (each
 * checked once with a hand-made mutant of the reference): a bucket that starts empty; refill
 * that overshoots {@code burst} after a quiet spell; a refused take that still consumes (or
 * moves the refill time); retry-after off by a token or zero; refill in whole tokens only
 * (half a token's wait is lost); drift from floating-point accumulation over an hour; time
 * compared with {@code <} instead of by difference, which breaks where {@code nanoTime} wraps
 * past {@code Long.MAX_VALUE}. Beside a PIT run (issue 19: its two survivors are equivalent,
 * {@code >} for {@code >=} where both sides are then equal), by hand: the rate cut to a whole
 * number before dividing, {@code 1_000_000_000L / (long) rate} (0.5 per second then divides by
 * zero; 2.5 would give a token every 500 ms) ({@code fractionalRates}).
 */
@Checkpoint(id = "7.02", title = "A token bucket per connection: bursts, refill, retry-after",
        edit = "dev/netlab/chat/limit/TokenBucket.java",
        hint = "keep nanosPerToken and the time the bucket is full again; a take moves that time one token later if it stays within burst tokens of now",
        readme = "#rate-limits")
class TokenBucketTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Test
    @DisplayName("a new bucket is full: burst takes at once, then the next waits exactly one token's time")
    void burstThenWait() {
        TokenBucket b = new TokenBucket(5, 20, 0);
        assertThat(b.available(0)).isEqualTo(20);
        for (int i = 0; i < 20; i++) {
            assertThat(b.tryTake(0)).as("take %d", i + 1).isZero();
        }
        assertThat(b.available(0)).isZero();
        assertThat(b.tryTake(0)).isCloseTo(200 * MS, within(1_000L));
        assertThat(b.tryTake(150 * MS)).isCloseTo(50 * MS, within(1_000L));
        assertThat(b.tryTake(200 * MS)).isZero();
        assertThat(b.tryTake(200 * MS)).isCloseTo(200 * MS, within(1_000L));
    }

    @Test
    @DisplayName("a refused take takes nothing: asking again and again does not push the next token back")
    void refusalIsFree() {
        TokenBucket b = new TokenBucket(10, 1, 0);
        assertThat(b.tryTake(0)).isZero();
        for (int i = 1; i < 100; i++) {
            assertThat(b.tryTake(i * MS)).isCloseTo(100 * MS - i * MS, within(1_000L));
        }
        assertThat(b.tryTake(100 * MS)).isZero();
    }

    @Test
    @DisplayName("refill is continuous but only whole tokens count; never above burst however long the quiet")
    void refill() {
        TokenBucket b = new TokenBucket(2, 4, 0);
        for (int i = 0; i < 4; i++) {
            b.tryTake(0);
        }
        assertThat(b.available(250 * MS)).as("half a token").isZero();
        assertThat(b.tryTake(250 * MS)).isCloseTo(250 * MS, within(1_000L));
        assertThat(b.available(750 * MS)).as("one and a half tokens").isEqualTo(1);
        assertThat(b.tryTake(750 * MS)).isZero();
        assertThat(b.available(750 * MS)).isZero();
        assertThat(b.available(1250 * MS)).isEqualTo(1);
        long hourLater = 3600 * SECOND;
        assertThat(b.available(hourLater)).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(b.tryTake(hourLater)).isZero();
        }
        assertThat(b.tryTake(hourLater)).isPositive();
    }

    @Test
    @DisplayName("no drift: at 5 per second for an hour, 18,000 messages plus the burst, not one more")
    void noDriftOverAnHour() {
        TokenBucket b = new TokenBucket(5, 20, 0);
        long taken = 0;
        for (long t = 0; t <= 3600 * SECOND; t += MS) {
            while (b.tryTake(t) == 0) {
                taken++;
            }
        }
        assertThat(taken).isEqualTo(18_000 + 20);
    }

    @Test
    @DisplayName("a rate that is no whole number of nanoseconds per token (3 per second) stays within one token an hour")
    void oddRate() {
        TokenBucket b = new TokenBucket(3, 3, 0);
        long taken = 0;
        for (long t = 0; t <= 3600 * SECOND; t += 10 * MS) {
            while (b.tryTake(t) == 0) {
                taken++;
            }
        }
        assertThat(taken).isBetween(10_802L, 10_804L);
    }

    @Test
    @DisplayName("time is compared by difference: the bucket keeps working where nanoTime wraps past Long.MAX_VALUE")
    void nanoTimeWraps() {
        long start = Long.MAX_VALUE - 500 * MS;
        TokenBucket b = new TokenBucket(10, 2, start);
        assertThat(b.tryTake(start)).isZero();
        assertThat(b.tryTake(start)).isZero();
        assertThat(b.tryTake(start)).isCloseTo(100 * MS, within(1_000L));
        long later = start + SECOND; // wrapped: a negative number now
        assertThat(later).isNegative();
        assertThat(b.available(later)).isEqualTo(2);
        assertThat(b.tryTake(later)).isZero();
        assertThat(b.tryTake(later)).isZero();
        assertThat(b.tryTake(later)).isCloseTo(100 * MS, within(1_000L));
    }

    @Test
    @DisplayName("the rate need not be whole (--rate takes a decimal): 0.5 per second is a token every 2 s, 2.5 per second one every 400 ms")
    void fractionalRates() {
        TokenBucket slow = new TokenBucket(0.5, 1, 0);
        assertThat(slow.tryTake(0)).isZero();
        assertThat(slow.tryTake(SECOND)).isCloseTo(SECOND, within(1_000L));
        assertThat(slow.tryTake(2 * SECOND)).isZero();
        TokenBucket b = new TokenBucket(2.5, 2, 0);
        assertThat(b.tryTake(0)).isZero();
        assertThat(b.tryTake(0)).isZero();
        assertThat(b.tryTake(0)).isCloseTo(400 * MS, within(1_000L));
        assertThat(b.available(800 * MS)).isEqualTo(2);
        assertThat(b.available(799 * MS)).isEqualTo(1);
    }

    @Test
    @DisplayName("a burst of one is a strict rate: one message per 1/rate")
    void burstOfOne() {
        TokenBucket b = new TokenBucket(1, 1, 7 * SECOND);
        assertThat(b.tryTake(7 * SECOND)).isZero();
        assertThat(b.tryTake(7 * SECOND + 1)).isCloseTo(SECOND - 1, within(1_000L));
        assertThat(b.tryTake(8 * SECOND)).isZero();
    }

    @Test
    @DisplayName("a rate of 0 or less, or a burst below 1, is refused")
    void invalidArguments() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(-1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(Double.NaN, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
