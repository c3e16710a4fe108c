package dev.netlab.chat.browser;

import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import dev.netlab.kit.tls.DevCertificates;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium for the chat's tests, driven through Debian's chromedriver (both
 * binaries given, so Selenium Manager never downloads anything), trusting exactly the lab CA:
 * Chromium on Linux reads {@code $HOME/.pki/nssdb}, so each browser gets a throwaway HOME whose
 * NSS database, made with {@code certutil}, holds the lab CA and nothing else. No
 * {@code --ignore-certificate-errors} anywhere.
 */
final class Browser implements AutoCloseable {
    final ChromeDriver driver;
    final Path home;

    private Browser(ChromeDriver driver, Path home) {
        this.driver = driver;
        this.home = home;
    }

    /** A browser whose HOME is {@code home}; {@code extraArgs} such as {@code --disable-http2}. */
    static Browser start(Path home, String... extraArgs) throws Exception {
        Path chromium = Require.tool("chromium");
        Path chromedriver = Require.tool("chromedriver");
        Path certutil = Require.tool("certutil");
        Path nssdb = Files.createDirectories(home.resolve(".pki/nssdb"));
        Peer.exec(List.of(certutil.toString(), "-N", "-d", "sql:" + nssdb, "--empty-password"), Duration.ofSeconds(30), null,
                "certutil -N").assertSuccess();
        Peer.exec(List.of(certutil.toString(), "-A", "-d", "sql:" + nssdb, "-n", "netlab-dev-ca", "-t", "C,,",
                "-i", DevCertificates.standard().caCertificate().toString()), Duration.ofSeconds(30), null, "certutil -A").assertSuccess();
        System.setProperty("SE_OFFLINE", "true");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().withEnvironment(Map.of("HOME", home.toString()))
                .withLogOutput(OutputStream.nullOutputStream()).build();
        List<String> args = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-proxy-server", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1000,700", "--user-data-dir=" + home.resolve("profile")));
        args.addAll(List.of(extraArgs));
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments(args);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, home);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until {@code condition} holds; false after {@code timeout}. */
    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    /** A PNG of the page as it is now, written to {@code file}. */
    Path screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
