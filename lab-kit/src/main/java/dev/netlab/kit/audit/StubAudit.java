package dev.netlab.kit.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.kit.CheckpointResult;
import dev.netlab.kit.MissingRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The stub audit: reads what the two test runs left ({@code <audit>/exercises/<module>/} and
 * {@code <audit>/solutions/<module>/}, each with the {@code tests.json} and
 * {@code checkpoints.json} of the module) and checks the lab's promise:
 * <ul>
 *   <li>exercises track: every checkpoint FAILS (for a reason other than a missing tool or
 *       privilege), every test that is not part of a checkpoint PASSES;</li>
 *   <li>solutions track: everything passes;</li>
 *   <li>each day module has checkpoints, their ids are unique and start with the day number.</li>
 * </ul>
 * Prints a table and every violation by name; exits 1 on any violation. Run by {@code ./lab audit}.
 */
public final class StubAudit {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Row(String module, int checkpoints, int failOnStubs, int passOnSolutions) {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: StubAudit <audit-dir> <module>...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<String> violations = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            rows.add(audit(dir, args[i], violations));
        }
        System.out.println();
        System.out.println("Stub audit");
        for (Row r : rows) {
            System.out.printf("  %-16s %3d checkpoints  %3d fail on stubs  %3d pass on solutions%n",
                    r.module(), r.checkpoints(), r.failOnStubs(), r.passOnSolutions());
        }
        int checks = rows.stream().mapToInt(r -> r.failOnStubs() + r.passOnSolutions()).sum();
        if (violations.isEmpty()) {
            System.out.println("\nThe audit passes: every checkpoint fails on the stubs and passes on the solutions.");
            System.out.println("audit: " + checks + " passed, 0 failed");
            return;
        }
        System.out.println("\nViolations (" + violations.size() + "):");
        violations.forEach(v -> System.out.println("  - " + v));
        System.out.println("audit: " + checks + " passed, " + violations.size() + " failed");
        System.exit(1);
    }

    static Row audit(Path dir, String module, List<String> violations) throws IOException {
        boolean isDay = module.matches("day\\d+-.*");
        Map<String, JsonNode> exCheckpoints = checkpoints(dir.resolve("exercises").resolve(module), module, "exercises", isDay, violations);
        Map<String, JsonNode> soCheckpoints = checkpoints(dir.resolve("solutions").resolve(module), module, "solutions", isDay, violations);
        JsonNode exTests = tests(dir.resolve("exercises").resolve(module), module, "exercises", violations);
        JsonNode soTests = tests(dir.resolve("solutions").resolve(module), module, "solutions", violations);

        if (isDay) {
            String day = module.substring(3, module.indexOf('-')) + ".";
            if (exCheckpoints.isEmpty() && soCheckpoints.isEmpty()) {
                violations.add(module + ": no checkpoints at all");
            }
            for (String id : new TreeSet<>(soCheckpoints.keySet())) {
                if (!id.startsWith(day)) {
                    violations.add(module + ": checkpoint " + id + " does not start with the day number " + day);
                }
            }
        }
        int failOnStubs = 0;
        for (var e : exCheckpoints.entrySet()) {
            String status = e.getValue().path("status").asText();
            String reason = e.getValue().path("reason").asText();
            if (!CheckpointResult.FAILED.equals(status)) {
                violations.add(module + ": checkpoint " + e.getKey() + " " + status
                        + " on the untouched stubs — a checkpoint must fail until the learner writes the code");
            } else if (reason.startsWith(MissingRequirement.PREFIX)) {
                violations.add(module + ": checkpoint " + e.getKey() + " failed on the stubs only because "
                        + reason.substring(MissingRequirement.PREFIX.length()) + " — install it, the audit must see the real failure");
            } else {
                failOnStubs++;
            }
        }
        int passOnSolutions = 0;
        for (var e : soCheckpoints.entrySet()) {
            String status = e.getValue().path("status").asText();
            if (CheckpointResult.PASSED.equals(status)) {
                passOnSolutions++;
            } else {
                violations.add(module + ": checkpoint " + e.getKey() + " " + status + " on the solutions: "
                        + e.getValue().path("reason").asText());
            }
        }
        for (String id : exCheckpoints.keySet()) {
            if (!soCheckpoints.isEmpty() && !soCheckpoints.containsKey(id)) {
                violations.add(module + ": checkpoint " + id + " ran on the exercises track but not on the solutions track");
            }
        }
        for (JsonNode t : iterable(exTests)) {
            if (t.path("checkpoint").isNull() || t.path("checkpoint").isMissingNode()) {
                String status = t.path("status").asText();
                if (!CheckpointResult.PASSED.equals(status)) {
                    violations.add(module + ": test " + t.path("name").asText() + " (not a checkpoint) " + status
                            + " on the exercises track: " + t.path("reason").asText()
                            + " — tests outside checkpoints must not depend on exercise code");
                }
            }
        }
        for (JsonNode t : iterable(soTests)) {
            String status = t.path("status").asText();
            if (!CheckpointResult.PASSED.equals(status) && (t.path("checkpoint").isNull() || t.path("checkpoint").isMissingNode())) {
                violations.add(module + ": test " + t.path("name").asText() + " " + status + " on the solutions track: "
                        + t.path("reason").asText());
            }
        }
        fastAgrees(dir, module, exTests, violations);
        return new Row(module, Math.max(exCheckpoints.size(), soCheckpoints.size()), failOnStubs, passOnSolutions);
    }

    /**
     * The learner's loop without Maven ({@code ./lab test <day> <id>}, dev.netlab.kit.FastTest)
     * must give the verdicts Maven gave: when {@code <audit>/fast/<module>/tests.json} exists,
     * it ran at least one test, and each test in it has the status it had in the exercises run
     * under Surefire.
     */
    static void fastAgrees(Path dir, String module, JsonNode exTests, List<String> violations) throws IOException {
        Path file = dir.resolve("fast").resolve(module).resolve("tests.json");
        if (!Files.exists(file) || exTests == null) {
            return;
        }
        Map<String, String> maven = new LinkedHashMap<>();
        for (JsonNode t : iterable(exTests)) {
            maven.put(t.path("uniqueId").asText(), t.path("status").asText());
        }
        int compared = 0;
        for (JsonNode t : iterable(JSON.readTree(file.toFile()))) {
            String id = t.path("uniqueId").asText();
            String status = t.path("status").asText();
            String underMaven = maven.get(id);
            if (underMaven == null) {
                violations.add(module + ": ./lab test without Maven ran " + t.path("name").asText() + ", which Maven's run did not");
            } else if (!underMaven.equals(status)) {
                violations.add(module + ": " + t.path("name").asText() + " " + status + " in ./lab test without Maven, "
                        + underMaven + " under Maven");
            }
            compared++;
        }
        if (compared == 0) {
            violations.add(module + ": ./lab test without Maven ran no test");
        }
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        return array == null ? List.of() : array::elements;
    }

    private static Map<String, JsonNode> checkpoints(Path moduleDir, String module, String track, boolean isDay,
            List<String> violations) throws IOException {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        Path file = moduleDir.resolve("checkpoints.json");
        if (!Files.exists(file)) {
            if (isDay) {
                violations.add(module + ": no checkpoints.json from the " + track
                        + " run (did it compile? did its tests run?)");
            }
            return byId;
        }
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode list = root;
        if (root != null && root.isObject()) { // ProgressFile: {"track", "filtered", "checkpoints": [...]}
            String ranOn = root.path("track").asText("");
            if (!ranOn.isEmpty() && !ranOn.equals(track)) {
                violations.add(module + ": the " + track + " results were made on the " + ranOn
                        + " track (a -Dlab.reference or -Psolutions left over?)");
            }
            if (root.path("filtered").asBoolean(false)) {
                violations.add(module + ": the " + track + " run was filtered (only " + root.path("ran")
                        + " ran): the audit needs whole runs");
            }
            list = root.path("checkpoints");
        }
        for (JsonNode n : iterable(list)) {
            String id = n.path("id").asText();
            if (CheckpointResult.NOT_RUN.equals(n.path("status").asText())) {
                violations.add(module + ": checkpoint " + id + " did not run on the " + track + " track");
                continue;
            }
            if (byId.put(id, n) != null) {
                violations.add(module + ": checkpoint id " + id + " is used twice");
            }
        }
        return byId;
    }

    private static JsonNode tests(Path moduleDir, String module, String track, List<String> violations) throws IOException {
        Path file = moduleDir.resolve("tests.json");
        if (!Files.exists(file)) {
            violations.add(module + ": no tests.json from the " + track + " run (did it compile? did its tests run?)");
            return null;
        }
        return JSON.readTree(file.toFile());
    }
}
