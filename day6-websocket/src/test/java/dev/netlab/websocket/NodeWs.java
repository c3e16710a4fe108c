package dev.netlab.websocket;

import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Node's {@code ws}, installed from the npm registry at the version pinned in
 * {@code src/test/node/package-lock.json}, with {@code npm ci} into {@code target/node} (once:
 * kept while the lock file is unchanged). Needs {@code node} and {@code npm}.
 */
public final class NodeWs {
    private NodeWs() {}

    /** The folder holding node_modules/ws and the scripts of src/test/node. */
    public static synchronized Path install() throws IOException {
        Require.tool("node");
        Require.tool("npm");
        Path source = Path.of("src", "test", "node").toAbsolutePath();
        Path dir = Path.of("target", "node").toAbsolutePath();
        Files.createDirectories(dir);
        boolean fresh = Files.exists(dir.resolve("node_modules/ws/package.json"))
                && Files.exists(dir.resolve("package-lock.json"))
                && Files.mismatch(source.resolve("package-lock.json"), dir.resolve("package-lock.json")) == -1;
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (!fresh) {
            Peer.PeerResult r = Peer.exec(List.of(Peer.require("npm").executable().toString(), "ci", "--no-audit", "--no-fund",
                    "--prefix", dir.toString()), Duration.ofMinutes(3), new byte[0], "npm ci (ws, pinned in package-lock.json)");
            if (r.exitCode() != 0 || !Files.exists(dir.resolve("node_modules/ws/package.json"))) {
                throw Require.unmet("npm ci could not install ws from the npm registry: " + r.stderr().strip());
            }
        }
        return dir;
    }

    /** Runs {@code node <script> args...} in the install folder. */
    public static Peer.PeerResult run(Duration timeout, String script, String... args) throws IOException {
        Path dir = install();
        List<String> cmd = new java.util.ArrayList<>(List.of(Peer.require("node").executable().toString(), dir.resolve(script).toString()));
        cmd.addAll(List.of(args));
        return Peer.exec(cmd, timeout, new byte[0], "node " + script + " " + String.join(" ", args));
    }
}
