package dev.netlab.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.http1.app.Router;
import dev.netlab.http1.app.StaticFiles;
import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Require;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium, driven with Selenium 4 through Debian's own chromedriver: both binaries
 * are given explicitly, so Selenium Manager never looks for (or downloads) a driver or a
 * browser, and the test runs offline.
 */
@Checkpoint(id = "3.18", title = "A real browser: headless Chromium loads a page with 40 assets over keep-alive",
        edit = {"dev/netlab/http1/server/HttpConnection.java", "dev/netlab/http1/app/StaticFiles.java"},
        hint = "every asset must arrive (right Content-Type, exact length) over a few persistent connections: a browser opens at most six per host",
        readme = "#a-real-browser")
class ChromiumTest {
    private static final int ASSETS = 40;
    /**
     * Selenium looks for a CDP (DevTools) binding matching the browser's version and warns
     * when the browser is newer than any it ships; this test uses only WebDriver, so that
     * warning is noise. Held in a field: java.util.logging keeps loggers weakly.
     */
    private static final Logger CDP_LOG = quiet("org.openqa.selenium.devtools");

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    @Test
    @DisplayName("every image, the style sheet and the script load; the browser reuses its connections")
    void pageWithManyAssets(@TempDir Path site) throws Exception {
        Path browser = Require.tool("chromium");
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
            Evidence.current().reproduce("chromium --headless --no-sandbox --dump-dom " + server.url("/"));
            // Belt and braces: were Selenium Manager ever started, the Java binding hands it the
            // SE_* system properties, and SE_OFFLINE forbids it any network request or download.
            System.setProperty("SE_OFFLINE", "true");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driverBinary.toFile()) // no Selenium Manager lookup or download
                    .usingAnyFreePort()
                    .withLogOutput(OutputStream.nullOutputStream())
                    .build();
            ChromeOptions options = new ChromeOptions()
                    .setBinary(browser.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--no-proxy-server");
            ChromeDriver chrome = new ChromeDriver(service, options);
            try {
                chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
                chrome.get(server.url("/")); // returns once the load event fired: every asset is in
                @SuppressWarnings("unchecked")
                Map<String, Object> state = (Map<String, Object>) ((JavascriptExecutor) chrome).executeScript(
                        "return {title: document.title, images: document.images.length,"
                                + " loaded: Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length,"
                                + " styled: getComputedStyle(document.images[0]).marginTop};");
                assertThat(state.get("title")).as("app.js ran (text/javascript served)").isEqualTo("loaded");
                assertThat(((Number) state.get("images")).intValue()).isEqualTo(ASSETS);
                assertThat(((Number) state.get("loaded")).intValue()).as("images decoded by the browser").isEqualTo(ASSETS);
                assertThat(state.get("styled")).as("style.css applied (text/css served)").isEqualTo("1px");
            } finally {
                chrome.quit(); // ends the browser and stops chromedriver
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
}
