package dev.netlab.chat;

import dev.netlab.kit.doc.LessonDoc;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The lessons' documentation test: every command block of day7-capstone/README.md, ADVANCED.md and
 * CLUSTER.md that the lesson tells the learner to run is run as the lesson says, and its output
 * compared with the lesson's (lab-kit/README.md#lessons-that-run). On the solutions track only: the
 * outputs are the reference's.
 */
class LessonDocTest {
    @TestFactory
    Stream<DynamicTest> lesson() {
        return LessonDoc.tests("day7-capstone/README.md");
    }

    @TestFactory
    Stream<DynamicTest> advanced() {
        return LessonDoc.tests("day7-capstone/ADVANCED.md");
    }

    @TestFactory
    Stream<DynamicTest> cluster() {
        return LessonDoc.tests("day7-capstone/CLUSTER.md");
    }
}
