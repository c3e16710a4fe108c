package dev.netlab.kit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.MissingRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StubAuditTest {
    private static final String MODULE = "day9-sample";

    private static void write(Path dir, String track, String file, String json) throws IOException {
        Path d = dir.resolve(track).resolve(MODULE);
        Files.createDirectories(d);
        Files.writeString(d.resolve(file), json);
    }

    private static String checkpoint(String id, String status, String reason) {
        return "{\"id\":\"" + id + "\",\"title\":\"t\",\"status\":\"" + status + "\",\"reason\":\"" + reason + "\"}";
    }

    private static String test(String name, String checkpoint, String status) {
        return "{\"uniqueId\":\"u\",\"name\":\"" + name + "\",\"checkpoint\":" + (checkpoint == null ? "null" : "\"" + checkpoint + "\"")
                + ",\"status\":\"" + status + "\",\"reason\":\"\"}";
    }

    private static void good(Path dir) throws IOException {
        write(dir, "exercises", "checkpoints.json", "[" + checkpoint("9.01", "failed", "not implemented yet") + "]");
        write(dir, "exercises", "tests.json", "[" + test("A#a", "9.01", "failed") + "," + test("B#b", null, "passed") + "]");
        write(dir, "solutions", "checkpoints.json", "[" + checkpoint("9.01", "passed", "") + "]");
        write(dir, "solutions", "tests.json", "[" + test("A#a", "9.01", "passed") + "," + test("B#b", null, "passed") + "]");
    }

    private static List<String> audit(Path dir) throws IOException {
        List<String> violations = new ArrayList<>();
        StubAudit.Row row = StubAudit.audit(dir, MODULE, violations);
        assertThat(row.module()).isEqualTo(MODULE);
        return violations;
    }

    @Test
    @DisplayName("fails on stubs, passes on solutions, plain tests green: no violation")
    void clean(@TempDir Path dir) throws IOException {
        good(dir);
        List<String> v = new ArrayList<>();
        StubAudit.Row row = StubAudit.audit(dir, MODULE, v);
        assertThat(v).isEmpty();
        assertThat(row.checkpoints()).isEqualTo(1);
        assertThat(row.failOnStubs()).isEqualTo(1);
        assertThat(row.passOnSolutions()).isEqualTo(1);
    }

    @Test
    @DisplayName("a checkpoint that passes on the stubs is named as a violation")
    void passesOnStub(@TempDir Path dir) throws IOException {
        good(dir);
        write(dir, "exercises", "checkpoints.json", "[" + checkpoint("9.01", "passed", "") + "]");
        assertThat(audit(dir)).singleElement().asString().contains("checkpoint 9.01 passed on the untouched stubs");
    }

    @Test
    @DisplayName("a checkpoint failing only because a tool is missing proves nothing")
    void strictOnly(@TempDir Path dir) throws IOException {
        good(dir);
        write(dir, "exercises", "checkpoints.json", "[" + checkpoint("9.01", "failed", MissingRequirement.PREFIX + "needs tshark") + "]");
        assertThat(audit(dir)).singleElement().asString().contains("only because needs tshark");
    }

    @Test
    @DisplayName("a non-checkpoint test failing on the stubs, or anything failing on the solutions, is a violation")
    void otherFailures(@TempDir Path dir) throws IOException {
        good(dir);
        write(dir, "exercises", "tests.json", "[" + test("B#b", null, "failed") + "]");
        write(dir, "solutions", "checkpoints.json", "[" + checkpoint("9.01", "failed", "boom") + "]");
        assertThat(audit(dir)).hasSize(2).anySatisfy(s -> assertThat(s).contains("test B#b (not a checkpoint) failed on the exercises track"))
                .anySatisfy(s -> assertThat(s).contains("checkpoint 9.01 failed on the solutions: boom"));
    }

    @Test
    @DisplayName("missing results and ids from another day are violations")
    void missingAndMisnumbered(@TempDir Path dir) throws IOException {
        write(dir, "solutions", "checkpoints.json", "[" + checkpoint("3.01", "passed", "") + "]");
        List<String> v = audit(dir);
        assertThat(v).anySatisfy(s -> assertThat(s).contains("no checkpoints.json from the exercises run"))
                .anySatisfy(s -> assertThat(s).contains("does not start with the day number 9."))
                .anySatisfy(s -> assertThat(s).contains("no tests.json from the solutions run"));
    }

    private static String progress(String track, boolean filtered, String... checkpoints) {
        return "{\"module\":\"" + MODULE + "\",\"track\":\"" + track + "\",\"filtered\":" + filtered
                + ",\"ran\":[\"9.01\"],\"checkpoints\":[" + String.join(",", checkpoints) + "]}";
    }

    @Test
    @DisplayName("the progress-file form (track, filtered) reads like the array; a filtered run, the wrong track or a not-run checkpoint is a violation")
    void progressFileForm(@TempDir Path dir) throws IOException {
        good(dir);
        write(dir, "exercises", "checkpoints.json", progress("exercises", false, checkpoint("9.01", "failed", "not implemented yet")));
        write(dir, "solutions", "checkpoints.json", progress("solutions", false, checkpoint("9.01", "passed", "")));
        assertThat(audit(dir)).isEmpty();

        write(dir, "exercises", "checkpoints.json", progress("solutions", true, checkpoint("9.01", "failed", "x"),
                checkpoint("9.02", "not-run", "")));
        List<String> v = audit(dir);
        assertThat(v).anySatisfy(s -> assertThat(s).contains("made on the solutions track"))
                .anySatisfy(s -> assertThat(s).contains("was filtered"))
                .anySatisfy(s -> assertThat(s).contains("checkpoint 9.02 did not run on the exercises track"));
    }

    @Test
    @DisplayName("./lab test without Maven must give Maven's verdicts: a test that passes there but failed under Maven is named")
    void fastLoopAgrees(@TempDir Path dir) throws IOException {
        good(dir);
        write(dir, "exercises", "tests.json", "[{\"uniqueId\":\"[c:A]/[m:a]\",\"name\":\"A#a\",\"checkpoint\":\"9.01\",\"status\":\"failed\"},"
                + "{\"uniqueId\":\"[c:B]/[m:b]\",\"name\":\"B#b\",\"checkpoint\":null,\"status\":\"passed\"}]");
        write(dir, "fast", "tests.json", "[{\"uniqueId\":\"[c:A]/[m:a]\",\"name\":\"A#a\",\"checkpoint\":\"9.01\",\"status\":\"failed\"}]");
        assertThat(audit(dir)).isEmpty();
        write(dir, "fast", "tests.json", "[{\"uniqueId\":\"[c:A]/[m:a]\",\"name\":\"A#a\",\"checkpoint\":\"9.01\",\"status\":\"passed\"}]");
        assertThat(audit(dir)).singleElement().asString().contains("A#a passed in ./lab test without Maven, failed under Maven");
        write(dir, "fast", "tests.json", "[]");
        assertThat(audit(dir)).singleElement().asString().contains("ran no test");
    }
}
