package dev.netlab.websocket.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.TestServer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Autobahn-style cases 1–7 against the day's server ({@code /echo-plain}), judged with
 * Autobahn's verdicts. A case FAILED is a failed checkpoint; NON_STRICT (failing late rather
 * than fast) is accepted, and reported. The counts are printed on every run.
 */
@Checkpoint(id = "6.17", title = "Conformance: Autobahn-style cases 1-7 and the 132 UTF-8 vectors",
        edit = {"dev/netlab/websocket/connection/WebSocketConnection.java", "dev/netlab/websocket/frame/FrameReader.java",
                "dev/netlab/websocket/message/MessageAssembler.java", "dev/netlab/websocket/message/Utf8Validator.java"},
        hint = "the printed list names each case that is not OK and why; each case is a few frames you can replay with RawClient",
        readme = "#conformance")
class AutobahnConformanceTest {
    @Test
    @DisplayName("cases 1.x-7.x (framing, pings, RSV, opcodes, fragmentation, UTF-8, closing): none FAILED")
    void cases1to7() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<AutobahnCase.Result> results = AutobahnCase.runAll(server.port(), Cases1to7.all(), "Autobahn cases 1-7");
            assertThat(results).hasSize(246);
            assertThat(results).filteredOn(r -> r.verdict() == Verdict.FAILED).as("FAILED cases").isEmpty();
            assertThat(results).filteredOn(r -> r.id().startsWith("6.") && r.id().split("\\.").length == 3
                    && Integer.parseInt(r.id().split("\\.")[1]) >= 5).hasSize(132);
        }
    }
}
