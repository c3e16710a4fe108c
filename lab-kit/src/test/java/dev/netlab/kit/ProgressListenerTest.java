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
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

    private String run(Path dir, Class<?>... classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> c : classes) {
            request.selectors(selectClass(c));
        }
        launcher.execute(request.build(), new ProgressListener(dir, out));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("checkpoints.json has one entry per checkpoint with status and reason, in id order")
    void writesCheckpointsJson(@TempDir Path dir) throws Exception {
        run(dir, Samples.MethodLevel.class, Samples.Green.class, Samples.Stubbed.class);
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode n : json.readTree(dir.resolve("checkpoints.json").toFile())) {
            assertThat(n.properties()).extracting(Map.Entry::getKey).containsExactly("id", "title", "status", "reason");
            byId.put(n.get("id").asText(), n);
        }
        assertThat(byId.keySet()).containsExactly("9.01", "9.02", "9.03", "9.04");
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
    @DisplayName("tests.json lists every test with its checkpoint (null outside checkpoints) for the stub audit")
    void writesTestsJson(@TempDir Path dir) throws Exception {
        run(dir, Samples.MethodLevel.class);
        JsonNode tests = json.readTree(dir.resolve("tests.json").toFile());
        Map<String, String> checkpointByName = new LinkedHashMap<>();
        tests.forEach(t -> checkpointByName.put(t.get("name").asText(), t.get("checkpoint").isNull() ? null : t.get("checkpoint").asText()));
        String cls = "ProgressListenerTest$Samples$MethodLevel";
        assertThat(checkpointByName).containsEntry(cls + "#notACheckpoint", null).containsEntry(cls + "#needsTool", "9.04");
        assertThat(checkpointByName).containsEntry(cls + "#positive [2] 2", "9.03");
        assertThat(checkpointByName.keySet()).filteredOn(n -> n.startsWith(cls + "#positive")).hasSize(3);
    }

    @Test
    @DisplayName("the report shows the bar, n/m, the table and the first failing checkpoint's edit, hint, readme and failure")
    void printsReport(@TempDir Path dir) {
        String report = run(dir, Samples.Green.class, Samples.Stubbed.class);
        assertThat(report).contains("1/2 checkpoints").contains("█").contains("░")
                .contains("✔ 9.02  all green").contains("✘ 9.01  a stub")
                .contains("Next: 9.01  a stub")
                .contains("edit:    exercises/").contains("dev/netlab/x/Stubbed.java")
                .contains("hint:    write it")
                .contains("README.md#stubbed")
                .contains("failure: not implemented yet: checkpoint 9.01");
        assertThat(dir.resolve("report.txt")).hasContent(report);
    }

    @Test
    @DisplayName("a run without checkpoints prints nothing and writes no checkpoints.json")
    void silentWithoutCheckpoints(@TempDir Path dir) {
        assertThat(run(dir, NoCheckpoints.class)).isEmpty();
        assertThat(dir.resolve("checkpoints.json")).doesNotExist();
        assertThat(dir.resolve("tests.json")).exists();
    }

    static class NoCheckpoints {
        @Test
        void plain() {}
    }
}
