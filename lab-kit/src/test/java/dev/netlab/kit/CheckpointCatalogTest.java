package dev.netlab.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointCatalogTest {
    private static final String SOURCE = """
            package dev.netlab.x;

            /**
             * Not a declaration: {@code @Checkpoint(id = "9.99", title = "in a comment")}
             * @Checkpoint(id = "9.98", title = "in Javadoc")
             */
            @Checkpoint(id = "9.10", title = "the tenth",
                    edit = {"dev/netlab/x/A.java", // the parser
                            "dev/netlab/x/B.java"},
                    hint = "count the octets, "
                            + "then \\"quote\\" them",
                    readme = "#tenth")
            class TenthTest {
                @dev.netlab.kit.Checkpoint(id = "9.2", title = "a method", edit = "dev/netlab/x/C.java")
                void m() {}
            }
            """;

    @Test
    @DisplayName("reads id, title, edit (one or many), concatenated hints and the readme anchor; skips comments; sorts 9.2 before 9.10")
    void parsesAnnotations(@TempDir Path root) throws Exception {
        Path f = root.resolve("day9-sample/src/test/java/dev/netlab/x/TenthTest.java");
        Files.createDirectories(f.getParent());
        Files.writeString(f, SOURCE);
        Files.writeString(root.resolve("day9-sample/pom.xml"), "<project/>");
        CheckpointCatalog c = CheckpointCatalog.read(root, "day9-sample");
        assertThat(c.entries()).extracting(CheckpointCatalog.Entry::id).containsExactly("9.2", "9.10");
        CheckpointCatalog.Entry tenth = c.find("9.10").orElseThrow();
        assertThat(tenth.title()).isEqualTo("the tenth");
        assertThat(tenth.edit()).containsExactly("dev/netlab/x/A.java", "dev/netlab/x/B.java");
        assertThat(tenth.hint()).isEqualTo("count the octets, then \"quote\" them");
        assertThat(tenth.readme()).isEqualTo("#tenth");
        assertThat(tenth.testClass()).isEqualTo("dev.netlab.x.TenthTest");
        assertThat(c.find("9.2").orElseThrow().edit()).containsExactly("dev/netlab/x/C.java");
        assertThat(CheckpointCatalog.moduleOf(root, "9.10")).contains("day9-sample");
    }

    @Test
    @DisplayName("day modules are the dayN-* folders with a pom, in day order (day10 after day9), found, not listed")
    void dayModules(@TempDir Path root) throws Exception {
        for (String d : List.of("day10-late", "day9-sample", "lab-kit", "day2-x")) {
            Files.createDirectories(root.resolve(d));
            Files.writeString(root.resolve(d).resolve("pom.xml"), "<project/>");
        }
        Files.createDirectories(root.resolve("day3-no-pom"));
        assertThat(CheckpointCatalog.dayModules(root)).containsExactly("day2-x", "day9-sample", "day10-late");
    }
}
