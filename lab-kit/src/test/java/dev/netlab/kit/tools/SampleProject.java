package dev.netlab.kit.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A small netlab project made in a temporary folder for the tools' tests: the real parent pom
 * (its module list cut to lab-kit and one sample day), the wrapper, {@code ./lab}, a copy of
 * lab-kit with its compiled classes, and {@code day9-sample}: one checkpoint (9.01, an adder)
 * with its stub, its reference and a lesson ({@link #fuzzable} adds 9.02, a decoder with a fuzz
 * target). Days 1-7 are never touched.
 */
final class SampleProject {
    static final String DAY = "day9-sample";
    static final String STUB_FILE = "exercises/" + DAY + "/dev/netlab/sample/Adder.java";
    static final String REFERENCE_FILE = "solutions/" + DAY + "/dev/netlab/sample/Adder.java";

    static final String STUB = """
            package dev.netlab.sample;

            import dev.netlab.kit.StubException;

            /** Adds two ints (checkpoint 9.01). */
            public final class Adder {
                private Adder() {}

                /** The sum of a and b. */
                public static int add(int a, int b) {
                    throw StubException.notImplemented("9.01", "Adding", "day9-sample/README.md#adding");
                }
            }
            """;

    static final String REFERENCE = STUB.replace(
            "throw StubException.notImplemented(\"9.01\", \"Adding\", \"day9-sample/README.md#adding\");", "return a + b;")
            .replace("import dev.netlab.kit.StubException;\n\n", "");

    static final String TEST = """
            package dev.netlab.sample;

            import static org.assertj.core.api.Assertions.assertThat;

            import dev.netlab.kit.Checkpoint;
            import org.junit.jupiter.api.DisplayName;
            import org.junit.jupiter.api.Test;

            @Checkpoint(id = "9.01", title = "Adding", edit = "dev/netlab/sample/Adder.java",
                    hint = "the plus sign", readme = "#adding")
            class AdderTest {
                @Test
                @DisplayName("two and three make five")
                void adds() {
                    assertThat(Adder.add(2, 3)).isEqualTo(5);
                }
            }
            """;

    static final String README = """
            # Day 9 — a sample

            ## Adding

            Use **the plus sign**: `a + b` (see [the JLS](https://example.org)).

            ```
            $ ./lab test day9-sample
            ```

            ## Next section

            Not part of it.
            """;

    static final String RECORDS_STUB_FILE = "exercises/" + DAY + "/dev/netlab/sample/Records.java";
    static final String RECORDS_REFERENCE_FILE = "solutions/" + DAY + "/dev/netlab/sample/Records.java";
    static final String RECORDS_INPUTS = DAY + "/src/test/resources/dev/netlab/sample/RecordsFuzzTestInputs/decode";

    private static final String RECORDS_BODY =
            "throw StubException.notImplemented(\"9.02\", \"Records\", \"day9-sample/README.md#records\");";

    /** A decoder with a stub (checkpoint 9.02): one length octet, then that many octets. */
    static final String RECORDS_STUB = """
            package dev.netlab.sample;

            import dev.netlab.kit.StubException;

            /** Length-prefixed records (checkpoint 9.02). */
            public final class Records {
                private Records() {}

                /** The record at the start: a length octet, then that many octets; RecordException when they did not all arrive. */
                public static byte[] decode(byte[] octets) throws RecordException {
                    throw StubException.notImplemented("9.02", "Records", "day9-sample/README.md#records");
                }
            }
            """;

    static final String RECORDS_REFERENCE = RECORDS_STUB.replace(RECORDS_BODY, """
            if (octets.length == 0 || 1 + (octets[0] & 0xFF) > octets.length) {
                        throw new RecordException("the record is not all there");
                    }
                    return java.util.Arrays.copyOfRange(octets, 1, 1 + (octets[0] & 0xFF));""")
            .replace("import dev.netlab.kit.StubException;\n\n", "");

    /** A learner's first try: it trusts the length octet. */
    static final String RECORDS_BUGGY = RECORDS_STUB.replace(RECORDS_BODY, """
            if (octets.length == 0) {
                        throw new RecordException("no length octet");
                    }
                    byte[] record = new byte[octets[0] & 0xFF];
                    System.arraycopy(octets, 1, record, 0, record.length);
                    return record;""")
            .replace("import dev.netlab.kit.StubException;\n\n", "");

    static final String RECORD_EXCEPTION = """
            package dev.netlab.sample;

            /** The sample protocol's typed error. */
            public final class RecordException extends Exception {
                public RecordException(String message) {
                    super(message);
                }
            }
            """;

    static final String RECORDS_FUZZ_TEST = """
            package dev.netlab.sample;

            import com.code_intelligence.jazzer.junit.FuzzTest;
            import dev.netlab.kit.Checkpoint;
            import dev.netlab.kit.fuzz.FuzzRule;
            import org.junit.jupiter.api.extension.RegisterExtension;

            @Checkpoint(id = "9.02", title = "Records", edit = "dev/netlab/sample/Records.java",
                    hint = "check the length octet against what arrived", readme = "#records")
            class RecordsFuzzTest {
                @RegisterExtension
                static final FuzzRule RULE = FuzzRule.allowing("Records.decode", RecordException.class);

                @FuzzTest(maxDuration = "10m")
                void decode(byte[] input) {
                    RULE.check(input, () -> Records.decode(input));
                }
            }
            """;

    private SampleProject() {}

    /** Sources only (no build): enough for hint, diff and reset. */
    static Path sources(Path root) throws IOException {
        write(root.resolve(DAY).resolve("pom.xml"), "<project/>");
        write(root.resolve(DAY).resolve("README.md"), README);
        write(root.resolve(DAY).resolve("src/test/java/dev/netlab/sample/AdderTest.java"), TEST);
        write(root.resolve(STUB_FILE), STUB);
        write(root.resolve(REFERENCE_FILE), REFERENCE);
        return root;
    }

    /** A project that builds: the real parent pom, wrapper, lab script and lab-kit, plus the sample day. */
    static Path buildable(Path root, Path realRoot) throws IOException {
        sources(root);
        String parent = Files.readString(realRoot.resolve("pom.xml"), StandardCharsets.UTF_8)
                .replaceFirst("(?s)<modules>.*?</modules>", "<modules>\n    <module>lab-kit</module>\n    <module>" + DAY
                        + "</module>\n  </modules>");
        write(root.resolve("pom.xml"), parent);
        write(root.resolve(DAY).resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>dev.netlab</groupId>
                    <artifactId>netlab</artifactId>
                    <version>0.1.0-SNAPSHOT</version>
                  </parent>
                  <artifactId>day9-sample</artifactId>
                  <dependencies>
                    <dependency>
                      <groupId>dev.netlab</groupId>
                      <artifactId>lab-kit</artifactId>
                    </dependency>
                  </dependencies>
                </project>
                """);
        for (String f : new String[] {"mvnw", "lab", "lab-kit/pom.xml"}) {
            copy(realRoot.resolve(f), root.resolve(f));
        }
        copyTree(realRoot.resolve(".mvn"), root.resolve(".mvn"));
        copyTree(realRoot.resolve("lab-kit/src/main"), root.resolve("lab-kit/src/main"));
        return root;
    }

    /** {@link #buildable} plus a fuzz target: {@code RecordsFuzzTest} (checkpoint 9.02) on the stub of {@code Records}. */
    static Path fuzzable(Path root, Path realRoot) throws IOException {
        buildable(root, realRoot);
        Path pom = root.resolve(DAY).resolve("pom.xml");
        write(pom, Files.readString(pom, StandardCharsets.UTF_8).replace("  </dependencies>", """
                    <dependency>
                      <groupId>com.code-intelligence</groupId>
                      <artifactId>jazzer-junit</artifactId>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>"""));
        write(root.resolve(DAY).resolve("src/main/java/dev/netlab/sample/RecordException.java"), RECORD_EXCEPTION);
        write(root.resolve(DAY).resolve("src/test/java/dev/netlab/sample/RecordsFuzzTest.java"), RECORDS_FUZZ_TEST);
        write(root.resolve(RECORDS_STUB_FILE), RECORDS_STUB);
        write(root.resolve(RECORDS_REFERENCE_FILE), RECORDS_REFERENCE);
        precompiledLabKit(root, realRoot);
        return root;
    }

    /**
     * lab-kit's classes as this build made them, copied into the sample for both tracks, and its
     * compilation switched off there ({@code maven.main.skip}): every Maven run of the sample builds
     * lab-kit too ({@code --also-make}), and compiling all of it from scratch took minutes of the
     * fuzzing test on a loaded machine while telling nothing about {@code ./lab fuzz}.
     */
    private static void precompiledLabKit(Path root, Path realRoot) throws IOException {
        Path built = Stream.of("classes-solutions", "classes-exercises")
                .map(d -> realRoot.resolve("lab-kit/target").resolve(d))
                .filter(d -> Files.isRegularFile(d.resolve("dev/netlab/kit/StubException.class")))
                .findFirst().orElseThrow(() -> new IOException("lab-kit is not compiled under " + realRoot.resolve("lab-kit/target")));
        for (String track : new String[] {"exercises", "solutions"}) {
            copyTree(built, root.resolve("lab-kit/target/classes-" + track));
        }
        Path pom = root.resolve("lab-kit/pom.xml");
        write(pom, Files.readString(pom, StandardCharsets.UTF_8).replaceFirst("\\n  <build>",
                "\n  <properties>\n    <maven.main.skip>true</maven.main.skip>\n  </properties>\n\n  <build>"));
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    copy(p, target);
                }
            }
        }
    }
}
