package dev.netlab.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressGateTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static void runFiles(Path dir, String tests, String report, List<CheckpointResult> checkpoints) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ProgressGate.STARTED), "now");
        Files.writeString(dir.resolve("tests.json"), tests);
        if (report != null) {
            Files.writeString(dir.resolve("report.txt"), report);
        }
        if (checkpoints != null) {
            new ProgressFile("day9-sample", "exercises", false, List.of(), null, checkpoints).write(ProgressFile.lastRun(dir));
        }
    }

    private static CheckpointResult cp(String id, String status) {
        return new CheckpointResult(id, "t", status, "", 1, status.equals("passed") ? 1 : 0, null, true, List.of(), "", "");
    }

    @Test
    @DisplayName("failing checkpoints: the report is printed, then the build fails saying how many do not pass")
    void failing(@TempDir Path dir) throws Exception {
        runFiles(dir, "[{\"name\":\"A#a\",\"checkpoint\":\"9.01\",\"status\":\"failed\"},{\"name\":\"B#b\",\"checkpoint\":null,\"status\":\"passed\"}]",
                "THE REPORT\n", List.of(cp("9.01", "failed"), cp("9.02", "passed")));
        String why = ProgressGate.verdict(dir, System.currentTimeMillis() - 60_000, out);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("THE REPORT\n");
        assertThat(why).startsWith("1 of 2 checkpoints do not pass yet");
    }

    @Test
    @DisplayName("a failing test outside checkpoints fails the build by name; all green passes")
    void plainTests(@TempDir Path dir) throws Exception {
        runFiles(dir, "[{\"name\":\"B#b\",\"checkpoint\":null,\"status\":\"failed\"}]", null, null);
        assertThat(ProgressGate.verdict(dir, 0, out)).isEqualTo("1 other test failed: B#b");
        runFiles(dir, "[{\"name\":\"B#b\",\"checkpoint\":null,\"status\":\"passed\"}]", null, null);
        assertThat(ProgressGate.verdict(dir, 0, out)).isNull();
    }

    @Test
    @DisplayName("no test ran in this build: nothing to say; a run that started but never finished: the build fails")
    void staleOrUnfinished(@TempDir Path dir) throws Exception {
        runFiles(dir, "[{\"name\":\"B#b\",\"checkpoint\":null,\"status\":\"failed\"}]", "OLD REPORT\n", null);
        assertThat(ProgressGate.verdict(dir, System.currentTimeMillis() + 60_000, out)).as("results of an earlier build").isNull();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
        Files.setLastModifiedTime(dir.resolve("tests.json"), FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        assertThat(ProgressGate.verdict(dir, System.currentTimeMillis() - 60_000, out)).contains("did not finish");
    }
}
