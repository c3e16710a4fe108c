package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.http1.app.Router;
import dev.netlab.http1.app.StaticFiles;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Require;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Checkpoint(id = "3.18", title = "A real browser: headless Chromium loads a page with 40 assets over keep-alive",
        edit = {"dev/netlab/http1/server/HttpConnection.java", "dev/netlab/http1/app/StaticFiles.java"},
        hint = "every asset must arrive (right Content-Type, exact length) over a few persistent connections: a browser opens at most six per host",
        readme = "#a-real-browser")
class ChromiumTest {
    private static final int ASSETS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A minimal W3C WebDriver client over the JDK's HttpClient (test scope), talking to chromedriver. */
    private record WebDriver(HttpClient http, URI base) {
        JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
            b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                    : b.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                            .header("Content-Type", "application/json");
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(r.body());
            if (r.statusCode() != 200) {
                throw new IOException("WebDriver " + method + " " + path + ": " + r.statusCode() + " " + json);
            }
            return json.get("value");
        }
    }

    @Test
    @DisplayName("every image, the style sheet and the script load; the browser reuses its connections")
    void pageWithManyAssets(@TempDir Path site) throws Exception {
        Require.tool("chromium");
        Path driverBinary = Require.tool("chromedriver");
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>assets</title>"
                + "<link rel=stylesheet href=/style.css></head><body>\n");
        for (int i = 0; i < ASSETS; i++) {
            Files.writeString(site.resolve("img" + i + ".svg"), "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>"
                    + "<rect width='10' height='10' fill='#" + String.format("%06x", i * 40_000) + "'/></svg>");
            html.append("<img src=/img").append(i).append(".svg>\n");
        }
        html.append("<script src=/app.js></script></body></html>");
        Files.writeString(site.resolve("index.html"), html);
        Files.writeString(site.resolve("style.css"), "img { margin: 1px }");
        Files.writeString(site.resolve("app.js"), "document.title = 'loaded';");
        Files.writeString(site.resolve("favicon.ico"), "");

        AtomicInteger requests = new AtomicInteger();
        Router router = new Router().route("GET", "/{path...}", new StaticFiles(site));
        try (TestServer server = TestServer.start(r -> {
            requests.incrementAndGet();
            return router.handle(r);
        })) {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            Process driver = new ProcessBuilder(driverBinary.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Evidence.current().reproduce("chromium --headless --no-sandbox --dump-dom " + server.url("/"));
            try {
                WebDriver wd = new WebDriver(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                        URI.create("http://127.0.0.1:" + port + "/"));
                waitUntilReady(wd);
                JsonNode session = wd.call("POST", "session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                        "browserName", "chrome",
                        "goog:chromeOptions", Map.of("args", new String[] {"--headless=new", "--no-sandbox",
                                "--disable-gpu", "--disable-dev-shm-usage", "--no-proxy-server"})))));
                String id = session.get("sessionId").asText();
                try {
                    wd.call("POST", "session/" + id + "/url", Map.of("url", server.url("/")));
                    JsonNode state = wd.call("POST", "session/" + id + "/execute/sync", Map.of("script",
                            "return {title: document.title, images: document.images.length,"
                                    + " loaded: Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length,"
                                    + " styled: getComputedStyle(document.images[0]).marginTop};", "args", new Object[0]));
                    assertThat(state.get("title").asText()).as("app.js ran (text/javascript served)").isEqualTo("loaded");
                    assertThat(state.get("images").asInt()).isEqualTo(ASSETS);
                    assertThat(state.get("loaded").asInt()).as("images decoded by the browser").isEqualTo(ASSETS);
                    assertThat(state.get("styled").asText()).as("style.css applied (text/css served)").isEqualTo("1px");
                } finally {
                    wd.call("DELETE", "session/" + id, null);
                }
            } finally {
                driver.destroy();
                if (!driver.waitFor(5, TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            }
            int connections = server.server().connectionsAccepted();
            System.out.printf("chromium: %d requests over %d TCP connection(s)%n", requests.get(), connections);
            assertThat(requests.get()).as("requests served").isGreaterThanOrEqualTo(ASSETS + 3);
            // Chromium opens at most 6 connections per host, plus the odd speculative preconnect;
            // without keep-alive it would need one per request.
            assertThat(connections).as("TCP connections for %d requests over keep-alive", requests.get())
                    .isBetween(1, 8);
        }
    }

    private static void waitUntilReady(WebDriver wd) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                JsonNode status = wd.call("GET", "status", null);
                if (status.path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("chromedriver did not start: " + e.getMessage(), e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("chromedriver not ready in 20 s");
            }
            Thread.sleep(100);
        }
    }
}
