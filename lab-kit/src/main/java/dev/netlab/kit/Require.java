package dev.netlab.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of a test: a tool on the PATH, a privilege, shared data. When one is
 * missing the test skips with the exact reason and install hint; in strict mode
 * ({@code CI=true} or {@code -Dlab.strict=true}) it fails with {@link MissingRequirement}.
 */
public final class Require {
    private Require() {}

    /** Install hints per tool: Debian/Ubuntu, macOS, Windows. */
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("tshark", "sudo apt-get install tshark | brew install wireshark | Windows: install Wireshark and add it to PATH"),
            Map.entry("curl", "sudo apt-get install curl | brew install curl | Windows 10+: curl.exe is built in"),
            Map.entry("nghttp", "sudo apt-get install nghttp2-client | brew install nghttp2"),
            Map.entry("h2load", "sudo apt-get install nghttp2-client | brew install nghttp2"),
            Map.entry("nghttpd", "sudo apt-get install nghttp2-server | brew install nghttp2"),
            Map.entry("openssl", "sudo apt-get install openssl | brew install openssl"),
            Map.entry("wrk", "sudo apt-get install wrk | brew install wrk"),
            Map.entry("chromium", "sudo apt-get install chromium chromium-driver"),
            Map.entry("chromedriver", "sudo apt-get install chromium-driver"),
            Map.entry("node", "sudo apt-get install nodejs npm | brew install node"),
            Map.entry("npm", "sudo apt-get install npm (Debian's nodejs comes without it) | brew install node"),
            Map.entry("ip", "sudo apt-get install iproute2 (Linux only)"),
            Map.entry("tc", "sudo apt-get install iproute2 (Linux only)"),
            Map.entry("nft", "sudo apt-get install nftables (Linux only)"),
            Map.entry("ping", "sudo apt-get install iputils-ping"),
            Map.entry("nc", "sudo apt-get install netcat-openbsd | brew install netcat"),
            Map.entry("socat", "sudo apt-get install socat | brew install socat"),
            Map.entry("testssl", "sudo apt-get install testssl.sh"),
            Map.entry("certutil", "sudo apt-get install libnss3-tools | brew install nss"));

    /** The install hint for a tool, or a generic one. */
    public static String installHint(String tool) {
        return HINTS.getOrDefault(tool, "install " + tool + " and put it on the PATH");
    }

    /** Skips (or, strict, fails) the running test with the reason. Never returns. */
    public static RuntimeException unmet(String reason) {
        if (Boolean.getBoolean("lab.program")) {
            // A program started by ./lab run, not a test: there is nothing to skip.
            throw new IllegalStateException(reason);
        }
        if (Lab.strict()) {
            throw new MissingRequirement(reason);
        }
        Assumptions.abort(reason);
        throw new IllegalStateException("unreachable");
    }

    /** A tool on the PATH; returns its path. */
    public static Path tool(String name) {
        Optional<Path> found = Peer.find(name);
        if (found.isEmpty()) {
            throw unmet("needs `" + name + "` on the PATH: " + installHint(name));
        }
        return found.get();
    }

    /** The Linux kernel: namespaces, veth, nftables exist only there. */
    public static void linux() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            throw unmet("needs Linux (network namespaces); this is " + System.getProperty("os.name"));
        }
    }

    /**
     * Capturing or sending raw packets: root or CAP_NET_RAW (and libpcap). Do not
     * {@code setcap} the java binary: see the README, "Capture privileges".
     */
    public static void captureAccess() {
        linux();
        if (!Privileges.hasCapability(Privileges.CAP_NET_RAW)) {
            throw unmet("needs root or CAP_NET_RAW to capture packets: run the tests with sudo "
                    + "(sudo -E ./mvnw ...), see README.md#capture-privileges");
        }
        if (!LibPcap.available()) {
            throw unmet("needs libpcap: sudo apt-get install libpcap0.8 | macOS: built in | Windows: install Npcap");
        }
    }

    /** Creating network namespaces, veth pairs and nftables rules: root (CAP_SYS_ADMIN + CAP_NET_ADMIN). */
    public static void namespaces() {
        linux();
        if (!Privileges.hasCapability(Privileges.CAP_SYS_ADMIN)
                || !Privileges.hasCapability(Privileges.CAP_NET_ADMIN)) {
            throw unmet("needs root to create network namespaces (ip netns add): run the tests "
                    + "with sudo (sudo -E ./mvnw ...), see README.md#capture-privileges");
        }
        tool("ip");
    }

    /**
     * Shared conformance data at {@code ../shared/conformance/<relative>}: present in CI and
     * on maintainers' machines, absent from a learner's clone.
     */
    public static Path conformance(String relative) {
        Path p = Lab.conformanceDir().resolve(relative);
        if (!Files.exists(p)) {
            throw unmet("needs the shared conformance data at " + p
                    + " (it sits beside the project in CI and on maintainers' machines; see README.md#conformance-data)");
        }
        return p;
    }

    /** Whether a file is readable; used by callers that probe before requiring. */
    static boolean readable(Path p) {
        try {
            return Files.isReadable(p) && Files.size(p) >= 0;
        } catch (IOException e) {
            return false;
        }
    }
}
