package dev.netlab.kit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.CheckpointResult;
import dev.netlab.kit.Peer;
import dev.netlab.kit.ProgressFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./lab hint}, {@code diff} and {@code reset} on a sample project, as a learner types them. */
class ToolsTest {
    private final PrintStream stdout = System.out;
    private final InputStream stdin = System.in;
    private final String root = System.getProperty("lab.root");

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setIn(stdin);
        if (root == null) {
            System.clearProperty("lab.root");
        } else {
            System.setProperty("lab.root", root);
        }
    }

    /** Runs {@code lab <args>} in the sample project; returns what it printed and its exit code. */
    private static String lab(Path project, String input, int[] exit, String... args) {
        System.setProperty("lab.root", project.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine(new LabTool()).setErr(new java.io.PrintWriter(err, true))
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ToolException) {
                        cmd.getErr().println("lab " + cmd.getCommandName() + ": " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
        exit[0] = cl.execute(args);
        return bytes.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private static void passed(Path project, String status) throws Exception {
        new ProgressFile(SampleProject.DAY, "exercises", false, List.of("9.01"), null,
                List.of(new CheckpointResult("9.01", "Adding", status, "", 1, status.equals("passed") ? 1 : 0, null, true,
                        List.of("dev/netlab/sample/Adder.java"), "the plus sign", "#adding")))
                .write(ProgressFile.ofTrack(project.resolve(SampleProject.DAY + "/target/lab"), "exercises"));
    }

    @Test
    @DisplayName("hint: the checkpoint's file, hint, last result and its lesson section rendered, up to the next section")
    void hint(@TempDir Path project) throws Exception {
        SampleProject.sources(project);
        int[] exit = {-1};
        String out = lab(project, "", exit, "hint", "9.01");
        assertThat(exit[0]).isZero();
        assertThat(out).contains(" 9.01  Adding   (day9-sample)")
                .contains("edit:    exercises/day9-sample/dev/netlab/sample/Adder.java")
                .contains("hint:    the plus sign").contains("last:    not run yet on your code")
                .contains("run it:  ./lab test day9-sample 9.01")
                .contains("Adding\n══════").contains("Use the plus sign: `a + b` (see the JLS).")
                .contains("    $ ./lab test day9-sample").doesNotContain("Not part of it").doesNotContain("```");
        assertThat(lab(project, "", exit, "hint", "9.07")).contains("day9-sample has no checkpoint 9.07 (it has 9.01)");
        assertThat(exit[0]).isEqualTo(2);
        assertThat(lab(project, "", exit, "hint", "4.01")).contains("no day for checkpoint '4.01'");
    }

    @Test
    @DisplayName("diff: refused until the checkpoint passes on the learner's code, then the learner's file against the reference")
    void diff(@TempDir Path project) throws Exception {
        SampleProject.sources(project);
        int[] exit = {-1};
        assertThat(lab(project, "", exit, "diff", "9.01")).contains("checkpoint 9.01 does not pass on your code yet (not run)");
        assertThat(exit[0]).isEqualTo(2);
        passed(project, "failed");
        assertThat(lab(project, "", exit, "diff", "9.01")).contains("does not pass on your code yet (failed)");
        passed(project, "passed");
        Files.writeString(project.resolve(SampleProject.STUB_FILE), SampleProject.REFERENCE.replace("a + b", "b + a"));
        String out = lab(project, "", exit, "diff", "9.01");
        assertThat(exit[0]).isZero();
        assertThat(out).contains("--- exercises/day9-sample/dev/netlab/sample/Adder.java")
                .contains("+++ solutions/day9-sample/dev/netlab/sample/Adder.java")
                .contains("-        return b + a;").contains("+        return a + b;").contains("@@ -");
    }

    @Test
    @DisplayName("reset: asks, restores the stub from git, keeps the learner's version in .lab-backup; 'n' changes nothing")
    void reset(@TempDir Path project) throws Exception {
        Peer git = Peer.require("git");
        SampleProject.sources(project);
        Duration t = Duration.ofSeconds(30);
        git.run(t, "-C", project.toString(), "init", "-q").assertSuccess();
        git.run(t, "-C", project.toString(), "add", ".").assertSuccess();
        git.run(t, "-C", project.toString(), "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "stubs")
                .assertSuccess();
        Path file = project.resolve(SampleProject.STUB_FILE);
        Files.writeString(file, SampleProject.REFERENCE);
        int[] exit = {-1};

        String no = lab(project, "n\n", exit, "reset", SampleProject.DAY);
        assertThat(no).contains("These files differ from the stubs in HEAD:").contains("exercises/day9-sample/dev/netlab/sample/Adder.java")
                .contains("[y/N]").contains("nothing changed.");
        assertThat(file).hasContent(SampleProject.REFERENCE);

        String yes = lab(project, "y\n", exit, "reset", SampleProject.DAY);
        assertThat(exit[0]).isZero();
        assertThat(yes).contains("restored 1 file(s)");
        assertThat(file).hasContent(SampleProject.STUB);
        try (var backups = Files.list(project.resolve(".lab-backup"))) {
            Path backup = backups.findFirst().orElseThrow().resolve(SampleProject.STUB_FILE);
            assertThat(backup).hasContent(SampleProject.REFERENCE);
        }
        assertThat(lab(project, "", exit, "reset", SampleProject.STUB_FILE)).contains("nothing to reset");
        assertThat(lab(project, "", exit, "reset", "README.md")).contains("neither a day");
    }

    @Test
    @DisplayName("anchors as GitHub makes them; a unified diff of small edits")
    void markdownAndDiff() {
        assertThat(Markdown.anchor("Expect: 100-continue and graceful shutdown")).isEqualTo("expect-100-continue-and-graceful-shutdown");
        assertThat(Markdown.anchor("Ethernet II and 802.1Q")).isEqualTo("ethernet-ii-and-8021q");
        assertThat(Markdown.anchor("Two engines: threads and an event loop")).isEqualTo("two-engines-threads-and-an-event-loop");
        String d = LineDiff.unified("a", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), "b",
                List.of("1", "2", "3", "4", "five", "6", "7", "8", "9"), 3);
        assertThat(d).isEqualTo("--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
        assertThat(LineDiff.unified("a", List.of("x"), "b", List.of("x"), 3)).isEmpty();
    }

    @Test
    @DisplayName("tests-of: a checkpoint's test class for -Dtest; an unknown id is a clear error")
    void testsOf(@TempDir Path project) throws Exception {
        SampleProject.sources(project);
        int[] exit = {-1};
        assertThat(lab(project, "", exit, "tests-of", SampleProject.DAY, "9.01").strip()).isEqualTo("dev.netlab.sample.AdderTest");
        assertThat(lab(project, "", exit, "tests-of", SampleProject.DAY, "9.02")).contains("day9-sample has no checkpoint 9.02");
        assertThat(exit[0]).isEqualTo(2);
    }
}
