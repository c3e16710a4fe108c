package dev.netlab.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnerCodeTest {
    @Test
    @DisplayName("the top frame in exercise code is found below the test's frames, through causes, with its file")
    void topFrame(@TempDir Path root) throws Exception {
        Path src = root.resolve("exercises/day9-sample/dev/netlab/x/MacThing.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package dev.netlab.x; class MacThing {}");
        LearnerCode code = LearnerCode.of(root, "day9-sample", "exercises");
        assertThat(code.classes()).containsExactly("dev.netlab.x.MacThing");

        RuntimeException inner = new ArrayIndexOutOfBoundsException("Index 5 out of bounds for length 5");
        inner.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("dev.netlab.x.MacThing$Reader", "read", "MacThing.java", 57),
            new StackTraceElement("dev.netlab.x.MacThingTest", "reads", "MacThingTest.java", 20)});
        AssertionError outer = new AssertionError("boom", inner);
        outer.setStackTrace(new StackTraceElement[] {new StackTraceElement("dev.netlab.x.MacThingTest", "reads", "MacThingTest.java", 21)});

        LearnerCode.Frame f = code.topFrame(outer).orElseThrow();
        assertThat(f.at()).isEqualTo("MacThing$Reader.read(MacThing.java:57)");
        assertThat(f.file()).isEqualTo("exercises/day9-sample/dev/netlab/x/MacThing.java:57");
        assertThat(LearnerCode.of(root, "day9-sample", "solutions").topFrame(outer).orElseThrow().file())
                .startsWith("solutions/day9-sample/");
        assertThat(code.topFrame(new AssertionError("no learner frame"))).isEmpty();
    }
}
