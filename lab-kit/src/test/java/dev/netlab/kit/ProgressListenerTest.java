package dev.netlab.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs small checkpoint classes through a real JUnit Platform launcher and reads what the listener wrote. */
class ProgressListenerTest {

    /** Sample checkpoints (static nested: Surefire does not run them on its own). */
    static class Samples {
        @Checkpoint(id = "9.01", title = "a stub", edit = "dev/netlab/x/Stubbed.java", hint = "write it", readme = "#stubbed")
        static class Stubbed {
            @Test
            void callsTheStub() {
                throw StubException.notImplemented("9.01", "a stub", "lab-kit/README.md#stubbed");
            }

            @Test
            void passes() {}
        }

        @Checkpoint(id = "9.02", title = "all green")
        static class Green {
            @Test
            void one() {}

            @Test
            void two() {}
        }

        static class MethodLevel {
            @Checkpoint(id = "9.03", title = "one bad invocation")
            @ParameterizedTest
            @ValueSource(ints = {1, 2, 3})
            void positive(int x) {
                assertThat(x).isNotEqualTo(2);
            }

            @Checkpoint(id = "9.04", title = "needs a tool")
            @Test
            void needsTool() {
                Require.tool("netlab-no-such-tool");
            }

            @Test
            void notACheckpoint() {}
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    /** The day's catalogue as the listener would read it from sources: every sample checkpoint. */
    static final CheckpointCatalog CATALOG = CheckpointCatalog.of("day9-sample", List.of(
            entry("9.01", "a stub", Samples.Stubbed.class), entry("9.02", "all green", Samples.Green.class),
            entry("9.03", "one bad invocation", Samples.MethodLevel.class),
            entry("9.04", "needs a tool", Samples.MethodLevel.class)));

    static CheckpointCatalog.Entry entry(String id, String title, Class<?> c) {
        return new CheckpointCatalog.Entry(id, title, List.of(), "", "", c.getName());
    }

    private String run(Path dir, Class<?>... classes) {
        return run(dir, CheckpointCatalog.of("day9-sample", List.of()), classes);
    }

    private String run(Path dir, CheckpointCatalog catalog, Class<?>... classes) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> c : classes) {
            request.selectors(selectClass(c));
        }
        return run(dir, catalog, request);
    }

    private String run(Path dir, CheckpointCatalog catalog, LauncherDiscoveryRequestBuilder request) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        launcher.execute(request.build(), new ProgressListener(dir, out, catalog, false));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Map<String, JsonNode> checkpoints(Path dir) throws Exception {
        JsonNode root = json.readTree(dir.resolve("checkpoints.json").toFile());
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        root.get("checkpoints").forEach(n -> byId.put(n.get("id").asText(), n));
        return byId;
    }

    @Test
    @DisplayName("checkpoints.json has one entry per checkpoint with status and reason, in id order")
    void writesCheckpointsJson(@TempDir Path dir) throws Exception {
        run(dir, CATALOG, Samples.MethodLevel.class, Samples.Green.class, Samples.Stubbed.class);
        JsonNode root = json.readTree(dir.resolve("checkpoints.json").toFile());
        assertThat(root.get("track").asText()).isEqualTo(Lab.track());
        assertThat(root.get("filtered").asBoolean()).as("every checkpoint of the catalogue ran").isFalse();
        assertThat(dir.resolve("checkpoints-" + Lab.track() + ".json")).hasSameTextualContentAs(dir.resolve("checkpoints.json"));
        Map<String, JsonNode> byId = checkpoints(dir);
        for (JsonNode n : byId.values()) {
            assertThat(n.properties()).extracting(Map.Entry::getKey).startsWith("id", "title", "status", "reason", "tests");
        }
        assertThat(byId.keySet()).containsExactly("9.01", "9.02", "9.03", "9.04");
        assertThat(byId.get("9.01").get("tests").asInt()).isEqualTo(2);
        assertThat(byId.get("9.01").get("passedTests").asInt()).isEqualTo(1);
        assertThat(byId.get("9.02").get("passedTests").asInt()).isEqualTo(2);
        assertThat(byId.get("9.01").get("status").asText()).isEqualTo("failed");
        assertThat(byId.get("9.01").get("reason").asText())
                .isEqualTo("not implemented yet: checkpoint 9.01 a stub — see lab-kit/README.md#stubbed");
        assertThat(byId.get("9.02").get("status").asText()).isEqualTo("passed");
        assertThat(byId.get("9.02").get("reason").asText()).isEmpty();
        assertThat(byId.get("9.03").get("status").asText()).as("a failing invocation fails the checkpoint").isEqualTo("failed");
        JsonNode tool = byId.get("9.04");
        if (Lab.strict()) {
            assertThat(tool.get("status").asText()).isEqualTo("failed");
            assertThat(tool.get("reason").asText()).startsWith(MissingRequirement.PREFIX).contains("netlab-no-such-tool");
        } else {
            assertThat(tool.get("status").asText()).isEqualTo("skipped");
            assertThat(tool.get("reason").asText()).startsWith("needs `netlab-no-such-tool` on the PATH");
        }
    }

    @Test
    @DisplayName("tests.json lists every test with its checkpoint (null outside checkpoints) for the stub audit, and its wall time")
    void writesTestsJson(@TempDir Path dir) throws Exception {
        run(dir, Samples.MethodLevel.class);
        JsonNode tests = json.readTree(dir.resolve("tests.json").toFile());
        Map<String, String> checkpointByName = new LinkedHashMap<>();
        tests.forEach(t -> checkpointByName.put(t.get("name").asText(), t.get("checkpoint").isNull() ? null : t.get("checkpoint").asText()));
        String cls = "ProgressListenerTest$Samples$MethodLevel";
        assertThat(checkpointByName).containsEntry(cls + "#notACheckpoint", null).containsEntry(cls + "#needsTool", "9.04");
        assertThat(checkpointByName).containsEntry(cls + "#positive [2] 2", "9.03");
        assertThat(checkpointByName.keySet()).filteredOn(n -> n.startsWith(cls + "#positive")).hasSize(3);
        tests.forEach(t -> assertThat(t.get("millis").asLong()).as(t.get("name").asText()).isNotNegative().isLessThan(60_000));
    }

    @Test
    @DisplayName("the report shows the bar, n/m, the table and the first failing checkpoint's edit, hint, readme and failure")
    void printsReport(@TempDir Path dir) {
        String report = run(dir, Samples.Green.class, Samples.Stubbed.class);
        assertThat(report).contains("1/2 checkpoints").contains("█").contains("░").contains(ProgressReport.trackLabel(Lab.track()))
                .contains("✔ 9.02  all green").contains("✘ 9.01  a stub")
                .contains("Next: 9.01  a stub")
                .contains("edit:    exercises/").contains("dev/netlab/x/Stubbed.java")
                .contains("hint:    write it")
                .contains("README.md#stubbed")
                .contains("failure: not implemented yet: checkpoint 9.01")
                .contains("again:   ./lab test day9-sample 9.01");
        assertThat(dir.resolve("report.txt")).hasContent(report);
    }

    @Test
    @DisplayName("a run without checkpoints prints nothing and writes no checkpoints.json")
    void silentWithoutCheckpoints(@TempDir Path dir) {
        assertThat(run(dir, NoCheckpoints.class)).isEmpty();
        assertThat(dir.resolve("checkpoints.json")).doesNotExist();
        assertThat(dir.resolve("tests.json")).exists();
    }

    @Test
    @DisplayName("a run of some checkpoints is filtered: it updates those, keeps the others' earlier results, never says the day is done")
    void filteredRunKeepsTheRest(@TempDir Path dir) throws Exception {
        run(dir, CATALOG, Samples.MethodLevel.class, Samples.Green.class, Samples.Stubbed.class);
        String report = run(dir, CATALOG, Samples.Green.class);
        JsonNode root = json.readTree(dir.resolve("checkpoints.json").toFile());
        assertThat(root.get("filtered").asBoolean()).isTrue();
        assertThat(root.get("ran")).extracting(JsonNode::asText).containsExactly("9.02");
        Map<String, JsonNode> byId = checkpoints(dir);
        assertThat(byId.keySet()).containsExactly("9.01", "9.02", "9.03", "9.04");
        assertThat(byId.get("9.01").get("status").asText()).as("kept from the whole run").isEqualTo("failed");
        assertThat(byId.get("9.01").get("ranNow").asBoolean()).isFalse();
        assertThat(byId.get("9.02").get("ranNow").asBoolean()).isTrue();
        assertThat(report).contains("filtered run (9.02)").contains("Filtered run: only 9.02 ran")
                .contains("The whole day: ./lab test day9-sample").doesNotContain("All ");
    }

    @Test
    @DisplayName("a filtered run on a fresh track lists the checkpoints it did not run as not run yet")
    void filteredRunWithoutHistory(@TempDir Path dir) throws Exception {
        String report = run(dir, CATALOG, Samples.Green.class);
        Map<String, JsonNode> byId = checkpoints(dir);
        assertThat(byId.get("9.01").get("status").asText()).isEqualTo("not-run");
        assertThat(byId.get("9.02").get("status").asText()).isEqualTo("passed");
        assertThat(report).contains("· 9.01").contains("Next: 9.01").contains("not run yet");
    }

    @Test
    @DisplayName("a checkpoint of which only some tests ran can fail but never pass")
    void partialCheckpointNeverPasses(@TempDir Path dir) throws Exception {
        run(dir, CATALOG, LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectMethod(Samples.Green.class, "one")));
        assertThat(checkpoints(dir).get("9.02").get("status").asText()).isEqualTo("not-run");
        run(dir, CATALOG, LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectMethod(Samples.Stubbed.class, "callsTheStub")));
        assertThat(checkpoints(dir).get("9.01").get("status").asText()).isEqualTo("failed");
    }

    @Test
    @DisplayName("a stub is reported once per checkpoint: later tests on the same stub are aborted, counted as not passing")
    void stubOncePerCheckpoint(@TempDir Path dir) throws Exception {
        run(dir, CheckpointCatalog.of("day9-sample", List.of(entry("9.05", "three stubs", ThreeStubs.class))), ThreeStubs.class);
        JsonNode tests = json.readTree(dir.resolve("tests.json").toFile());
        assertThat(tests).as(tests.toPrettyString()).hasSize(3);
        assertThat(tests).extracting(t -> t.get("status").asText()).as(tests.toPrettyString()).containsOnly("failed");
        assertThat(tests).extracting(t -> t.get("reason").asText())
                .filteredOn(r -> r.startsWith("same stub as the first failure of checkpoint 9.05: not implemented yet"))
                .as(tests.toPrettyString()).hasSize(2);
        JsonNode cp = checkpoints(dir).get("9.05");
        assertThat(cp.get("reason").asText()).startsWith("not implemented yet: checkpoint 9.05");
        assertThat(cp.get("tests").asInt()).isEqualTo(3);
        assertThat(cp.get("passedTests").asInt()).isZero();
    }

    @Test
    @DisplayName("the failure names the failing test by its display name (the RFC sentence) and its message")
    void failureInProtocolTerms(@TempDir Path dir) throws Exception {
        String report = run(dir, CheckpointCatalog.of("day9-sample", List.of(entry("9.06", "rfc", Rfc.class))), Rfc.class);
        JsonNode failure = checkpoints(dir).get("9.06").get("failure");
        assertThat(failure.get("test").asText()).isEqualTo("RFC 9112 §3: a target longer than the limit is 414 at once");
        assertThat(failure.get("message").asText()).contains("expected: 414").contains("but was: 200");
        assertThat(report).contains("test:    RFC 9112 §3: a target longer than the limit is 414 at once")
                .contains("tests:   1 of 1 fail");
    }

    @Test
    @DisplayName("control characters of test data in a display name are shown escaped, on one line")
    void controlsEscaped() {
        assertThat(ProgressListener.escapeControls("GET  / HTTP/1.1\r\n\u0000")).isEqualTo("GET  / HTTP/1.1\\r\\n\\x00");
    }

    @Checkpoint(id = "9.05", title = "three stubs")
    static class ThreeStubs {
        @Test
        void a() {
            throw StubException.notImplemented("9.05", "three stubs", "x#y");
        }

        @Test
        void b() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                throw StubException.notImplemented("9.05", "three stubs", "x#y");
            }).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void c() {
            throw new IllegalStateException("wrapped", StubException.notImplemented("9.05", "three stubs", "x#y"));
        }
    }

    @Checkpoint(id = "9.06", title = "rfc")
    static class Rfc {
        @Test
        @DisplayName("RFC 9112 §3: a target longer than the limit is 414 at once")
        void tooLong() {
            assertThat(200).as("status").isEqualTo(414);
        }
    }

    static class NoCheckpoints {
        @Test
        void plain() {}
    }
}
