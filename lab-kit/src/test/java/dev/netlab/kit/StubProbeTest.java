package dev.netlab.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StubProbeTest {
    @Test
    @DisplayName("a stub reached by the probe, even wrapped, fails at once with that stub exception")
    void stubFailsAtOnce() {
        StubException stub = StubException.notImplemented("9.01", "a stub", "day9-sample/README.md#stub");
        assertThatThrownBy(() -> StubProbe.failIfStub(Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("wrapped", stub);
        })).isSameAs(stub);
    }

    @Test
    @DisplayName("code that runs, fails otherwise or takes too long is left to the test")
    void anythingElseIsLeftToTheTest() {
        assertThatCode(() -> StubProbe.failIfStub(Duration.ofSeconds(5), () -> {})).doesNotThrowAnyException();
        assertThatCode(() -> StubProbe.failIfStub(Duration.ofSeconds(5), () -> {
            throw new java.io.IOException("port in use");
        })).doesNotThrowAnyException();
        long start = System.nanoTime();
        assertThatCode(() -> StubProbe.failIfStub(Duration.ofMillis(100), () -> Thread.sleep(10_000))).doesNotThrowAnyException();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
