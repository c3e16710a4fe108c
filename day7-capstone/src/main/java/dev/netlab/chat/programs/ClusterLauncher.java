package dev.netlab.chat.programs;

import dev.netlab.chat.cluster.RedisServer;
import dev.netlab.kit.launch.Launcher;
import dev.netlab.kit.launch.ServerContract;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code chat --cluster N} (CLUSTER.md): a private {@code redis-server} and N chat instances,
 * each a child JVM running {@code chat --redis URL} on consecutive ports. Each instance's output
 * is shown prefixed with its number; its READY line too, on stderr; the launcher's own single
 * {@code READY} line (stdout) names the first instance once all are ready. SIGINT/SIGTERM stop
 * the instances (each closes its clients with 1001), then Redis. An instance killed meanwhile
 * ({@code kill -9 PID}: the PIDs are printed) stays down: its members vanish after the presence
 * TTL and its clients reconnect elsewhere.
 */
final class ClusterLauncher {
    private ClusterLauncher() {}

    static int run(ChatCommand o) throws Exception {
        Path dir = o.redisDir != null ? o.redisDir : Files.createTempDirectory("netlab-chat-redis-");
        RedisServer redis = RedisServer.start(dir, 0);
        System.err.println("cluster: redis-server pid " + redis.process().pid() + " at " + redis.url()
                + " (append-only file, fsync always, in " + dir + ")");
        List<Process> instances = new ArrayList<>();
        try {
            String first = null;
            List<CompletableFuture<String>> readies = new ArrayList<>();
            for (int i = 0; i < o.cluster; i++) {
                int port = o.port == 0 ? 0 : o.port + i;
                List<String> args = new ArrayList<>(List.of("--host", o.host, "--port", Integer.toString(port),
                        "--redirect-port", "-1", "--redis", redis.url(), "--presence-ttl", Double.toString(o.presenceTtl),
                        "--rate", Double.toString(o.rate), "--burst", Integer.toString(o.burst),
                        "--max-connections", Integer.toString(o.maxConnections), "--hsts-max-age", Long.toString(o.hstsMaxAge)));
                for (String origin : o.extraOrigins) {
                    args.addAll(List.of("--allow-origin", origin));
                }
                if (o.http1Only) {
                    args.add("--http1-only");
                }
                if (o.plain) {
                    args.add("--plain");
                }
                CompletableFuture<String> ready = new CompletableFuture<>();
                instances.add(start(i + 1, args, ready));
                readies.add(ready);
            }
            for (int i = 0; i < o.cluster; i++) { // started together, reported in order
                String url = readies.get(i).get(120, TimeUnit.SECONDS);
                System.err.println("cluster: instance " + (i + 1) + " pid " + instances.get(i).pid() + " READY " + url);
                if (first == null) {
                    first = url;
                }
            }
            ServerContract.ready(first);
            ServerContract.awaitShutdown(() -> stop(instances, redis));
            return 0;
        } catch (Exception e) {
            stop(instances, redis);
            throw e;
        }
    }

    private static Process start(int n, List<String> args, CompletableFuture<String> ready) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        for (String p : List.of("lab.root", "lab.module", "lab.track")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "chat"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread.ofPlatform().daemon().name("instance-" + n + "-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        ready.complete(line.substring(6).trim());
                    } else {
                        System.err.println("[" + n + "] " + line);
                    }
                }
            } catch (IOException ignored) {
                // the instance ended
            }
            ready.completeExceptionally(new IllegalStateException("instance " + n + " ended without a READY line"));
        });
        return p;
    }

    private static void stop(List<Process> instances, RedisServer redis) {
        for (Process p : instances) {
            p.destroy();
        }
        for (Process p : instances) {
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            redis.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
