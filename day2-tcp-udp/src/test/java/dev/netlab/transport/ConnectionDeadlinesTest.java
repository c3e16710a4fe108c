package dev.netlab.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint 2.08. Deterministic: the test owns the clock. Idle 30 s, request 10 s, write 5 s.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 8 mutants, 8 killed, no new row needed): every byte pushing the request deadline
 * back (slowloris lives forever); a deadline expiring one tick late ({@code isBefore(now)}
 * instead of "at or before"); the idle deadline running while a request is read, or while a
 * response is written; idle not restarted when a request completes; the request deadline not
 * cleared when it completes; the write deadline not cleared when the write completes; the first
 * kind in declaration order reported instead of the deadline that passed first.
 */
@Checkpoint(id = "2.08", title = "Idle, whole-request and write deadlines (deterministic)",
        edit = "dev/netlab/transport/ConnectionDeadlines.java",
        hint = "the request deadline is fixed at the request's first byte; idle counts only between requests",
        readme = "#timeouts-and-slow-clients")
class ConnectionDeadlinesTest {
    private final ManualClock clock = ManualClock.start();
    private final ConnectionDeadlines deadlines = new ConnectionDeadlines(clock,
            Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5));

    private void advance(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    @Test
    @DisplayName("a silent connection expires IDLE after exactly 30 s")
    void idle() {
        assertThat(deadlines.remaining()).isEqualTo(Duration.ofSeconds(30));
        advance(29);
        assertThat(deadlines.expired()).isEmpty();
        assertThat(deadlines.remaining()).isEqualTo(Duration.ofSeconds(1));
        advance(1);
        assertThat(deadlines.expired()).contains(TimeoutKind.IDLE);
        assertThat(deadlines.remaining()).isZero();
    }

    @Test
    @DisplayName("slowloris: a byte every second cannot stretch the 10 s request deadline")
    void slowloris() {
        advance(3);
        for (int i = 0; i < 9; i++) {
            deadlines.readProgress(); // first byte at t=3: the request is due at t=13
            advance(1);
            assertThat(deadlines.expired()).as("at t=" + (4 + i)).isEmpty();
        }
        assertThat(deadlines.remaining()).isEqualTo(Duration.ofSeconds(1));
        deadlines.readProgress();
        advance(1);
        assertThat(deadlines.expired()).as("t=13").contains(TimeoutKind.REQUEST);
    }

    @Test
    @DisplayName("no IDLE expiry while a request is being read; idle restarts when it completes")
    void idleOnlyBetweenRequests() {
        advance(25);
        deadlines.readProgress();
        advance(9); // t=34: past the idle timeout of the start, within the request deadline
        assertThat(deadlines.expired()).isEmpty();
        deadlines.requestComplete();
        advance(29);
        assertThat(deadlines.expired()).isEmpty();
        advance(1);
        assertThat(deadlines.expired()).contains(TimeoutKind.IDLE);
    }

    @Test
    @DisplayName("back-to-back requests each get their own 10 s")
    void eachRequestItsOwnDeadline() {
        for (int r = 0; r < 5; r++) {
            deadlines.readProgress();
            advance(8);
            assertThat(deadlines.expired()).as("request " + r).isEmpty();
            deadlines.requestComplete();
        }
    }

    @Test
    @DisplayName("a write not finished within 5 s expires WRITE; a finished one clears it")
    void writeDeadline() {
        deadlines.writeStarted();
        advance(4);
        deadlines.writeComplete();
        advance(4);
        assertThat(deadlines.expired()).isEmpty();
        deadlines.writeStarted();
        assertThat(deadlines.remaining()).isEqualTo(Duration.ofSeconds(5));
        advance(5);
        assertThat(deadlines.expired()).contains(TimeoutKind.WRITE);
    }

    @Test
    @DisplayName("a write longer than the idle timeout is not IDLE (only its own deadline applies)")
    void noIdleWhileWriting() {
        ConnectionDeadlines d = new ConnectionDeadlines(clock, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(5));
        d.writeStarted();
        clock.advance(Duration.ofSeconds(4));
        assertThat(d.expired()).isEmpty();
        d.writeComplete();
        clock.advance(Duration.ofSeconds(2));
        assertThat(d.expired()).contains(TimeoutKind.IDLE);
    }

    @Test
    @DisplayName("when several deadlines have passed, the one that passed first is reported")
    void earliestWins() {
        deadlines.readProgress();       // request due at t=10
        advance(2);
        deadlines.writeStarted();       // write due at t=7
        advance(20);
        assertThat(deadlines.expired()).contains(TimeoutKind.WRITE);
    }
}
