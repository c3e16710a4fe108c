package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Require;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * AWS http-desync-guardian's catalogue of requests that proxies and servers may frame
 * differently. A request rated {@code Severe} or {@code Ambiguous} must be refused with 400
 * and a closed connection; a {@code Compliant} one must be accepted (its head parsed).
 * {@code Acceptable} ones are reported only. Checkpoint 3.07.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 18 mutants, 13 killed, no new row needed). In {@code BodyLength}: Transfer-Encoding
 * taken alone when Content-Length is there too (TE.CL); Transfer-Encoding accepted from HTTP/1.0;
 * the first coding taken as the final one; chunked twice accepted; an unknown coding before
 * chunked served instead of 501 (the "Different Transfer-Encoding headers" gaps then pass and are
 * reported stale); only the first Transfer-Encoding line read. In {@code FieldSectionParser}:
 * whitespace between a field name and its colon kept in the name; the leading whitespace of an
 * obs-fold line skipped; look-alike names ({@code Transfer_Encoding}) accepted; a Content-Length
 * that is not 1*DIGIT let through to BodyLength (a 20-digit value is then 413, not 400); CTLs
 * other than NUL and LF accepted in a value; a name octet that is not a tchar accepted; framing
 * names compared case-sensitively. The 5 survivors model real mistakes but cannot show here,
 * because the catalogue reaches {@code BodyLength} only through the parser and each framing rule
 * is checked in both files; each is killed by an earlier checkpoint's row:
 * <ul>
 *   <li>a repeated Content-Length accepted by {@code BodyLength} (the parser refuses the second
 *       line first): 3.03 {@code repeatedContentLength};
 *   <li>a repeated Content-Length accepted by the parser ({@code BodyLength} refuses it): 3.02
 *       {@code contentLengthAtItsLine};
 *   <li>Content-Length read with {@code Long.parseLong} (the parser's 1*DIGIT check runs first):
 *       3.03 {@code invalidContentLength} and {@code tooLarge};
 *   <li>a transfer-coding that is not a token accepted ({@code chunked;x} is not "chunked", so it
 *       is 400 either way in the catalogue): 3.03 {@code transferCodings};
 *   <li>codings compared case-sensitively (no catalogue request spells chunked in capitals):
 *       3.03 {@code chunked} and {@code decodableCodings}.
 * </ul>
 */
@Checkpoint(id = "3.07", title = "http-desync-guardian: ambiguous framing is 400 and close",
        edit = {"dev/netlab/http1/BodyLength.java", "dev/netlab/http1/FieldSectionParser.java"},
        hint = "every request a proxy could frame differently must be refused: 400, closeConnection() true",
        readme = "#conformance")
class DesyncGuardianTest {
    /**
     * Cases where the reference answers differently from the catalogue, each a deliberate
     * choice with its RFC reason. Each is printed with our answer on every run; the list must
     * only shrink: a listed case that starts passing fails the test until it is removed.
     * None of them is served with a guessed framing: every one is refused and closed, or
     * (GET/HEAD) framed by the one Content-Length or chunked rule that RFC 9112 §6.3 gives.
     */
    static final Map<String, String> KNOWN_GAPS = gaps(
            "deliberate: RFC 9110 §9.3.1/§9.3.2 give content in a GET or HEAD no semantics but do not forbid it (a server"
                    + " \"might\" reject it), the framing is unambiguous (one Content-Length, or chunked alone), and llhttp"
                    + " (3.06, content-length.md › Funky `Content-Length` with body) accepts a GET with a body",
            List.of("ambiguous.yaml › Get with a body and Content-Length", "ambiguous.yaml › Get with a body and Transfer-Encoding",
                    "ambiguous.yaml › Head with a body and Content-Length", "ambiguous.yaml › Head with a body and Transfer-Encoding",
                    "real-life-test-cases.yaml › Has a CL in GET", "real-life-test-cases.yaml › Has a TE in GET"),
            "refused, but 505 + close rather than 400: HTTP/0.9 has no version in its request line, so \"HTTP/0.9\" names a"
                    + " major version 0 this server does not speak (RFC 9110 §15.6.6, §6.2)",
            List.of("ambiguous.yaml › Transfer-Encoding for HTTP/0.9", "ambiguous.yaml › Content-Length for HTTP/0.9"),
            "501 + close: compress (LZW) has no decoder here and identity is no transfer coding since RFC 7230 (RFC 9112 §7"
                    + " registry); RFC 9112 §6.1: a coding the server does not understand SHOULD get 501. gzip and deflate"
                    + " before chunked are served (TransferCodings)",
            List.of("more-compliant-tests.yaml › Transfer-Encoding: identity and chunked OK",
                    "more-compliant-tests.yaml › Multiple transfer encoding headers in a single request OK",
                    "rfc-compliant.yaml › Different Transfer-Encoding headers",
                    "rfc-compliant.yaml › Different Transfer-Encoding headers combined"),
            "400 + close: `chunked;custom_param;` and `gzip ;` are not RFC 9112 §7 grammar — a transfer-parameter is"
                    + " token BWS \"=\" BWS ( token / quoted-string ), never a bare name or empty, and chunked defines none",
            List.of("more-compliant-tests.yaml › TE with custom parameters OK",
                    "rfc-compliant.yaml › Transfer-Encoding with a param: chunked;custom_param"),
            "413 + close before the body: Content-Length 4000000 is over our 1 MiB body limit (RFC 9110 §15.5.14);"
                    + " the framing itself is fine",
            List.of("more-compliant-tests.yaml › Large Size OK"),
            "400 + close: a raw non-ASCII request-target and an empty one (two spaces) are not RFC 9112 §3.2 request-targets;"
                    + " §3 says an invalid request-line SHOULD get 400 (or a 301 to the encoded target)",
            List.of("rfc-compliant.yaml › International in URI", "rfc-compliant.yaml › Empty URI"));

    private static Map<String, String> gaps(Object... reasonsAndNames) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < reasonsAndNames.length; i += 2) {
            for (Object name : (List<?>) reasonsAndNames[i + 1]) {
                m.put((String) name, (String) reasonsAndNames[i]);
            }
        }
        return m;
    }

    private record Case(String file, String name, String tier, byte[] request) {}

    private static List<Case> load() throws IOException {
        Path dir = Require.conformance("http-desync-guardian");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode c : yaml.readTree(f.toFile())) {
                    out.add(new Case(f.getFileName().toString(), c.path("name").asText(),
                            c.path("expected").path("tier").asText(), serialise(c)));
                }
            }
        }
        return out;
    }

    /** method SP uri SP version CRLF, name: value CRLF..., CRLF; characters up to 0xFF as octets, others UTF-8. */
    private static byte[] serialise(JsonNode c) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.path("method").asText()).append(' ').append(c.path("uri").asText()).append(' ')
                .append(c.path("version").asText()).append("\r\n");
        for (JsonNode h : c.path("headers")) {
            sb.append(h.path("name").asText()).append(": ").append(h.path("value").asText()).append("\r\n");
        }
        sb.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sb.codePoints().forEach(cp -> {
            if (cp <= 0xFF) {
                out.write(cp);
            } else {
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        });
        return out.toByteArray();
    }

    /** "served", or the exception's status and whether it closes. */
    private static String outcome(byte[] request) {
        RequestParser parser = new RequestParser(Limits.defaults());
        try {
            ParseEvent e = parser.next(ByteBuffer.wrap(request));
            return e instanceof ParseEvent.Head ? "served" : "incomplete";
        } catch (HttpException e) {
            return e.status().code() + (e.closeConnection() ? " + close" : " (kept open)") + ": " + e.detail();
        }
    }

    @Test
    @DisplayName("Severe and Ambiguous requests get 400 + close; Compliant ones are served")
    void catalogue() throws IOException {
        List<Case> cases = load();
        List<String> wrong = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        int judged = 0;
        int gaps = 0;
        for (Case c : cases) {
            String got = outcome(c.request());
            if (KNOWN_GAPS.containsKey(c.file() + " › " + c.name())) {
                gaps++;
                System.out.printf(Locale.ROOT, "  known gap: %s › %s [%s]: %s%n", c.file(), c.name(), c.tier(), got);
                boolean nowRight = switch (c.tier()) {
                    case "Severe", "Ambiguous" -> got.startsWith("400 + close");
                    case "Compliant" -> got.equals("served");
                    default -> false;
                };
                if (nowRight) {
                    stale.add(c.file() + " › " + c.name());
                }
                continue;
            }
            switch (c.tier()) {
                case "Severe", "Ambiguous" -> {
                    judged++;
                    if (!got.startsWith("400 + close")) {
                        wrong.add("%s › %s [%s]: expected 400 + close, got %s".formatted(c.file(), c.name(), c.tier(), got));
                    }
                }
                case "Compliant" -> {
                    judged++;
                    if (!got.equals("served")) {
                        wrong.add("%s › %s [Compliant]: expected it served, got %s".formatted(c.file(), c.name(), got));
                    }
                }
                default -> { }
            }
        }
        assertThat(judged).as("judged cases").isGreaterThan(100);
        System.out.printf(Locale.ROOT, "http-desync-guardian: %d/%d judged cases as required; %d known gaps%n",
                judged - wrong.size(), judged + gaps, gaps);
        assertThat(wrong).as("desync-guardian cases handled wrongly").isEmpty();
        assertThat(stale).as("known gaps that are handled correctly now: remove them from KNOWN_GAPS").isEmpty();
    }
}
