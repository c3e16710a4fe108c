package dev.netlab.link;

import dev.netlab.kit.netns.LabNetwork;
import dev.netlab.kit.netns.NetHost;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The private networks of day 1, built from lab-kit namespaces. Your code runs on host
 * {@code lab}, talking raw Ethernet through its {@code eth0}; everything else is the real
 * Linux kernel.
 *
 * <pre>
 *  link():    [lab 10.91.1.1] eth0 ──veth── eth0 [peer 10.91.1.2]
 *
 *  routed():  [lab 10.91.1.1] eth0 ──veth── eth0 [router 10.91.1.254 | 10.91.2.254] eth1 ──veth── eth0 [far 10.91.2.1]
 *             (lab's default gateway is the router; the router forwards)
 * </pre>
 * Addresses exist only inside these namespaces; closing removes them all.
 */
public final class Day1Network implements AutoCloseable {
    public static final String LAB_ADDRESS = "10.91.1.1";
    public static final String PEER_ADDRESS = "10.91.1.2";
    public static final String ROUTER_LAB_SIDE = "10.91.1.254";
    public static final String ROUTER_FAR_SIDE = "10.91.2.254";
    public static final String FAR_ADDRESS = "10.91.2.1";
    /** An address on the lab's link that nobody owns: ARP for it gets no answer. */
    public static final String NOBODY_ADDRESS = "10.91.1.99";
    public static final int PREFIX = 24;

    private final LabNetwork net;
    private final NetHost lab;
    private final NetHost peer;
    private final NetHost router;
    private final NetHost far;

    private Day1Network(LabNetwork net, NetHost lab, NetHost peer, NetHost router, NetHost far) {
        this.net = net;
        this.lab = lab;
        this.peer = peer;
        this.router = router;
        this.far = far;
    }

    /** Two hosts on one link: {@code lab} and {@code peer}. */
    public static Day1Network link() {
        LabNetwork net = LabNetwork.create();
        try {
            NetHost lab = net.host("lab");
            NetHost peer = net.host("peer");
            net.link(lab, LAB_ADDRESS + "/" + PREFIX, peer, PEER_ADDRESS + "/" + PREFIX);
            return new Day1Network(net, lab, peer, null, null);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /** {@code lab}, a {@code router} and a {@code far} host behind it. */
    public static Day1Network routed() {
        LabNetwork net = LabNetwork.create();
        try {
            NetHost lab = net.host("lab");
            NetHost router = net.host("router").forwarding();
            NetHost far = net.host("far");
            net.link(lab, LAB_ADDRESS + "/" + PREFIX, router, ROUTER_LAB_SIDE + "/" + PREFIX);
            net.link(router, ROUTER_FAR_SIDE + "/" + PREFIX, far, FAR_ADDRESS + "/" + PREFIX);
            lab.defaultRoute(ROUTER_LAB_SIDE);
            far.defaultRoute(ROUTER_FAR_SIDE);
            return new Day1Network(net, lab, null, router, far);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    public NetHost lab() {
        return lab;
    }

    public NetHost peer() {
        return require(peer, "peer");
    }

    public NetHost router() {
        return require(router, "router");
    }

    public NetHost far() {
        return require(far, "far");
    }

    /** How {@code lab} sits on its link: eth0, its MAC, 10.91.1.1/24, the router as gateway in {@link #routed()}. */
    public LinkConfig labConfig() {
        return new LinkConfig("eth0", MacAddress.of(lab.mac("eth0")), ipv4(LAB_ADDRESS), PREFIX,
                router == null ? Optional.empty() : Optional.of(ipv4(ROUTER_LAB_SIDE)));
    }

    /** A raw link on {@code lab}'s eth0 (opened inside its namespace), seeing only {@code bpfFilter}. */
    public PcapLink openLabLink(String bpfFilter) throws Exception {
        LinkConfig config = labConfig();
        return lab.run(() -> PcapLink.open(config, bpfFilter));
    }

    public LabNetwork network() {
        return net;
    }

    @Override
    public void close() {
        net.close();
    }

    /** Parses a dotted-quad literal (no DNS). */
    public static Inet4Address ipv4(String literal) {
        try {
            return (Inet4Address) InetAddress.getByName(literal);
        } catch (UnknownHostException | ClassCastException e) {
            throw new IllegalArgumentException("not an IPv4 literal: " + literal, e);
        }
    }

    private static NetHost require(NetHost h, String name) {
        if (h == null) {
            throw new IllegalStateException("this network has no " + name + " host");
        }
        return h;
    }

}
