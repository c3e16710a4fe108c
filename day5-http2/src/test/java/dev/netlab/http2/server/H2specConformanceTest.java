package dev.netlab.http2.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Require;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An h2spec-style conformance suite: every case of {@code ../shared/conformance/h2spec-catalogue.txt}
 * (summerwind/h2spec's catalogue: RFC 7540 and 7541 sections, mapped to RFC 9113 where they
 * moved), each on a fresh connection to the server under test, which answers {@code GET /} and
 * {@code POST /} with 200 and a body and advertises SETTINGS_MAX_CONCURRENT_STREAMS. Judged as
 * h2spec judges: a required connection error passes on GOAWAY with an allowed code or on a
 * close; a stream error on RST_STREAM or GOAWAY with an allowed code, or a close; "accept"
 * cases need the response (END_STREAM) or the PING ACK that follows. The report says n of them.
 */
@Checkpoint(id = "5.18", title = "h2spec-style conformance: every case of the h2spec catalogue, judged as h2spec judges",
        edit = "dev/netlab/http2/server/Http2Connection.java",
        hint = "read the first failing case: its key names h2spec's file and case, its section the RFC rule; replay it with the frames listed",
        readme = "#conformance-h2spec")
class H2specConformanceTest {
    @Test
    @DisplayName("every case of the h2spec catalogue passes")
    void catalogue() throws Exception {
        Path catalogue = Require.conformance("h2spec-catalogue.txt");
        Map<String, String> listed = new LinkedHashMap<>();
        String file = null;
        int n = 0;
        for (String line : Files.readAllLines(catalogue)) {
            if (line.startsWith("## ")) {
                file = line.substring(3, line.indexOf(' ', 3));
                n = 0;
            } else if (line.startsWith("   - ")) {
                listed.put(file + "#" + (++n), line.trim());
            }
        }
        Map<String, H2specCases.Case> implemented = new LinkedHashMap<>();
        for (H2specCases.Case c : H2specCases.all()) {
            implemented.put(c.key(), c);
        }
        assertThat(implemented.keySet()).as("every catalogue case has its implementation, and no other").containsExactlyInAnyOrderElementsOf(listed.keySet());

        List<String> failed = new ArrayList<>();
        try (TestServer server = TestServer.hello()) {
            Evidence.current().reproduce("h2spec -h 127.0.0.1 -p " + server.port() + "   (the real h2spec, if you have it)");
            for (Map.Entry<String, String> e : listed.entrySet()) {
                H2specCases.Case c = implemented.get(e.getKey());
                String verdict;
                try (H2Client client = H2Client.connect("h2spec " + c.key(), server.port())) {
                    if (c.handshake()) {
                        client.handshake();
                    }
                    verdict = c.check().run(client);
                } catch (Exception | AssertionError ex) {
                    verdict = ex.toString();
                }
                if (verdict != null) {
                    failed.add(c.key() + " (RFC " + c.rfc() + ") " + e.getValue() + "\n      -> " + verdict);
                }
            }
        }
        int passed = listed.size() - failed.size();
        System.out.printf("h2spec-style: %d/%d cases passed%n", passed, listed.size());
        failed.forEach(f -> System.out.println("  FAILED " + f));
        assertThat(failed).as("%d/%d cases passed", passed, listed.size()).isEmpty();
    }
}
