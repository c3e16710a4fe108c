package dev.netlab.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressSummaryTest {
    private static void day(Path root, String module, String... ids) throws Exception {
        Path f = root.resolve(module).resolve("src/test/java/dev/netlab/x/" + module.replace("-", "") + "Test.java");
        Files.createDirectories(f.getParent());
        StringBuilder src = new StringBuilder("package dev.netlab.x;\n");
        for (String id : ids) {
            src.append("@Checkpoint(id = \"").append(id).append("\", title = \"title ").append(id).append("\")\nclass C {}\n");
        }
        Files.writeString(f, src);
        Files.writeString(root.resolve(module).resolve("pom.xml"), "<project/>");
    }

    private static CheckpointResult cp(String id, String status) {
        return new CheckpointResult(id, "title " + id, status, "", 1, 0, null, true, List.of(), "", "");
    }

    @Test
    @DisplayName("only the exercises track counts: a solutions run is not progress; never-run days show 0/n and their command")
    void exercisesTrackOnly(@TempDir Path root) throws Exception {
        day(root, "day1-a", "1.01", "1.02");
        day(root, "day2-b", "2.01", "2.02", "2.03");
        day(root, "day3-c", "3.01");
        Path lab1 = root.resolve("day1-a/target/lab");
        new ProgressFile("day1-a", "exercises", false, List.of("1.01", "1.02"), null,
                List.of(cp("1.01", "passed"), cp("1.02", "failed"))).write(ProgressFile.ofTrack(lab1, "exercises"));
        Path lab2 = root.resolve("day2-b/target/lab");
        new ProgressFile("day2-b", "solutions", false, List.of(), null,
                List.of(cp("2.01", "passed"), cp("2.02", "passed"), cp("2.03", "passed"))).write(ProgressFile.lastRun(lab2));
        Files.createDirectories(root.resolve("day3-c/target/lab"));
        Files.writeString(root.resolve("day3-c/target/lab/checkpoints.json"), "[]"); // the old form: track unknown

        List<ProgressSummary.Day> days = ProgressSummary.days(root);
        assertThat(days).extracting(ProgressSummary.Day::module).containsExactly("day1-a", "day2-b", "day3-c");
        assertThat(days.get(0).passed()).isEqualTo(1);
        assertThat(days.get(0).next().id()).isEqualTo("1.02");
        assertThat(days.get(0).command()).isEqualTo("./lab test day1-a 1.02");
        assertThat(days.get(1).passed()).as("the solutions track is not progress").isZero();
        assertThat(days.get(1).checkpoints()).isEqualTo(3);
        assertThat(days.get(1).status()).isEqualTo("not-run");
        String text = ProgressSummary.render(days);
        assertThat(text).contains("total: 1/6 checkpoints").contains("next: 1.02 title 1.02").contains("not run yet")
                .contains("./lab test day2-b");
    }

    @Test
    @DisplayName("a day whose checkpoints all passed only in filtered runs is not called done")
    void filteredIsNotDone(@TempDir Path root) throws Exception {
        day(root, "day1-a", "1.01");
        new ProgressFile("day1-a", "exercises", true, List.of("1.01"), null, List.of(cp("1.01", "passed")))
                .write(ProgressFile.ofTrack(root.resolve("day1-a/target/lab"), "exercises"));
        ProgressSummary.Day d = ProgressSummary.days(root).getFirst();
        assertThat(d.status()).isEqualTo("all-passed-filtered");
        assertThat(ProgressSummary.render(List.of(d))).doesNotContain("done").contains("run the whole day once");
    }
}
