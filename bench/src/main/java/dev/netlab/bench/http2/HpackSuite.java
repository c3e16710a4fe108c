package dev.netlab.bench.http2;

import static dev.netlab.bench.http2.H2Servers.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.bench.BenchConfig;
import dev.netlab.bench.BenchSuite;
import dev.netlab.bench.Comparison;
import dev.netlab.bench.JmhRun;
import dev.netlab.http2.hpack.HeaderField;
import dev.netlab.http2.hpack.HpackEncoder;
import dev.netlab.http2.hpack.OctetBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * HPACK (RFC 7541): day 5's reference decoder and encoder against Netty 4.2's on the first
 * {@value HpackBenchmark#BLOCKS} requests of a browser connection ({@link HpackBenchmark}, JMH
 * with the GC profiler: field blocks per second and bytes allocated per block); and the size of
 * the reference encoder's output on hpack-test-case's {@code raw-data} (every story, one encoder
 * context per story, as the day's conformance test does) against nghttp2's encoding of the same
 * headers (the {@code nghttp2} folder). Target (issue 13): at most 1.00× nghttp2's octets.
 * hpack-test-case is read from {@code ../shared/conformance/} beside the project; without it the
 * size comparison is left out with the reason (with {@code CI=true} that fails the suite).
 */
public final class HpackSuite implements BenchSuite {
    private static final String CANDIDATE = "netlab HpackDecoder / HpackEncoder";
    private static final String BASELINE = "Netty 4.2 DefaultHttp2HeadersDecoder / DefaultHttp2HeadersEncoder";
    private static final String BLOCKS_PER_SECOND = "field blocks/s (higher is better)";
    private static final String BYTES_PER_BLOCK = "bytes allocated per field block (lower is better)";

    @Override
    public String id() {
        return "http2-hpack";
    }

    @Override
    public String module() {
        return "day5-http2";
    }

    @Override
    public String title() {
        return "HPACK (RFC 7541): decode and encode vs Netty, encoded size on raw-data vs nghttp2";
    }

    @Override
    public List<Comparison> run(BenchConfig config) throws Exception {
        int[] sizes = new HpackBenchmark().check();
        JmhRun.Scores scores = JmhRun.runWithGcProfiler(config, HpackBenchmark.class);
        int n = HpackBenchmark.BLOCKS;
        List<Comparison> out = new ArrayList<>();
        for (String op : List.of("decode", "encode")) {
            JmhRun.Score c = scores.get(op + "Candidate", Map.of());
            JmhRun.Score b = scores.get(op + "Baseline", Map.of());
            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("candidate", c.describe() + " (one op = " + n + " blocks, a fresh context)");
            notes.put("baseline", b.describe());
            if (op.equals("encode")) {
                notes.put("octets for the " + n + " blocks", fmt("netlab %d, Netty %d", sizes[0], sizes[1]));
            }
            notes.put("load average", fmt("%.1f", H2Servers.loadAverage()));
            out.add(new Comparison(id(), op + ": " + n + " browser requests", BLOCKS_PER_SECOND, c.score() * n, b.score() * n,
                    CANDIDATE, BASELINE, notes));
            out.add(new Comparison(id(), op + ": allocation", BYTES_PER_BLOCK, c.bytesPerOperation() / n,
                    b.bytesPerOperation() / n, CANDIDATE, BASELINE, Map.of()));
        }
        Path cases = testCases();
        if (cases == null) {
            String why = "hpack-test-case not found in ../shared/conformance/ (beside the project): the raw-data size comparison is left out";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why + " (CI=true)");
            }
            System.err.println("bench http2-hpack: " + why);
            return out;
        }
        long[] size = rawDataSizes(cases);
        out.add(new Comparison(id(), "raw-data: encoded octets (" + size[2] + " field blocks in " + size[3] + " stories)",
                "octets (lower is better)", size[0], size[1], "netlab HpackEncoder (4,096-octet table)",
                "nghttp2 (hpack-test-case nghttp2 folder)", Map.of("target", "≤ 1.00×")));
        return out;
    }

    /** {ours, nghttp2's, blocks, stories}. */
    static long[] rawDataSizes(Path cases) throws IOException {
        ObjectMapper json = new ObjectMapper();
        long ours = 0;
        long nghttp2 = 0;
        long blocks = 0;
        long stories = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(cases.resolve("raw-data"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            HpackEncoder encoder = new HpackEncoder(4096);
            for (JsonNode c : json.readTree(file.toFile()).get("cases")) {
                List<HeaderField> fields = new ArrayList<>();
                for (JsonNode h : c.get("headers")) {
                    h.properties().forEach(e -> fields.add(new HeaderField(octets(e.getKey()), octets(e.getValue().asText()))));
                }
                OctetBuffer buffer = new OctetBuffer();
                encoder.encode(fields, buffer);
                ours += buffer.size();
                blocks++;
            }
            for (JsonNode c : json.readTree(cases.resolve("nghttp2").resolve(file.getFileName()).toFile()).get("cases")) {
                nghttp2 += c.get("wire").asText().length() / 2;
            }
            stories++;
        }
        return new long[] {ours, nghttp2, blocks, stories};
    }

    /** hpack-test-case's UTF-8 JSON strings as HPACK octets, one char per octet. */
    private static String octets(String unicode) {
        return new String(unicode.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** {@code ../shared/conformance/hpack-test-case} from the repository root or from bench, or null. */
    static Path testCases() {
        for (Path p : List.of(Path.of("..", "shared", "conformance", "hpack-test-case"),
                Path.of("..", "..", "shared", "conformance", "hpack-test-case"))) {
            if (Files.isDirectory(p.resolve("raw-data"))) {
                return p;
            }
        }
        return null;
    }
}
