package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Require;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * llhttp (Node's HTTP parser) as a second opinion: every strict {@code request} case of its
 * test suite, fed to our parser in one piece and one octet at a time. Agreement means we
 * reject what llhttp rejects and accept what it accepts. Lenient cases (llhttp with a
 * leniency flag on) are only reported.
 */
@Checkpoint(id = "3.06", title = "llhttp conformance: accept what llhttp accepts, reject what it rejects",
        edit = {"dev/netlab/http1/RequestParser.java", "dev/netlab/http1/RequestLineParser.java",
                "dev/netlab/http1/FieldSectionParser.java", "dev/netlab/http1/ChunkedDecoder.java"},
        hint = "read the first disagreement: the case's title says which rule llhttp applies; fix that state of your parser",
        readme = "#conformance")
class LlhttpConformanceTest {
    /**
     * Cases where this lab deliberately follows RFC 9110/9112 rather than llhttp, each with
     * its reason. Everything else must agree.
     */
    static final Map<String, String> KNOWN_DEVIATIONS = Map.ofEntries(
            Map.entry("method.md › M-SEARCH request",
                    "RFC 9112 §3.2.4: asterisk-form is only used for a server-wide OPTIONS (M-SEARCH * is SSDP, not HTTP)"),
            Map.entry("method.md › SOURCE request with ICE", "ICE/1.0 is not an HTTP-version (RFC 9112 §2.3)"),
            Map.entry("method.md › OPTIONS request with RTSP", "RTSP/1.0 is not an HTTP-version (RFC 9112 §2.3)"),
            Map.entry("method.md › ANNOUNCE request with RTSP", "ANNOUNCE is an RTSP method: 501 here (RFC 9110 §9.1)"),
            Map.entry("sample.md › No HTTP version", "HTTP/0.9 requests are not part of RFC 9112: 400"));

    /** Whether our parser rejects the input: any HttpException while parsing every message in it. */
    static String verdict(byte[] input, boolean byteAtATime) {
        RequestParser parser = new RequestParser(Limits.defaults());
        ByteBuffer buf = ByteBuffer.allocate(input.length);
        buf.flip();
        int step = byteAtATime ? 1 : Math.max(1, input.length);
        boolean persistent = true;
        try {
            for (int from = 0; from < input.length; from += step) {
                buf.compact();
                buf.put(input, from, Math.min(step, input.length - from));
                buf.flip();
                for (int guard = 0; guard < 1_000_000; guard++) {
                    ParseEvent e = parser.next(buf);
                    if (e instanceof ParseEvent.NeedMore) {
                        break;
                    }
                    if (e instanceof ParseEvent.Head h) {
                        if (switchesProtocols(h.head())) {
                            return "accept"; // like llhttp: the octets after CONNECT/Upgrade are not HTTP
                        }
                        persistent = persistent(h.head());
                    }
                    if (e instanceof ParseEvent.Complete && !persistent) {
                        // a server closes after this response: what follows is never parsed
                        return buf.hasRemaining() || from + step < input.length ? "closed" : "accept";
                    }
                }
            }
            return "accept";
        } catch (HttpException e) {
            return "reject (" + e.getMessage() + ")";
        }
    }

    private static String category(String verdict) {
        return verdict.startsWith("reject") ? "reject" : verdict;
    }

    /** RFC 9112 §9.3: 1.1 persists unless "close"; 1.0 only with "keep-alive". */
    static boolean persistent(RequestHead head) {
        if (head.headers().containsToken("Connection", "close")) {
            return false;
        }
        return head.version().persistentByDefault() || head.headers().containsToken("Connection", "keep-alive");
    }

    private static boolean switchesProtocols(RequestHead head) {
        return head.method().equals("CONNECT")
                || (head.headers().contains("Upgrade") && head.headers().containsToken("Connection", "upgrade"));
    }

    private static String show(byte[] input) {
        String s = new String(input, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n\n    ");
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }

    @Test
    @DisplayName("every strict llhttp request case: same accept/reject verdict, whole and byte at a time")
    void strictRequestCases() throws IOException {
        List<LlhttpCases.Case> cases = LlhttpCases.load(Require.conformance("llhttp/test/request"));
        List<String> disagreements = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        int strict = 0;
        int deviations = 0;
        for (LlhttpCases.Case c : cases) {
            if (!c.type().equals("request")) {
                continue;
            }
            strict++;
            String whole = verdict(c.input(), false);
            String octets = verdict(c.input(), true);
            boolean agrees = category(whole).equals(c.expected()) && category(octets).equals(category(whole));
            if (agrees && KNOWN_DEVIATIONS.containsKey(c.name())) {
                stale.add(c.name());
            }
            if (!agrees) {
                if (!KNOWN_DEVIATIONS.containsKey(c.name())) {
                    disagreements.add("%s%n  llhttp: %s, ours: %s (byte at a time: %s)%n    %s".formatted(c.name(),
                            c.expected(), whole, octets, show(c.input())));
                }
                deviations++;
            }
        }
        assertThat(strict).as("strict request cases found").isGreaterThan(100);
        double rate = 100.0 * (strict - deviations) / strict;
        System.out.printf(Locale.ROOT, "llhttp strict request cases: %d/%d agree (%.1f%%); %d deliberate deviations%n",
                strict - deviations, strict, rate, deviations - disagreements.size());
        assertThat(disagreements).as("cases where our parser and llhttp disagree (%.1f%% agree)", rate).isEmpty();
        assertThat(stale).as("listed deviations that agree with llhttp now: remove them from KNOWN_DEVIATIONS").isEmpty();
    }

    @Test
    @DisplayName("lenient llhttp cases (leniency flags on in llhttp): reported, not enforced")
    void lenientCasesReported() throws IOException {
        List<LlhttpCases.Case> cases = LlhttpCases.load(Require.conformance("llhttp/test/request"));
        int lenient = 0;
        int agree = 0;
        for (LlhttpCases.Case c : cases) {
            if (!c.type().startsWith("request-lenient")) {
                continue;
            }
            lenient++;
            if (category(verdict(c.input(), false)).equals(c.expected())) {
                agree++;
            }
        }
        System.out.printf(Locale.ROOT, "llhttp lenient request cases: %d/%d would agree with lenient llhttp%n", agree, lenient);
        assertThat(lenient).isPositive();
    }
}
