package dev.netlab.websocket.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.websocket.TestServer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Autobahn-style cases 12 and 13 (permessage-deflate) against {@code /echo}. Offers asking for
 * a server window below 2^15 are declined by design (java.util.zip cannot compress within a
 * smaller window): UNIMPLEMENTED, which Autobahn reports without failing, as long as the
 * connection then works uncompressed.
 */
@Checkpoint(id = "6.18", title = "Conformance: Autobahn-style cases 12-13 (permessage-deflate)",
        edit = {"dev/netlab/websocket/deflate/DeflateNegotiation.java", "dev/netlab/websocket/deflate/MessageDeflater.java",
                "dev/netlab/websocket/deflate/MessageInflater.java", "dev/netlab/websocket/connection/WebSocketConnection.java"},
        hint = "compressed messages carry RSV1 on their first frame only; with server_no_context_takeover reset your deflater after each message",
        readme = "#conformance")
class DeflateConformanceTest {
    @Test
    @DisplayName("cases 12.x (five kinds of payload, 16 octets to 128 KiB) and 13.x (seven offers): none FAILED")
    void cases12and13() throws Exception {
        try (TestServer server = TestServer.start()) {
            List<AutobahnCase.Result> results = AutobahnCase.runAll(server.port(), Cases12and13.all(), "Autobahn cases 12-13");
            assertThat(results).hasSize(50 + 63);
            assertThat(results).filteredOn(r -> r.verdict() == Verdict.FAILED).as("FAILED cases").isEmpty();
            assertThat(results).filteredOn(r -> r.verdict() == Verdict.UNIMPLEMENTED)
                    .as("declined: server_max_window_bits=8 (13.3, 13.5)").hasSize(18);
        }
    }
}
