package dev.netlab.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Require;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium, driven through Debian's chromedriver (both binaries given, so Selenium
 * Manager never downloads anything): a page that echoes text and binary over WebSocket
 * (Chromium offers permessage-deflate by default), and a page with an {@code EventSource} that
 * loses its stream twice and resumes with {@code Last-Event-ID}, missing nothing.
 */
@Checkpoint(id = "6.20", title = "A real browser: Chromium's WebSocket and EventSource",
        edit = {"dev/netlab/websocket/connection/WebSocketConnection.java", "dev/netlab/websocket/sse/EventLog.java"},
        hint = "open ./lab run day6-websocket in a browser and watch the WebSocket frames and the EventStream tab in the developer tools",
        readme = "#a-real-browser")
class ChromiumTest {
    private static final Logger CDP_LOG = quiet("org.openqa.selenium.devtools");

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static final String ECHO_PAGE = """
            <!doctype html><title>echo</title><script>
            window.result = {events: []};
            const ws = new WebSocket('ws://' + location.host + '/browser-echo');
            ws.binaryType = 'arraybuffer';
            ws.onopen = () => {
              window.result.extensions = ws.extensions;
              ws.send('Hello from Chromium, κόσμε');
              ws.send(new Uint8Array([0, 1, 2, 253, 254, 255]));
              ws.send('x'.repeat(200000));
            };
            ws.onmessage = e => {
              if (typeof e.data === 'string') window.result.events.push('text:' + (e.data.length > 100 ? e.data.length : e.data));
              else window.result.events.push('binary:' + Array.from(new Uint8Array(e.data)).join(','));
              if (window.result.events.length === 3) ws.close(1000, 'done');
            };
            ws.onclose = e => { window.result.close = e.code; window.result.clean = e.wasClean; };
            </script>""";

    private static final String EVENTS_PAGE = """
            <!doctype html><title>events</title><script>
            window.result = {ids: [], data: [], opens: 0, errors: 0};
            const es = new EventSource('/events');
            es.onopen = () => window.result.opens++;
            es.onerror = () => window.result.errors++;
            es.addEventListener('chat', e => { window.result.ids.push(e.lastEventId); window.result.data.push(e.data); });
            </script>""";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(ChromeDriver chrome) {
        return (Map<String, Object>) ((JavascriptExecutor) chrome).executeScript("return window.result;");
    }

    private static void waitFor(java.util.function.BooleanSupplier c, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!c.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    @DisplayName("Chromium echoes text and binary over /echo with permessage-deflate, closes cleanly; its EventSource resumes with Last-Event-ID")
    void browser() throws Exception {
        Path browser = Require.tool("chromium");
        Path driverBinary = Require.tool("chromedriver");
        try (TestServer server = TestServer.start()) {
            server.server().page("/echo.html", "text/html; charset=utf-8", ECHO_PAGE.getBytes(StandardCharsets.UTF_8))
                    .page("/events.html", "text/html; charset=utf-8", EVENTS_PAGE.getBytes(StandardCharsets.UTF_8));
            String base = "http://127.0.0.1:" + server.port();
            // the page's origin is allowed on this endpoint (TestServer's /echo allows only http://allowed.example)
            server.server().websocket(new dev.netlab.websocket.server.Endpoint("/browser-echo",
                    new dev.netlab.websocket.handshake.HandshakePolicy(java.util.Set.of(base), true, List.of(), true),
                    dev.netlab.websocket.server.EchoHandler::new));
            Evidence.current().reproduce("chromium " + base + "/echo.html   (DevTools: Network, WS, Messages)");
            System.setProperty("SE_OFFLINE", "true");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile())
                    .usingAnyFreePort().withLogOutput(OutputStream.nullOutputStream()).build();
            ChromeOptions options = new ChromeOptions().setBinary(browser.toFile()).addArguments("--headless=new", "--no-sandbox",
                    "--disable-gpu", "--disable-dev-shm-usage", "--no-proxy-server", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic");
            ChromeDriver chrome = new ChromeDriver(service, options);
            try {
                chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
                chrome.get(base + "/echo.html");
                waitFor(() -> result(chrome).get("close") != null, Duration.ofSeconds(20));
                Map<String, Object> echo = result(chrome);
                System.out.println("chromium echo: " + echo);
                assertThat((List<Object>) echo.get("events")).containsExactly("text:Hello from Chromium, κόσμε",
                        "binary:0,1,2,253,254,255", "text:200000");
                assertThat((String) echo.get("extensions")).as("Chromium offers permessage-deflate; the server accepted").startsWith("permessage-deflate");
                assertThat(((Number) echo.get("close")).intValue()).isEqualTo(1000);
                assertThat(echo.get("clean")).isEqualTo(true);

                for (int i = 1; i <= 3; i++) {
                    server.log.append("chat", "before " + i); // ids 1-3: a new EventSource starts live, without them
                }
                chrome.get(base + "/events.html");
                waitFor(() -> ((Number) result(chrome).get("opens")).intValue() >= 1, Duration.ofSeconds(10));
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < 3; i++) {
                        server.log.append("chat", "round " + round + " #" + i);
                    }
                    int want = 3 * (round + 1);
                    waitFor(() -> ((List<?>) result(chrome).get("ids")).size() >= want, Duration.ofSeconds(10));
                    if (round < 2) {
                        server.server().dropEventStreams(); // the network fails; the browser reconnects after retry (300 ms)
                        server.log.append("chat", "while away " + round); // must arrive after the reconnect
                        int opens = round + 2;
                        waitFor(() -> ((Number) result(chrome).get("opens")).intValue() >= opens, Duration.ofSeconds(10));
                    }
                }
                waitFor(() -> ((List<?>) result(chrome).get("ids")).size() >= 11, Duration.ofSeconds(10));
                Map<String, Object> events = result(chrome);
                System.out.println("chromium EventSource: " + events + " Last-Event-IDs sent: " + server.server().lastEventIds());
                assertThat((List<Object>) events.get("ids")).as("every event once, in order, across two reconnects")
                        .containsExactly("4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14");
                assertThat(((Number) events.get("opens")).intValue()).isEqualTo(3);
                assertThat(server.server().lastEventIds()).as("the browser's Last-Event-ID on each reconnect").containsExactly("6", "10");
            } finally {
                chrome.quit();
            }
        }
    }
}
