package dev.netlab.tls;

import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Headless Chromium as a plain process (no WebDriver): enough to make it send a ClientHello or dump a page. */
public final class Chromium {
    private Chromium() {}

    /** Flags that keep Chromium offline and quiet: no background requests, no updates, no QUIC. */
    public static final List<String> QUIET = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-quic", "--no-proxy-server");

    /** {@code chromium --dump-dom url} with a throwaway profile; extra flags before the URL. */
    public static Peer.PeerResult dumpDom(String url, Path profile, Duration timeout, String... extra) throws Exception {
        Path binary = Require.tool("chromium");
        Files.createDirectories(profile);
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.addAll(QUIET);
        cmd.add("--user-data-dir=" + profile);
        cmd.addAll(List.of(extra));
        cmd.add("--dump-dom");
        cmd.add(url);
        return Peer.exec(cmd, timeout, null, String.join(" ", cmd));
    }
}
