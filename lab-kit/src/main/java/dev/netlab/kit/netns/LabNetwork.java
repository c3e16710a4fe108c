package dev.netlab.kit.netns;

import dev.netlab.kit.Peer;
import dev.netlab.kit.Require;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Private test hosts on this machine: Linux network namespaces joined by veth pairs,
 * optionally a router between them, packet loss (nftables {@code numgen random}) and rate
 * limits ({@code tc tbf}). Everything it creates is named {@code nl-<pid>-<n>-<host>} and
 * removed by {@link #close()}; a JVM that was killed leaves namespaces behind, which
 * {@link #sweep()} (called by every {@link #create()}) removes once their owner is gone.
 *
 * <pre>{@code
 * try (LabNetwork net = LabNetwork.create()) {
 *     NetHost lab = net.host("lab"), peer = net.host("peer");
 *     net.link(lab, "10.91.1.1/24", peer, "10.91.1.2/24");
 *     lab.exec(Duration.ofSeconds(5), "ping", "-c", "1", "10.91.1.2").assertSuccess();
 * }
 * }</pre>
 *
 * Addresses live only inside these namespaces, so every network may reuse the same ones.
 * Needs root ({@link Require#namespaces()} skips, or in strict mode fails, without it).
 */
public final class LabNetwork implements AutoCloseable {
    /** Every namespace the lab creates starts with this. */
    public static final String PREFIX = "nl-";
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final Path NETNS_DIR = Path.of("/run/netns");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final List<LabNetwork> OPEN = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<LabNetwork> open;
            synchronized (OPEN) {
                open = new ArrayList<>(OPEN);
            }
            open.forEach(LabNetwork::close);
        }, "netlab-namespace-cleanup"));
    }

    private final String token;
    private final Map<String, NetHost> hosts = new LinkedHashMap<>();
    private final List<AutoCloseable> closeFirst = new ArrayList<>();
    private boolean closed;

    private LabNetwork(String token) {
        this.token = token;
    }

    /** A new, empty network. Skips the test (strict: fails) without root. */
    public static LabNetwork create() {
        Require.namespaces();
        sweep();
        LabNetwork net = new LabNetwork(ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        synchronized (OPEN) {
            OPEN.add(net);
        }
        return net;
    }

    /** A new host: a namespace with its loopback up and IPv6 off (quiet captures); see {@link NetHost#enableIpv6()}. */
    public synchronized NetHost host(String name) {
        if (!name.matches("[a-z][a-z0-9]{0,11}")) {
            throw new IllegalArgumentException("host names are 1-12 lower-case letters/digits: " + name);
        }
        if (hosts.containsKey(name)) {
            throw new IllegalArgumentException("host exists: " + name);
        }
        String ns = PREFIX + token + "-" + name;
        ip("netns", "add", ns);
        NetHost h = new NetHost(this, name, ns);
        hosts.put(name, h);
        ip("-n", ns, "link", "set", "lo", "up");
        h.sysctl("net.ipv6.conf.all.disable_ipv6", "1");
        h.sysctl("net.ipv6.conf.default.disable_ipv6", "1");
        return h;
    }

    /**
     * A veth pair between two hosts; each end gets the next free {@code ethN} name of its
     * host and the given address ({@code "10.91.1.1/24"}, or {@code null} for none), and is up.
     */
    public Link link(NetHost a, String addressA, NetHost b, String addressB) {
        String ifA = a.nextInterfaceName();
        String ifB = b.nextInterfaceName();
        ip("link", "add", "name", ifA, "netns", a.namespace(), "type", "veth",
                "peer", "name", ifB, "netns", b.namespace());
        for (var end : List.of(new Object[] {a, ifA, addressA}, new Object[] {b, ifB, addressB})) {
            NetHost h = (NetHost) end[0];
            String ifName = (String) end[1];
            String addr = (String) end[2];
            if (addr != null) {
                ip("-n", h.namespace(), "addr", "add", addr, "dev", ifName);
            }
            ip("-n", h.namespace(), "link", "set", ifName, "up");
        }
        return new Link(a, ifA, addressA, b, ifB, addressB);
    }

    /** Something living in this network's namespaces (a {@link DelayLine}): closed before they are removed. */
    synchronized void closeFirst(AutoCloseable resource) {
        closeFirst.add(resource);
    }

    /** The hosts of this network, by name. */
    public synchronized Map<String, NetHost> hosts() {
        return Map.copyOf(hosts);
    }

    /** Removes every namespace of this network (and with them their veth pairs and rules). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (NetHost h : hosts.values()) {
            h.stopProcesses();
        }
        for (int i = closeFirst.size() - 1; i >= 0; i--) {
            try {
                closeFirst.get(i).close();
            } catch (Exception e) {
                System.err.println("netlab: closing " + closeFirst.get(i) + " failed: " + e);
            }
        }
        for (NetHost h : hosts.values()) {
            Peer.exec(List.of(ipPath(), "netns", "del", h.namespace()), COMMAND_TIMEOUT, null, "ip netns del");
        }
        synchronized (OPEN) {
            OPEN.remove(this);
        }
    }

    /**
     * Removes namespaces named {@code nl-<pid>-...} whose creating process is gone (a JVM
     * killed in the middle of a test). Returns how many it removed.
     */
    public static int sweep() {
        if (!Files.isDirectory(NETNS_DIR)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> entries = Files.list(NETNS_DIR)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(PREFIX)) {
                    continue;
                }
                String[] parts = name.substring(PREFIX.length()).split("-");
                long pid;
                try {
                    pid = Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                Peer.exec(List.of(ipPath(), "netns", "del", name), COMMAND_TIMEOUT, null, "ip netns del " + name);
                removed++;
            }
        } catch (IOException e) {
            return removed;
        }
        return removed;
    }

    static String ipPath() {
        return Peer.find("ip").map(Path::toString).orElse("ip");
    }

    /** Runs {@code ip ARGS...} and throws with its output unless it succeeds. */
    static void ip(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ipPath());
        cmd.addAll(List.of(args));
        Peer.exec(cmd, COMMAND_TIMEOUT, null, "ip " + String.join(" ", args)).assertSuccess();
    }

    /** One veth pair: host {@code a}'s interface {@code ifA} is joined to host {@code b}'s {@code ifB}. */
    public record Link(NetHost a, String ifA, String addressA, NetHost b, String ifB, String addressB) {}
}
