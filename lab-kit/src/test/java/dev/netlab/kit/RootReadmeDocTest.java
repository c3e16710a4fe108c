package dev.netlab.kit;

import dev.netlab.kit.doc.LessonDoc;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The root README's documentation test: every command block of "how the lab works" that a
 * learner is told to run is run, and its output compared with the README's
 * (lab-kit/README.md#lessons-that-run).
 */
class RootReadmeDocTest {
    @TestFactory
    Stream<DynamicTest> readme() {
        return LessonDoc.tests("README.md");
    }
}
