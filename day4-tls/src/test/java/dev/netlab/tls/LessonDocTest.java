package dev.netlab.tls;

import dev.netlab.kit.doc.LessonDoc;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The lesson's documentation test: every command block of day4-tls/README.md that the lesson tells
 * the learner to run is run as the lesson says, and its output compared with the lesson's
 * (lab-kit/README.md#lessons-that-run). On the solutions track only: the outputs are the
 * reference's.
 */
class LessonDocTest {
    @TestFactory
    Stream<DynamicTest> lesson() {
        return LessonDoc.tests("day4-tls/README.md");
    }
}
