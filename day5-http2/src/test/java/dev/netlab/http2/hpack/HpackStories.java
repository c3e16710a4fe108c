package dev.netlab.http2.hpack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The "stories" of http2jp/hpack-test-case: {@code {cases: [{seqno, header_table_size?, wire,
 * headers: [{name: value}]}]}}. Cases of one story share one HPACK context, in order. JSON
 * strings are Unicode; HPACK strings are octets, so every name and value becomes its UTF-8
 * octets, one char per octet (the representation {@link HeaderField} uses).
 */
record HpackStories(String folder, String file, List<Case> cases) {
    record Case(int seqno, Integer headerTableSize, byte[] wire, List<HeaderField> headers) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<HpackStories> load(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted()
                    .map(HpackStories::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HpackStories read(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<Case> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                List<HeaderField> headers = new ArrayList<>();
                for (JsonNode h : c.get("headers")) {
                    for (Map.Entry<String, JsonNode> e : h.properties()) {
                        headers.add(new HeaderField(octets(e.getKey()), octets(e.getValue().asText())));
                    }
                }
                JsonNode size = c.get("header_table_size");
                JsonNode wire = c.get("wire");
                cases.add(new Case(c.path("seqno").asInt(), size == null || size.isNull() ? null : size.asInt(),
                        wire == null ? null : HexFormat.of().parseHex(wire.asText()), headers));
            }
            return new HpackStories(file.getParent().getFileName().toString(), file.getFileName().toString(), cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String octets(String unicode) {
        return new String(unicode.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The largest table size a case of this story announces, at least 4096. */
    int maxTableSize() {
        return cases.stream().map(Case::headerTableSize).filter(s -> s != null).mapToInt(Integer::intValue).max().orElse(4096) > 4096
                ? cases.stream().map(Case::headerTableSize).filter(s -> s != null).mapToInt(Integer::intValue).max().orElse(4096)
                : 4096;
    }
}
