package dev.netlab.kit.netns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One private host of a {@link LabNetwork}: a network namespace. Commands run inside it
 * with {@link #exec}; Java code runs inside it with {@link #run}, on a platform thread that
 * has entered the namespace (sockets and packet handles must be CREATED on that thread;
 * once created they may be used from any thread).
 */
public final class NetHost {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LabNetwork network;
    private final String name;
    private final String namespace;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private int interfaces;

    NetHost(LabNetwork network, String name, String namespace) {
        this.network = network;
        this.name = name;
        this.namespace = namespace;
    }

    public String name() {
        return name;
    }

    /** The namespace name, as in {@code ip netns exec NAME ...}. */
    public String namespace() {
        return namespace;
    }

    public LabNetwork network() {
        return network;
    }

    synchronized String nextInterfaceName() {
        return "eth" + interfaces++;
    }

    /** Runs a command inside this host ({@code ip netns exec}) to completion or the timeout. */
    public Peer.PeerResult exec(Duration timeout, String... command) {
        List<String> cmd = new ArrayList<>(List.of(LabNetwork.ipPath(), "netns", "exec", namespace));
        cmd.addAll(List.of(command));
        return Peer.exec(cmd, timeout, null, "ip netns exec " + namespace + " " + String.join(" ", command));
    }

    /** Starts a long-running command inside this host; it is killed when the network closes. */
    public Process start(String... command) {
        List<String> cmd = new ArrayList<>(List.of(LabNetwork.ipPath(), "netns", "exec", namespace));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", command) + " in " + namespace, e);
        }
    }

    /** Runs {@code task} on a new platform thread inside this host's namespace and waits for it. */
    public <T> T run(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().name("netns-" + name).daemon().start(() -> {
            try {
                Setns.enter("/run/netns/" + namespace);
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } finally {
            t.join(TimeUnit.SECONDS.toMillis(1));
        }
    }

    /** Starts {@code task} on a daemon platform thread inside this host's namespace (a server, a receiver). */
    public Thread startThread(String threadName, Runnable task) {
        return Thread.ofPlatform().name(threadName).daemon().start(() -> {
            Setns.enter("/run/netns/" + namespace);
            task.run();
        });
    }

    /** Sets a sysctl inside this host, e.g. {@code net.ipv4.ip_forward=1}. */
    public void sysctl(String key, String value) {
        exec(LabNetwork.COMMAND_TIMEOUT, "sysctl", "-qw", key + "=" + value).assertSuccess();
    }

    /** Turns IPv4 forwarding on: this host becomes a router. */
    public NetHost forwarding() {
        sysctl("net.ipv4.ip_forward", "1");
        return this;
    }

    /** Turns IPv6 back on (hosts start with it off to keep captures quiet). */
    public NetHost enableIpv6() {
        sysctl("net.ipv6.conf.all.disable_ipv6", "0");
        sysctl("net.ipv6.conf.default.disable_ipv6", "0");
        return this;
    }

    /** {@code ip route add default via GATEWAY}. */
    public NetHost defaultRoute(String gateway) {
        LabNetwork.ip("-n", namespace, "route", "add", "default", "via", gateway);
        return this;
    }

    /** {@code ip route add DESTINATION via GATEWAY}. */
    public NetHost route(String destination, String gateway) {
        LabNetwork.ip("-n", namespace, "route", "add", destination, "via", gateway);
        return this;
    }

    /**
     * Drops {@code percent}% of the IP packets arriving on {@code iface}, at random (nftables
     * {@code meta protocol { ip, ip6 } numgen random mod 100 < N drop} on the netdev ingress
     * hook). ARP is let through: with ARP lost too, a neighbour resolution sometimes failed all
     * its probes and a {@code connect} ended in "No route to host" before TCP was even tested
     * (a flake of checkpoint 2.15 in CI). The kernel here has no netem qdisc; where it has one,
     * {@code tc qdisc add dev IF root netem loss N%} does much the same (netem drops ARP too).
     */
    public NetHost dropRandomly(String iface, int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0..100: " + percent);
        }
        Require.tool("nft");
        String table = "netlab_loss_" + iface;
        String rules = "table netdev " + table + " {\n"
                + "  chain ingress {\n"
                + "    type filter hook ingress device \"" + iface + "\" priority 0; policy accept;\n"
                + (percent >= 100 ? "    meta protocol { ip, ip6 } counter drop\n"
                        : "    meta protocol { ip, ip6 } numgen random mod 100 < " + percent + " counter drop\n")
                + "  }\n"
                + "}\n";
        List<String> cmd = List.of(LabNetwork.ipPath(), "netns", "exec", namespace, "nft", "-f", "-");
        Peer.exec(cmd, LabNetwork.COMMAND_TIMEOUT, rules.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "nft -f - (loss " + percent + "% on " + iface + ")").assertSuccess();
        return this;
    }

    /** Shapes what leaves {@code iface} with a token bucket: {@code tc qdisc add dev IF root tbf rate R burst B latency L}. */
    public NetHost rateLimit(String iface, String rate, String burst, String latency) {
        exec(LabNetwork.COMMAND_TIMEOUT, "tc", "qdisc", "replace", "dev", iface, "root", "tbf",
                "rate", rate, "burst", burst, "latency", latency).assertSuccess();
        return this;
    }

    /** A permanent neighbour entry: {@code ip neigh replace IP lladdr MAC dev IF nud permanent}. */
    public NetHost neighbour(String ipAddress, String mac, String iface) {
        LabNetwork.ip("-n", namespace, "neigh", "replace", ipAddress, "lladdr", mac, "dev", iface, "nud", "permanent");
        return this;
    }

    /** The MAC address of an interface, e.g. {@code "2a:1f:..."}. */
    public String mac(String iface) {
        return link(iface).path("address").asText();
    }

    /** The interface index. */
    public int ifindex(String iface) {
        return link(iface).path("ifindex").asInt();
    }

    private JsonNode link(String iface) {
        Peer.PeerResult r = Peer.exec(List.of(LabNetwork.ipPath(), "-j", "-n", namespace, "link", "show", "dev", iface),
                LabNetwork.COMMAND_TIMEOUT, null, "ip -j link show").assertSuccess();
        try {
            return JSON.readTree(r.stdout()).path(0);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected output of ip -j link: " + r.stdout(), e);
        }
    }

    void stopProcesses() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    @Override
    public String toString() {
        return name + " (" + namespace + ")";
    }
}
