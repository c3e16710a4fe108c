package dev.netlab.kit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.StubException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class FuzzRuleTest {
    private final FuzzRule rule = FuzzRule.allowing("Decoder", IOException.class);

    @Test
    @DisplayName("returning, or throwing the protocol's typed error, passes")
    void typedErrorPasses() {
        assertThatCode(() -> rule.check(new byte[3], () -> { })).doesNotThrowAnyException();
        assertThatCode(() -> rule.check(new byte[3], () -> {
            throw new IOException("malformed");
        })).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("any other exception is a finding that names it and the allowed type")
    void otherExceptionIsAFinding() {
        assertThatThrownBy(() -> rule.check(new byte[3], () -> {
            throw new ArrayIndexOutOfBoundsException("Index 3 out of bounds for length 3");
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Decoder let java.lang.ArrayIndexOutOfBoundsException escape: Index 3")
                .hasMessageContaining("only IOException may leave it")
                .hasCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    @Test
    @DisplayName("an error (a stack overflow) is a finding too")
    void errorIsAFinding() {
        assertThatThrownBy(() -> rule.check(new byte[1], () -> {
            throw new StackOverflowError();
        })).isInstanceOf(AssertionError.class).hasMessageContaining("StackOverflowError");
    }

    @Test
    @DisplayName("the target's own AssertionError (a differential verdict) comes out as it is")
    void ownAssertionPassesThrough() {
        assertThatThrownBy(() -> rule.check(new byte[1], () -> {
            throw new AssertionError("pcap4j accepts it, the decoder does not");
        })).isInstanceOf(AssertionError.class).hasMessage("pcap4j accepts it, the decoder does not");
    }

    @Test
    @DisplayName("a stub fails the first input with its own message, then skips the others with it")
    void stubFailsOnceThenSkips() {
        FuzzRule fresh = FuzzRule.allowing("Decoder", IOException.class);
        StubException stub = StubException.notImplemented("9.01", "a decoder", "day9/README.md#x");
        assertThatThrownBy(() -> fresh.check(new byte[1], () -> {
            throw stub;
        })).isSameAs(stub);
        assertThatThrownBy(() -> fresh.check(new byte[1], () -> {
            throw stub;
        })).isInstanceOf(TestAbortedException.class).hasMessageContaining("not implemented yet: checkpoint 9.01");
    }

    @Test
    @DisplayName("an input that does not return within the time limit is a finding, with the stuck stack")
    void hangIsAFinding() {
        FuzzRule quick = rule.timeLimit(Duration.ofMillis(300));
        assertThatThrownBy(() -> quick.check(new byte[1], () -> Thread.sleep(3_000)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Decoder did not return within 300 ms")
                .satisfies(e -> assertThat(e.getStackTrace()).anySatisfy(
                        f -> assertThat(f.getMethodName()).isEqualTo("sleep")));
    }

    @Test
    @DisplayName("an allocation sized by a claimed length, not by the input, is a finding")
    void allocationOverBudgetIsAFinding() {
        FuzzRule tight = rule.allocationLimit(64 * 1024, 16);
        assertThatCode(() -> tight.check(new byte[100], () -> sink(new byte[10_000]))).doesNotThrowAnyException();
        assertThatThrownBy(() -> tight.check(new byte[100], () -> sink(new byte[4 << 20])))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Decoder allocated")
                .hasMessageContaining("for an input of 100 octets (budget " + (64 * 1024 + 1600) + ")");
    }

    @Test
    @DisplayName("what a second opinion (pcap4j, another decoder) allocates is not charged to the decoder")
    void secondOpinionIsNotCharged() {
        FuzzRule tight = rule.allocationLimit(64 * 1024, 16);
        assertThatCode(() -> tight.check(new byte[100], () -> {
            sink(new byte[10_000]);
            sink(FuzzRule.secondOpinion(() -> new byte[4 << 20]));
        })).doesNotThrowAnyException();
        // nested second opinions are subtracted once: the decoder's own 4 MiB are still seen
        assertThatThrownBy(() -> tight.check(new byte[100], () -> {
            sink(FuzzRule.secondOpinion(() -> FuzzRule.secondOpinion(() -> new byte[4 << 20])));
            sink(new byte[4 << 20]);
        })).isInstanceOf(AssertionError.class).hasMessageContaining("Decoder allocated");
        // its exceptions pass through as they are, and are judged like the body's
        assertThatThrownBy(() -> tight.check(new byte[100], () -> FuzzRule.secondOpinion(() -> {
            throw new IllegalStateException("pcap4j fell over");
        }))).isInstanceOf(AssertionError.class).hasMessageContaining("Decoder let java.lang.IllegalStateException escape");
        // outside a check it just runs
        assertThat(FuzzRule.secondOpinion(() -> "opinion")).isEqualTo("opinion");
    }

    @Test
    @DisplayName("the budget is base + per octet of the input, whatever the input claims")
    void budgetScalesWithTheInput() {
        FuzzRule tight = rule.allocationLimit(64 * 1024, 64);
        // 1 MiB of input: 64 KiB + 64 MiB of budget; a decoder copying the input a few times is fine
        byte[] big = new byte[1 << 20];
        assertThatCode(() -> tight.check(big, () -> {
            for (int i = 0; i < 8; i++) {
                sink(big.clone());
            }
        })).doesNotThrowAnyException();
        assertThatThrownBy(() -> tight.check(new byte[16], () -> sink(new byte[1 << 20])))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("for an input of 16 octets (budget " + (64 * 1024 + 16 * 64) + ")");
    }

    private static volatile byte[] kept;

    private static void sink(byte[] b) {
        kept = b;
    }

    @Test
    @DisplayName("inputs live where Jazzer looks for them; the reproduction command runs them again")
    void pathsAndCommand() {
        assertThat(FuzzRule.inputsDirectory(Path.of("day3-http11"), FuzzRuleTest.class, "parse"))
                .isEqualTo(Path.of("day3-http11/src/test/resources/dev/netlab/kit/fuzz/FuzzRuleTestInputs/parse"));
        assertThat(FuzzRule.reproductionCommand("day3-http11", "exercises", FuzzRuleTest.class, "parse"))
                .isEqualTo("./mvnw -pl day3-http11 test -Dtest='FuzzRuleTest#parse'");
        assertThat(FuzzRule.reproductionCommand("day3-http11", "solutions", FuzzRuleTest.class, "parse"))
                .isEqualTo("./mvnw -pl day3-http11 -Psolutions test -Dtest='FuzzRuleTest#parse'");
    }
}
