package dev.netlab.http2.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import dev.netlab.kit.Evidence;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.tls.DevCertificates;
import dev.netlab.http2.programs.SiteHandler;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
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
 * Independent HTTP/2 implementations against the server: nghttp2's client and load generator,
 * curl (libcurl + nghttp2), and headless Chromium over TLS. Mistakes they catch: everything a
 * real client does that a hand-written test forgets — priorities sent before the request
 * (nghttp), a hundred streams in flight (h2load -m), the upgrade-less prior-knowledge start
 * (curl), ALPN and many streams at once from a browser.
 */
@Checkpoint(id = "5.19", title = "Real peers: nghttp, h2load, curl (prior knowledge, TLS), headless Chromium with nextHopProtocol h2",
        edit = "dev/netlab/http2/server/Http2Connection.java",
        hint = "run the same commands by hand against ./lab run day5-http2 and read nghttp -nv's frame log",
        readme = "#real-clients")
class RealPeersTest {
    private static final Logger CDP_LOG = quiet("org.openqa.selenium.devtools");

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static TestServer site(boolean tls) throws java.io.IOException {
        return TestServer.start(new SiteHandler(), ServerSettings.defaults(), tls ? DevCertificates.standard().serverContext() : null);
    }

    @Test
    @DisplayName("nghttp -nv -a GETs the page and its 22 assets over one connection; all 200, no RST_STREAM, no GOAWAY")
    void nghttp() throws Exception {
        Peer nghttp = Peer.require("nghttp");
        try (TestServer server = site(false)) {
            Evidence.current().reproduce(nghttp.commandLine("-nv", "-a", server.url("/")));
            Peer.PeerResult r = nghttp.run(Duration.ofSeconds(30), "-nv", "-a", server.url("/")).assertSuccess();
            assertThat(r.stdout()).contains("recv SETTINGS frame").contains(":status: 200").contains("recv DATA frame")
                    .contains("/img/19.svg").doesNotContain("recv RST_STREAM").doesNotContain("recv GOAWAY");
            long streams = r.stdout().lines().filter(l -> l.contains(":status: 200")).count();
            assertThat(streams).as("the page, style.css, app.js and 20 tiles").isEqualTo(23);
        }
    }

    @Test
    @DisplayName("h2load -n 2000 -c 4 -m 50: every request succeeds")
    void h2load() throws Exception {
        Peer h2load = Peer.require("h2load");
        try (TestServer server = site(false)) {
            Peer.PeerResult r = h2load.run(Duration.ofSeconds(60), "-n", "2000", "-c", "4", "-m", "50", server.url("/style.css")).assertSuccess();
            assertThat(r.stdout()).contains("2000 succeeded, 0 failed, 0 errored").contains("Application protocol: h2c");
        }
    }

    @Test
    @DisplayName("curl --http2-prior-knowledge (h2c) and curl --http2 over TLS (ALPN h2); curl --http2 on http:// upgrades")
    void curl() throws Exception {
        Peer curl = Peer.require("curl");
        try (TestServer h2c = site(false)) {
            Peer.PeerResult pk = curl.run(Duration.ofSeconds(20), "-sv", "--http2-prior-knowledge", "-o", "/dev/null", h2c.url("/")).assertSuccess();
            assertThat(pk.stderr()).contains("< HTTP/2 200").contains("content-type: text/html");
            Peer.PeerResult up = curl.run(Duration.ofSeconds(20), "-sv", "--http2", "-d", "ping", h2c.url("/echo")).assertSuccess();
            assertThat(up.stderr()).contains("< HTTP/1.1 101 Switching Protocols").contains("< HTTP/2 200");
            assertThat(up.stdout()).isEqualTo("ping");
        }
        try (TestServer tls = site(true)) {
            String url = "https://localhost:" + tls.port() + "/";
            Evidence.current().reproduce(curl.commandLine("-v", "--http2", "--cacert", DevCertificates.standard().caCertificate().toString(), url));
            Peer.PeerResult r = curl.run(Duration.ofSeconds(20), "-sv", "--http2", "--cacert",
                    DevCertificates.standard().caCertificate().toString(), "-o", "/dev/null", url).assertSuccess();
            assertThat(r.stderr()).contains("ALPN: server accepted h2").contains("< HTTP/2 200");
            Peer.PeerResult h1 = curl.run(Duration.ofSeconds(20), "-sv", "--http1.1", "--cacert",
                    DevCertificates.standard().caCertificate().toString(), "-o", "/dev/null", url).assertSuccess();
            assertThat(h1.stderr()).as("HTTP/1.1 is the fallback").contains("< HTTP/1.1 200");
        }
    }

    @Test
    @DisplayName("headless Chromium loads the page over TLS: every resource entry reports nextHopProtocol h2")
    void chromium() throws Exception {
        Require.tool("chromium");
        Require.tool("chromedriver");
        DevCertificates certs = DevCertificates.standard();
        // Chromium trusts exactly the server's key (its SPKI hash), without touching any trust store
        byte[] spki = certs.server().certificate().getPublicKey().getEncoded();
        String pin = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        try (TestServer server = site(true)) {
            System.setProperty("SE_OFFLINE", "true");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Require.tool("chromedriver").toFile()).usingAnyFreePort()
                    .withLogOutput(OutputStream.nullOutputStream()).build();
            ChromeOptions options = new ChromeOptions().setBinary(Require.tool("chromium").toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-proxy-server",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                            "--disable-quic", "--ignore-certificate-errors-spki-list=" + pin);
            ChromeDriver chrome = new ChromeDriver(service, options);
            try {
                chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
                chrome.get("https://localhost:" + server.port() + "/");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> entries = (List<Map<String, Object>>) ((JavascriptExecutor) chrome).executeScript(
                        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                                + ".map(e => ({name: e.name, protocol: e.nextHopProtocol}));");
                assertThat(entries).hasSizeGreaterThanOrEqualTo(23);
                assertThat(entries).allSatisfy(e -> assertThat(e.get("protocol")).as("%s", e.get("name")).isEqualTo("h2"));
                assertThat(chrome.findElement(org.openqa.selenium.By.id("protocol")).getText()).isEqualTo("protocol: h2");
            } finally {
                chrome.quit();
            }
        }
    }
}
