package dev.netlab.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StubSurveyTest {
    private static StubProbe.Probe stub(String id) {
        StubException e = StubException.notImplemented(id, "stub " + id, "day9-sample/README.md#stub");
        return () -> {
            throw e;
        };
    }

    @Test
    @DisplayName("each checkpoint is named once, by id, whatever the probes' order; other failures are not stubs")
    void namesEachCheckpointOnce() {
        StubSurvey survey = StubSurvey.of(List.of(stub("9.03"), () -> { }, stub("9.01"), stub("9.03"),
                () -> {
                    throw new IllegalStateException("a bug, not a stub");
                },
                () -> {
                    throw new NoClassDefFoundError("dev/netlab/Missing");
                }));
        assertThat(survey.missing()).isEqualTo("checkpoints 9.01, 9.03");
        assertThat(survey.byCheckpoint()).containsOnlyKeys("9.01", "9.03");
        assertThat(survey.stubs()).extracting(StubException::checkpoint).containsExactly("9.03", "9.01", "9.03");
        assertThat(StubSurvey.of(List.of(stub("9.02"))).missing()).isEqualTo("checkpoint 9.02");
    }

    @Test
    @DisplayName("the first stub in the probes' order is thrown; nothing when none is a stub")
    void throwsTheFirst() {
        StubProbe.Probe later = stub("9.01");
        StubProbe.Probe first = stub("9.04");
        StubException thrown = StubSurvey.of(List.of(() -> { }, first, later)).stubs().get(0);
        assertThatThrownBy(() -> StubSurvey.of(List.of(() -> { }, first, later)).throwFirst())
                .isInstanceOf(StubException.class)
                .isSameAs(thrown);
        StubSurvey none = StubSurvey.of(List.of(() -> { }, () -> {
            throw new java.io.IOException("not a stub");
        }));
        assertThat(none.missing()).isNull();
        assertThat(none.stubs()).isEmpty();
        assertThatCode(none::throwFirst).doesNotThrowAnyException();
    }
}
