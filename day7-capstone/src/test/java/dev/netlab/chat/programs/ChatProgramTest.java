package dev.netlab.chat.programs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.web.ChatSite;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.launch.ProgramProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat program on your day 3 (parser, writer) and your router, driven by curl. Mistakes it
 * catches: a day-3 writer that drops the handler's fields (no CSP reaches the browser); a 426
 * without its Upgrade field; the Origin check skipped on the wire; a HEAD with a body; the
 * server contract (one READY line, port 0, exit 0 on SIGTERM within the grace period).
 */
@Checkpoint(id = "7.09", title = "The chat program on your day 3: the page under a strict CSP, /metrics, /healthz, refused upgrades",
        edit = {"dev/netlab/chat/web/UpgradeRouter.java"},
        hint = "./lab run day7-capstone starts it; it needs day 3's parser and writer (3.05, 3.08) and 7.01-7.06 (its start-up check names what is missing)",
        readme = "#the-chat-program")
class ChatProgramTest {
    @TempDir
    Path dir;

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{le=\"([^\"]+)\"\\})? (\\S+)");

    @Test
    @DisplayName("READY on port 0; the page and its assets with the security fields; /healthz; refusals; SIGTERM exits 0")
    void serves() throws Exception {
        Require.tool("curl");
        try (ProgramProcess program = ProgramProcess.start("chat", "--port", "0", "--db", dir.resolve("h.db").toString())) {
            String url = program.awaitReady(Duration.ofSeconds(60));
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/");
            String origin = url.substring(0, url.length() - 1);
            Peer curl = Peer.require("curl");
            Evidence.current().reproduce("./lab run day7-capstone -- --port 8080   then   " + curl.commandLine("-i", "http://127.0.0.1:8080/"));

            Peer.PeerResult page = curl.run(Duration.ofSeconds(20), "-si", url).assertSuccess();
            assertThat(page.stdout()).startsWith("HTTP/1.1 200 OK")
                    .contains("Content-Type: text/html; charset=utf-8")
                    .contains("Content-Security-Policy: " + ChatSite.CONTENT_SECURITY_POLICY)
                    .contains("X-Content-Type-Options: nosniff")
                    .contains("<script src=\"/assets/chat.js\" defer></script>")
                    .doesNotContain("<script>").doesNotContain("onclick=").doesNotContain("style=");
            for (String[] asset : new String[][] {{"assets/chat.js", "text/javascript"}, {"assets/chat.css", "text/css"},
                    {"assets/dashboard.js", "text/javascript"}, {"dashboard", "text/html"}, {"assets/icon.svg", "image/svg+xml"}}) {
                Peer.PeerResult r = curl.run(Duration.ofSeconds(20), "-s", "-o", "/dev/null", "-w", "%{http_code} %{content_type}", url + asset[0]).assertSuccess();
                assertThat(r.stdout()).as(asset[0]).startsWith("200 " + asset[1]);
            }
            Peer.PeerResult head = curl.run(Duration.ofSeconds(20), "-sI", url).assertSuccess();
            assertThat(head.stdout()).contains("Content-Length: ").contains("Content-Security-Policy: ");
            assertThat(curl.run(Duration.ofSeconds(20), "-s", "-o", "/dev/null", "-w", "%{http_code}", url + "nowhere").stdout()).isEqualTo("404");
            assertThat(curl.run(Duration.ofSeconds(20), "-si", "-d", "x=1", url).stdout()).startsWith("HTTP/1.1 405").contains("Allow: GET, HEAD");

            Peer.PeerResult health = curl.run(Duration.ofSeconds(20), "-s", "-w", "\n%{http_code} %{content_type}", url + "healthz").assertSuccess();
            assertThat(health.stdout()).startsWith("{\"status\":\"ok\",\"connections\":0}").endsWith("\n200 application/json");

            // the routing on the wire: no upgrade, a foreign page, a wrong place
            Peer.PeerResult plain = curl.run(Duration.ofSeconds(20), "-si", url + "chat").assertSuccess();
            assertThat(plain.stdout()).startsWith("HTTP/1.1 426").contains("Upgrade: websocket");
            String[] upgrade = {"-H", "Connection: Upgrade", "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13",
                    "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="};
            assertThat(curl.run(Duration.ofSeconds(20), concat(new String[] {"-si", "-H", "Origin: http://evil.example"}, upgrade, url + "chat")).stdout())
                    .startsWith("HTTP/1.1 403");
            assertThat(curl.run(Duration.ofSeconds(20), concat(new String[] {"-si"}, upgrade, url + "elsewhere")).stdout()).startsWith("HTTP/1.1 404");
            // the page's own origin passes the check; the WebSocket engine arrives with day 6 (501 until then)
            assertThat(curl.run(Duration.ofSeconds(20), concat(new String[] {"-si", "-H", "Origin: " + origin}, upgrade, url + "chat")).stdout())
                    .doesNotStartWith("HTTP/1.1 403").doesNotStartWith("HTTP/1.1 426");

            int exit = program.stop(Duration.ofSeconds(10));
            assertThat(exit).as("exit code after SIGTERM (output: %s)", program.output()).isZero();
            assertThat(program.output().stream().filter(l -> l.startsWith("READY ")).count()).as("exactly one READY line").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("/metrics is the Prometheus text format 0.0.4: HELP and TYPE first, counters _total, cumulative buckets ending at +Inf = _count")
    void metrics() throws Exception {
        Require.tool("curl");
        try (ProgramProcess program = ProgramProcess.start("chat", "--port", "0", "--db", dir.resolve("h.db").toString())) {
            String url = program.awaitReady(Duration.ofSeconds(60));
            Peer.PeerResult r = Peer.require("curl").run(Duration.ofSeconds(20), "-s", "-w", "\n%{content_type}", url + "metrics").assertSuccess();
            String body = r.stdout().substring(0, r.stdout().lastIndexOf('\n') + 1);
            assertThat(r.stdout().substring(r.stdout().lastIndexOf('\n') + 1)).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(body).contains("chat_connections 0\n", "chat_messages_stored_total 0\n", "chat_delivery_latency_seconds_count 0\n");
            checkExposition(body);
            program.stop(Duration.ofSeconds(10));
        }
    }

    /** The rules of the text format this server relies on (prometheus.io, "Exposition formats"). */
    static void checkExposition(String body) {
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Map<String, List<double[]>> buckets = new HashMap<>();
        Map<String, Double> counts = new HashMap<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("# HELP ")) {
                helped.add(line.split(" ")[2]);
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] f = line.split(" ");
                assertThat(f).as(line).hasSize(4);
                assertThat(f[3]).as(line).isIn("counter", "gauge", "histogram");
                assertThat(types.put(f[2], f[3])).as("one TYPE line per family: %s", f[2]).isNull();
                assertThat(helped).as("HELP before TYPE for %s", f[2]).contains(f[2]);
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a sample line: %s", line).isTrue();
            String name = m.group(1);
            double value = Double.parseDouble(m.group(4));
            String family = name.replaceAll("_(bucket|sum|count)$", "");
            String type = types.containsKey(name) ? types.get(name) : types.get(family);
            assertThat(type).as("a TYPE line before the sample %s", line).isNotNull();
            if (type.equals("counter")) {
                assertThat(name).endsWith("_total");
                assertThat(value).isGreaterThanOrEqualTo(0);
            }
            if (name.endsWith("_bucket")) {
                double le = m.group(3).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(3));
                buckets.computeIfAbsent(family, k -> new ArrayList<>()).add(new double[] {le, value});
            } else if (name.endsWith("_count") && "histogram".equals(types.get(family))) {
                counts.put(family, value);
            }
        }
        assertThat(buckets).isNotEmpty();
        buckets.forEach((family, list) -> {
            for (int i = 1; i < list.size(); i++) {
                assertThat(list.get(i)[0]).as("%s: bounds increase", family).isGreaterThan(list.get(i - 1)[0]);
                assertThat(list.get(i)[1]).as("%s: cumulative counts", family).isGreaterThanOrEqualTo(list.get(i - 1)[1]);
            }
            double[] last = list.get(list.size() - 1);
            assertThat(last[0]).as("%s ends with le=\"+Inf\"", family).isInfinite();
            assertThat(last[1]).as("%s: +Inf bucket = _count", family).isEqualTo(counts.get(family));
        });
    }

    private static String[] concat(String[] a, String[] b, String last) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        all.add(last);
        return all.toArray(String[]::new);
    }
}
