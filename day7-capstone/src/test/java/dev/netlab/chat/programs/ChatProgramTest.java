package dev.netlab.chat.programs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.chat.programs.Readiness;
import dev.netlab.chat.web.ChatSite;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.StubProbe;
import dev.netlab.kit.launch.ProgramProcess;
import dev.netlab.kit.tls.DevCertificates;
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
 * The chat program on your days 3 and 4 (parser, writer; PEM credentials, SNI, ALPN, policy,
 * HSTS, redirect) and your router, driven by curl over HTTPS — both HTTP/2 and HTTP/1.1 by ALPN.
 * Mistakes it catches: a day-3 writer that drops the handler's fields (no CSP reaches the
 * browser); ALPN that does not prefer h2; HSTS missing over TLS, or sent on the plain port
 * (RFC 6797 §7.2); a redirect that loses the target or keeps the plain port; a 426 without its
 * Upgrade field; the Origin check skipped on the wire; a HEAD with a body; a TLS handshake
 * deadline that bounds each read but not the whole handshake (a trickled ClientHello holds its
 * connection for ever: found in the given front door and fixed); the server contract
 * (one READY line, port 0, exit 0 on SIGTERM within the grace period).
 */
@Checkpoint(id = "7.09", title = "The chat program on HTTPS: h2 or HTTP/1.1 by ALPN, the page under a strict CSP, HSTS, the redirect, /metrics, /healthz, refusals",
        edit = {"dev/netlab/chat/web/UpgradeRouter.java"},
        hint = "./lab run day7-capstone starts it; it needs days 3-6 and 7.01-7.06 (its start-up check names what is missing and the command that runs on those days' references)",
        readme = "#the-chat-program")
class ChatProgramTest {
    @TempDir
    Path dir;

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{le=\"([^\"]+)\"\\})? (\\S+)");
    private static final Pattern REDIRECT = Pattern.compile("redirect: http://127\\.0\\.0\\.1:(\\d+)/ .*");

    @Test
    @DisplayName("READY https on port 0; h2 and http/1.1 by ALPN; the page and assets with CSP and HSTS; the 308 redirect without HSTS; /healthz; /metrics; refusals; SIGTERM exits 0")
    void serves() throws Exception {
        Require.tool("curl");
        StubProbe.failIfStub(Duration.ofSeconds(10), () -> Readiness.throwFirstStub(Readiness.chat())); // the chat's own start-up check in this JVM: a stub fails here at once
        try (ProgramProcess program = ProgramProcess.start("chat", "--port", "0", "--redirect-port", "0",
                "--db", dir.resolve("h.db").toString())) {
            String ready = program.awaitReady(Duration.ofSeconds(60));
            assertThat(ready).matches("https://127\\.0\\.0\\.1:\\d+/");
            String port = String.valueOf(java.net.URI.create(ready).getPort());
            String url = "https://localhost:" + port + "/";
            String origin = "https://localhost:" + port;
            String ca = DevCertificates.standard().caCertificate().toString();
            // meanwhile a ClientHello trickled one octet a second, each read well inside the read timeout
            var trickled = java.util.concurrent.CompletableFuture.supplyAsync(() -> trickleClientHello(ready),
                    r -> Thread.ofPlatform().daemon().name("trickle").start(r));
            Peer curl = Peer.require("curl");
            Evidence.current().reproduce("./lab run day7-capstone -- --port 8443   then   "
                    + curl.commandLine("-i", "--cacert", "~/.netlab/tls/ca.crt", "https://localhost:8443/"));

            Peer.PeerResult page = curl.run(Duration.ofSeconds(20), "-si", "--cacert", ca, url).assertSuccess();
            assertThat(page.stdout()).as("ALPN: curl offers h2 and http/1.1, the server prefers h2").startsWith("HTTP/2 200")
                    .contains("content-type: text/html; charset=utf-8")
                    .contains("content-security-policy: " + ChatSite.CONTENT_SECURITY_POLICY)
                    .contains("x-content-type-options: nosniff")
                    .contains("strict-transport-security: max-age=300")
                    .contains("<script src=\"/assets/chat.js\" defer></script>")
                    .doesNotContain("<script>").doesNotContain("onclick=").doesNotContain("style=");
            Peer.PeerResult page1 = curl.run(Duration.ofSeconds(20), "-si", "--http1.1", "--cacert", ca, url).assertSuccess();
            assertThat(page1.stdout()).startsWith("HTTP/1.1 200 OK").contains("Content-Security-Policy: " + ChatSite.CONTENT_SECURITY_POLICY)
                    .contains("Strict-Transport-Security: max-age=300");
            for (String[] asset : new String[][] {{"assets/chat.js", "text/javascript"}, {"assets/chat.css", "text/css"},
                    {"assets/dashboard.js", "text/javascript"}, {"dashboard", "text/html"}, {"assets/icon.svg", "image/svg+xml"}}) {
                for (String version : new String[] {"--http2", "--http1.1"}) {
                    Peer.PeerResult r = curl.run(Duration.ofSeconds(20), "-s", version, "--cacert", ca, "-o", "/dev/null",
                            "-w", "%{http_code} %{content_type}", url + asset[0]).assertSuccess();
                    assertThat(r.stdout()).as("%s %s", version, asset[0]).startsWith("200 " + asset[1]);
                }
            }
            Peer.PeerResult head = curl.run(Duration.ofSeconds(20), "-sI", "--http1.1", "--cacert", ca, url).assertSuccess();
            assertThat(head.stdout()).contains("Content-Length: ").contains("Content-Security-Policy: ");
            assertThat(curl.run(Duration.ofSeconds(20), "-s", "--cacert", ca, "-o", "/dev/null", "-w", "%{http_code}", url + "nowhere").stdout())
                    .isEqualTo("404");
            assertThat(curl.run(Duration.ofSeconds(20), "-si", "--http1.1", "--cacert", ca, "-d", "x=1", url).stdout())
                    .startsWith("HTTP/1.1 405").contains("Allow: GET, HEAD");

            // the plain port: 308 to the same target over HTTPS, and no HSTS there (RFC 6797 §7.2)
            String redirectPort = program.output().stream().map(REDIRECT::matcher).filter(Matcher::matches)
                    .map(m -> m.group(1)).findFirst().orElseThrow(() -> new AssertionError("no redirect line in " + program.output()));
            Peer.PeerResult moved = curl.run(Duration.ofSeconds(20), "-si", "http://localhost:" + redirectPort + "/dashboard?x=1").assertSuccess();
            assertThat(moved.stdout()).startsWith("HTTP/1.1 308").contains("Location: https://localhost:" + port + "/dashboard?x=1")
                    .doesNotContainIgnoringCase("Strict-Transport-Security");

            Peer.PeerResult health = curl.run(Duration.ofSeconds(20), "-s", "--cacert", ca, "-w", "\n%{http_code} %{content_type}",
                    url + "healthz").assertSuccess();
            assertThat(health.stdout()).startsWith("{\"status\":\"ok\",\"connections\":0}").endsWith("\n200 application/json");

            Peer.PeerResult m = curl.run(Duration.ofSeconds(20), "-s", "--cacert", ca, "-w", "\n%{content_type}", url + "metrics").assertSuccess();
            String body = m.stdout().substring(0, m.stdout().lastIndexOf('\n') + 1);
            assertThat(m.stdout().substring(m.stdout().lastIndexOf('\n') + 1)).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(body).contains("chat_connections 0\n", "chat_messages_stored_total 0\n", "chat_delivery_latency_seconds_count 0\n");
            checkExposition(body);

            // the routing on the wire: no upgrade, a foreign page, a wrong place; over h2 no Upgrade field may go out
            assertThat(curl.run(Duration.ofSeconds(20), "-si", "--http1.1", "--cacert", ca, url + "chat").stdout())
                    .startsWith("HTTP/1.1 426").contains("Upgrade: websocket");
            assertThat(curl.run(Duration.ofSeconds(20), "-si", "--cacert", ca, url + "chat").stdout())
                    .startsWith("HTTP/2 426").doesNotContainIgnoringCase("upgrade:");
            String[] upgrade = {"--http1.1", "--cacert", ca, "--max-time", "5", "-H", "Connection: Upgrade", "-H", "Upgrade: websocket",
                    "-H", "Sec-WebSocket-Version: 13", "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="};
            assertThat(curl.run(Duration.ofSeconds(20), concat(new String[] {"-si", "-H", "Origin: https://evil.example"}, upgrade, url + "chat")).stdout())
                    .startsWith("HTTP/1.1 403");
            assertThat(curl.run(Duration.ofSeconds(20), concat(new String[] {"-si"}, upgrade, url + "elsewhere")).stdout()).startsWith("HTTP/1.1 404");
            // the page's own origin passes: day 6 answers 101 (curl then waits for data until --max-time)
            assertThat(curl.run(Duration.ofSeconds(20), concat(new String[] {"-si", "-H", "Origin: " + origin}, upgrade, url + "chat")).stdout())
                    .startsWith("HTTP/1.1 101").contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");

            assertThat(trickled.get(40, java.util.concurrent.TimeUnit.SECONDS))
                    .as("a ClientHello trickled one octet a second is closed at the handshake's deadline of 10 s for the "
                            + "whole handshake (RFC 8446 sets no timer; a read timeout alone never fires): seconds until closed")
                    .isBetween(8.0, 15.0);

            int exit = program.stop(Duration.ofSeconds(10));
            assertThat(exit).as("exit code after SIGTERM (output: %s)", program.output()).isZero();
            assertThat(program.output().stream().filter(l -> l.startsWith("READY ")).count()).as("exactly one READY line").isEqualTo(1);
        }
    }

    /**
     * Connects to {@code ready}'s port and sends the start of a TLS record holding a ClientHello
     * (RFC 8446 §5.1: content type 22, legacy version, a length of 512) one octet a second; the
     * seconds until the server closed, or +∞ if it still held the connection after 30 s.
     */
    private static double trickleClientHello(String ready) {
        byte[] start = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
        long t0 = System.nanoTime();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", java.net.URI.create(ready).getPort())) {
            s.setSoTimeout(1000);
            for (int i = 0; i < 30; i++) {
                s.getOutputStream().write(start[i % start.length]);
                try {
                    if (s.getInputStream().read() == -1) {
                        break;
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    continue;
                }
                break; // an alert: the server gave up on it
            }
            if (System.nanoTime() - t0 > Duration.ofSeconds(29).toNanos()) {
                return Double.POSITIVE_INFINITY;
            }
        } catch (java.io.IOException closed) {
            // reset or broken pipe: closed
        }
        return (System.nanoTime() - t0) / 1e9;
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
