package dev.netlab.kit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Lab;
import dev.netlab.kit.fuzz.FuzzRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lab fuzz} on the exercises track, as a learner meets it, in a sample project (the real
 * parent pom, {@code ./lab}, {@code ./mvnw} and lab-kit, one sample day with a length-prefixed
 * record decoder and its fuzz target, built offline): fuzzing the untouched stub says which
 * checkpoint to write and keeps nothing; fuzzing a decoder that trusts its length octet finds the
 * crash, keeps the input as a file beside the tests and prints a one-line command that replays
 * it; that command, pasted as printed, fails on the buggy decoder naming the file, and passes
 * once the decoder is fixed (the input stays as a regression test).
 */
class FuzzAsALearnerTest {
    private static final Pattern REPRODUCE = Pattern.compile("(?m)^ {3}reproduce: (.+)$");
    private static final Pattern INPUT = Pattern.compile("(?m)^ {3}input: +(\\S+)");

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    @DisplayName("a stub says which checkpoint to write and keeps nothing; a crash is kept as a file with a command that replays it")
    void stubThenBuggyThenFixed(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path project) throws Exception {
        SampleProject.fuzzable(project, Lab.root());
        Path inputs = project.resolve(SampleProject.RECORDS_INPUTS);

        // 1. the untouched stub: not a finding
        Run stub = run(project, "./lab", "fuzz", SampleProject.DAY, "30s");
        assertThat(stub.output()).as(stub.output())
                .contains("── RecordsFuzzTest#decode: fuzzing for 30s")
                .contains("   not implemented yet: checkpoint 9.02 Records")
                .contains("(a stub is not a finding: nothing was kept; write the code, then fuzz it)")
                .containsPattern("RecordsFuzzTest#decode +- +- +not implemented yet: checkpoint 9\\.02")
                .doesNotContain("FINDING");
        assertThat(stub.exit()).isNotZero();
        assertThat(files(inputs)).as("nothing kept for a stub").isEmpty();
        assertThat(Files.readString(project.resolve(LOG)))
                .contains(FuzzRule.STUB_MARKER + "not implemented yet: checkpoint 9.02");

        // 2. a learner's decoder that trusts the length octet: Jazzer finds it in seconds
        Files.writeString(project.resolve(SampleProject.RECORDS_STUB_FILE), SampleProject.RECORDS_BUGGY);
        Run buggy = run(project, "./lab", "fuzz", SampleProject.DAY, "2m");
        assertThat(buggy.exit()).isNotZero();
        assertThat(buggy.output()).as(() -> buggy.output() + "\nthe log (its end):\n" + tail(project.resolve(LOG)))
                .contains("   FINDING: java.lang.AssertionError: Records.decode let java.lang.ArrayIndexOutOfBoundsException escape")
                .contains("only RecordException may leave it")
                .contains("(kept: every test run replays it)")
                .containsPattern("RecordsFuzzTest#decode +[0-9,]+ +[0-9]+ s +1 finding\\(s\\)")
                .contains("(Jazzer stops a target at its first finding: \"fuzzed\" is how long it ran until then)");
        Matcher input = INPUT.matcher(buggy.output());
        assertThat(input.find()).isTrue();
        String kept = input.group(1);
        assertThat(kept).startsWith(SampleProject.RECORDS_INPUTS + "/crash-");
        assertThat(files(inputs)).containsExactly(project.resolve(kept));
        byte[] crash = Files.readAllBytes(project.resolve(kept));
        assertThat(crash).as("a length octet promising more than follows").isNotEmpty();
        assertThat(crash[0] & 0xFF).isGreaterThan(crash.length - 1);
        Matcher reproduce = REPRODUCE.matcher(buggy.output());
        assertThat(reproduce.find()).isTrue();
        String command = reproduce.group(1);
        assertThat(command).isEqualTo("./mvnw -pl day9-sample test -Dtest='RecordsFuzzTest#decode'");

        // 3. the command, as printed: the kept input fails, named
        Run replay = run(project, "bash", "-c", command);
        assertThat(replay.exit()).isNotZero();
        assertThat(replay.output()).as(replay.output())
                .contains("Records.decode let java.lang.ArrayIndexOutOfBoundsException escape")
                .contains("(input: " + kept + ")");

        // 4. fixed: the same command passes, the input stays as a regression test
        Files.writeString(project.resolve(SampleProject.RECORDS_STUB_FILE), SampleProject.RECORDS_REFERENCE);
        Run fixed = run(project, "bash", "-c", command);
        assertThat(fixed.exit()).as(fixed.output()).isZero();
        assertThat(fixed.output()).containsPattern("Tests run: [2-9], Failures: 0, Errors: 0");
        assertThat(files(inputs)).containsExactly(project.resolve(kept));
    }

    private static final String LOG = SampleProject.DAY + "/target/lab/fuzz/RecordsFuzzTest.decode.log";

    private record Run(int exit, String output) {}

    private static String tail(Path file) {
        try {
            String all = Files.readString(file, StandardCharsets.UTF_8);
            return all.substring(Math.max(0, all.length() - 6000));
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /** Runs a command in the sample project, offline, and returns its exit status and output. */
    private static Run run(Path project, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(project, "run", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MAVEN_ARGS", "-o");
        pb.environment().put("NO_COLOR", "1");
        pb.environment().remove("JAZZER_FUZZ");
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        System.out.printf("FuzzAsALearnerTest: %s: exit %d after %d s%n", String.join(" ", command), p.exitValue(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
