package dev.netlab.websocket;

import dev.netlab.kit.Lab;
import dev.netlab.kit.doc.LessonDoc;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The lesson's documentation test: every command block of day6-websocket/README.md that the lesson
 * tells the learner to run is run as the lesson says, and its output compared with the lesson's
 * (lab-kit/README.md#lessons-that-run). On the solutions track only: the outputs are the
 * reference's. Node's {@code ws} client of the lesson ({@code target/node/ws-client.mjs}) is
 * installed first, as checkpoint 6.19 does.
 */
class LessonDocTest {
    @TestFactory
    Stream<DynamicTest> lesson() throws IOException {
        if (Lab.track().equals("solutions")) {
            NodeWs.install();
        }
        return LessonDoc.tests("day6-websocket/README.md");
    }
}
