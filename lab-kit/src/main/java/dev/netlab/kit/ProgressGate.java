package dev.netlab.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The last step of every module's {@code test} phase (the parent pom runs it with
 * {@code exec:java} right after Surefire, which is told to ignore test failures): prints the
 * progress report, so that it is the last screen of {@code ./mvnw -pl <day> test} instead of
 * being buried under Surefire's list of failures, and then fails the build if any test failed
 * — exactly when Surefire would have.
 *
 * <p>Arguments: {@code <target/lab> start=<build start, epoch ms> <skipTests> <maven.test.skip>
 * <maven.test.failure.ignore>} (unset Maven properties arrive as {@code ${...}}: false).
 * The build fails too when the test JVM started the run but never finished it (killed by a
 * timeout): a run without results must not pass.
 */
public final class ProgressGate {
    /** Written by the listener when the test plan starts. */
    static final String STARTED = "run.started";

    private ProgressGate() {}

    /** Thrown to fail the Maven build; its message is Maven's one-line error. */
    public static final class TestsFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TestsFailed(String message) {
            super(message);
            setStackTrace(new StackTraceElement[0]);
        }
    }

    public static void main(String[] args) throws IOException {
        Path labDir = Path.of(args[0]);
        long buildStart = parseLong(args[1].replaceFirst("^start=", ""));
        boolean skipped = isTrue(args[2]) || isTrue(args[3]);
        boolean ignoreFailures = isTrue(args[4]);
        if (skipped) {
            return;
        }
        String verdict = verdict(labDir, buildStart, new PrintStream(System.out, true, StandardCharsets.UTF_8));
        if (verdict != null && !ignoreFailures) {
            throw new TestsFailed(verdict);
        }
    }

    /**
     * Prints this run's report (when the run wrote one) and returns why the build must fail, or
     * null when it passes (all tests green, or no test ran in this build).
     */
    static String verdict(Path labDir, long buildStart, PrintStream out) throws IOException {
        Path started = labDir.resolve(STARTED);
        Path tests = labDir.resolve("tests.json");
        boolean ranNow = Files.exists(started) && Files.getLastModifiedTime(started).toMillis() >= buildStart - 1000;
        if (!ranNow) {
            return null; // no test ran in this build (none selected, or no tests at all)
        }
        if (!Files.exists(tests) || Files.getLastModifiedTime(tests).toMillis() < Files.getLastModifiedTime(started).toMillis()) {
            return "the test run started but did not finish (killed? timed out?): see target/surefire-reports";
        }
        Path report = labDir.resolve("report.txt");
        if (Files.exists(report) && Files.getLastModifiedTime(report).toMillis() >= Files.getLastModifiedTime(started).toMillis()) {
            String text = Files.readString(report, StandardCharsets.UTF_8);
            String output = testOutput(labDir, Files.getLastModifiedTime(started).toMillis());
            if (!output.isEmpty() && text.endsWith("─\n")) {
                // before the closing rule: where the tests' own output went (a println while debugging)
                int rule = text.lastIndexOf('\n', text.length() - 2) + 1;
                text = text.substring(0, rule) + output + text.substring(rule);
            }
            out.print(text);
            out.flush();
        }
        List<String> failedPlain = new ArrayList<>();
        int failedInCheckpoints = 0;
        for (JsonNode t : new ObjectMapper().readTree(tests.toFile())) {
            if (CheckpointResult.FAILED.equals(t.path("status").asText())) {
                if (t.path("checkpoint").isTextual()) {
                    failedInCheckpoints++;
                } else {
                    failedPlain.add(t.path("name").asText());
                }
            }
        }
        if (failedPlain.isEmpty() && failedInCheckpoints == 0) {
            return null;
        }
        StringBuilder why = new StringBuilder();
        var progress = ProgressFile.read(ProgressFile.lastRun(labDir));
        if (failedInCheckpoints > 0 && progress.isPresent()) {
            ProgressFile p = progress.get();
            long notPassing = p.checkpoints().size() - p.passedCount();
            why.append(notPassing).append(" of ").append(p.checkpoints().size()).append(" checkpoints do not pass yet")
                    .append(ProgressFile.EXERCISES.equals(p.track()) ? "" : " on the " + p.track() + " track")
                    .append(" (the report above says what to do next)");
        } else if (failedInCheckpoints > 0) {
            why.append(failedInCheckpoints).append(" checkpoint tests failed");
        }
        if (!failedPlain.isEmpty()) {
            if (!why.isEmpty()) {
                why.append("; ");
            }
            why.append(failedPlain.size()).append(" other test").append(failedPlain.size() == 1 ? "" : "s")
                    .append(" failed: ").append(String.join(", ", failedPlain.subList(0, Math.min(5, failedPlain.size()))))
                    .append(failedPlain.size() > 5 ? ", ..." : "");
        }
        return why.toString();
    }

    /** " test output: <module>/target/surefire-reports/*-output.txt (n files)" when Surefire kept any from this run. */
    static String testOutput(Path labDir, long since) throws IOException {
        Path reports = labDir.getParent().resolve("surefire-reports");
        if (!Files.isDirectory(reports)) {
            return "";
        }
        long n;
        try (var files = Files.list(reports)) {
            n = files.filter(f -> f.getFileName().toString().endsWith("-output.txt")).filter(f -> {
                try {
                    return Files.size(f) > 0 && Files.getLastModifiedTime(f).toMillis() >= since - 1000;
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
        if (n == 0) {
            return "";
        }
        Path module = labDir.getParent().getParent();
        String where = module.getFileName() + "/target/surefire-reports/*-output.txt";
        return " test output (println, logs): " + where + "   (" + n + " file" + (n == 1 ? "" : "s") + ")\n";
    }

    private static boolean isTrue(String s) {
        return s != null && (s.isEmpty() || s.equalsIgnoreCase("true")); // -DskipTests alone means true
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
