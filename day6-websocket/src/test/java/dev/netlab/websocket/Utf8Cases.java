package dev.netlab.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.kit.Require;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The 132 UTF-8 vectors of Autobahn cases 6.5–6.23, from ../shared/conformance/autobahn/utf8-cases.json. */
public final class Utf8Cases {
    public record Case(String id, String group, boolean valid, byte[] payload) {
        @Override
        public String toString() {
            return id + (valid ? " valid" : " invalid") + " (" + group + ")";
        }
    }

    private Utf8Cases() {}

    public static List<Case> all() throws IOException {
        Path file = Require.conformance("autobahn/utf8-cases.json");
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Case> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            out.add(new Case(c.get("case").asText(), c.get("group").asText(), c.get("valid").asBoolean(),
                    HexFormat.of().parseHex(c.get("payload_hex").asText())));
        }
        return out;
    }
}
