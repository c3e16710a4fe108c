package dev.netlab.chat.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.StubException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The start-up check (given), on probes made here, so it behaves the same on both tracks:
 * stubs are collected once per checkpoint and named with their day, other failures are not
 * its business, and the message ends with the exact commands that swap in those days'
 * references.
 */
class ReadinessTest {
    private static Readiness.Probe stub(String id) {
        return new Readiness.Probe("probe " + id, () -> {
            throw StubException.notImplemented(id, "title " + id, "somewhere/README.md#x");
        });
    }

    @Test
    @DisplayName("stubs are collected per checkpoint, in id order, with the module of their day")
    void collects() {
        List<Readiness.Missing> missing = Readiness.check(List.of(stub("7.03"), stub("3.05"), stub("7.03"), stub("6.02"),
                new Readiness.Probe("fine", () -> { }),
                new Readiness.Probe("a bug, not a stub", () -> {
                    throw new IllegalStateException("boom");
                })));
        assertThat(missing).extracting(Readiness.Missing::checkpoint).containsExactly("3.05", "6.02", "7.03");
        assertThat(missing).extracting(Readiness.Missing::module).containsExactly("day3-http11", "day6-websocket", "day7-capstone");
        assertThat(missing.get(0).message()).isEqualTo("not implemented yet: checkpoint 3.05 title 3.05 — see somewhere/README.md#x");
        assertThat(Readiness.check(List.of(new Readiness.Probe("fine", () -> { })))).isEmpty();
    }

    @Test
    @DisplayName("for tests: the stub of the lowest checkpoint is thrown as it was (message, class); none, nothing thrown")
    void throwsTheFirstStub() {
        assertThatThrownBy(() -> Readiness.throwFirstStub(List.of(stub("7.03"), new Readiness.Probe("a bug, not a stub", () -> {
            throw new IllegalStateException("boom");
        }), stub("3.05"), stub("6.02")))).isInstanceOf(StubException.class)
                .hasMessage("not implemented yet: checkpoint 3.05 title 3.05 — see somewhere/README.md#x");
        assertThatCode(() -> Readiness.throwFirstStub(List.of(new Readiness.Probe("fine", () -> { })))).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("the message names each checkpoint and ends with the ./lab and ./mvnw commands for exactly those days")
    void explains() {
        String text = Readiness.explain(Readiness.check(List.of(stub("4.07"), stub("3.08"), stub("3.02"))), "day7-capstone", "chat");
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("cannot start: it runs on code that is still a stub");
        assertThat(lines.get(1)).startsWith("  3.02  day3-http11").endsWith("not implemented yet: checkpoint 3.02 title 3.02 — see somewhere/README.md#x");
        assertThat(lines.get(2)).startsWith("  3.08  day3-http11");
        assertThat(lines.get(3)).startsWith("  4.07  day4-tls");
        assertThat(lines).contains("  ./lab run day7-capstone chat --reference day3-http11,day4-tls",
                "  ./mvnw -q -pl day7-capstone compile exec:java -Dlab.reference.day3-http11 -Dlab.reference.day4-tls -Dexec.args=chat");
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
