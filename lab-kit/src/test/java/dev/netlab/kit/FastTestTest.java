package dev.netlab.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastTestTest {
    @TempDir
    Path root;

    private static final FileTime BUILT = FileTime.fromMillis(1_000_000_000_000L);

    private Path file(String path, long millis) throws Exception {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "x");
        Files.setLastModifiedTime(f, FileTime.fromMillis(millis));
        return f;
    }

    @Test
    @DisplayName("Maven must build again when a pom, given code, a test or an earlier module changed since its build")
    void staleInputs() throws Exception {
        file("pom.xml", 1);
        file("day2/pom.xml", 1);
        file("day2/src/test/java/T.java", 1);
        file("lab-kit/src/main/java/K.java", 1);
        file("exercises/day2/S.java", BUILT.toMillis() + 5_000); // the learner's own save: compiled here
        List<String> cp = List.of(root.resolve("lab-kit/target/classes-exercises").toString(), "/m2/junit.jar");
        assertThat(FastTest.changedSince(root, "day2", cp, BUILT)).isEmpty();

        file("lab-kit/src/main/java/K.java", BUILT.toMillis() + 1);
        assertThat(FastTest.changedSince(root, "day2", cp, BUILT)).hasValueSatisfying(
                why -> assertThat(why).contains("lab-kit/src/main/java/K.java changed"));
        file("lab-kit/src/main/java/K.java", 1);

        file("day2/src/test/java/T.java", BUILT.toMillis() + 1);
        assertThat(FastTest.changedSince(root, "day2", cp, BUILT)).hasValueSatisfying(why -> assertThat(why).contains("T.java"));
        file("day2/src/test/java/T.java", 1);

        file("exercises/lab-kit/E.java", BUILT.toMillis() + 1); // an earlier module's exercises: Maven's
        assertThat(FastTest.changedSince(root, "day2", cp, BUILT)).isPresent();
    }

    @Test
    @DisplayName("a day on its reference is Maven's to run (the loop without Maven serves the exercises track)")
    void referenceOnTheClassPath() throws Exception {
        List<String> cp = List.of(root.resolve("day3/target/classes-solutions").toString());
        assertThat(FastTest.changedSince(root, "day7", cp, BUILT)).hasValue("day3 is on its reference");
    }

    @Test
    @DisplayName("the learner's sources compile into the day's classes; errors come back as Maven prints them")
    void compiles() throws Exception {
        Path ex = root.resolve("exercises/day9/dev/x");
        Files.createDirectories(ex);
        Files.writeString(ex.resolve("A.java"), "package dev.x; public class A { public int f() { return 1; } }\n");
        Path classes = root.resolve("day9/target/classes-exercises");
        Files.createDirectories(classes);
        assertThat(FastTest.compile(root.resolve("exercises/day9"), classes, List.of(classes.toString()))).isNull();
        assertThat(classes.resolve("dev/x/A.class")).exists();

        Files.writeString(ex.resolve("A.java"), "package dev.x; public class A { public int f() { return ; } }\n");
        assertThat(FastTest.compile(root.resolve("exercises/day9"), classes, List.of(classes.toString())))
                .startsWith("lab: your code does not compile:")
                .contains("[ERROR] exercises/day9/dev/x/A.java:[1,");
    }
}
