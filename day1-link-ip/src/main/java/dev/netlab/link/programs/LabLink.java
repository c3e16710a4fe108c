package dev.netlab.link.programs;

import dev.netlab.kit.capture.LiveCapture;
import dev.netlab.link.Day1Network;
import dev.netlab.link.LinkConfig;
import dev.netlab.link.MacAddress;
import dev.netlab.link.PcapLink;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the day-1 programs talk through: either a private lab network they build themselves
 * (the default; removed on exit) or a real interface named with {@code --interface}.
 * Optionally records the lab side's traffic to a pcap file ({@code --capture}).
 */
final class LabLink implements AutoCloseable {
    private final Day1Network network;
    private final PcapLink link;
    private final LiveCapture capture;
    private final Path captureFile;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private LabLink(Day1Network network, PcapLink link, LiveCapture capture, Path captureFile) {
        this.network = network;
        this.link = link;
        this.capture = capture;
        this.captureFile = captureFile;
    }

    /** A lab network ({@code routed} or a single link) with a raw link on host lab's eth0. */
    static LabLink lab(boolean routed, Path captureFile, PrintStream out) throws Exception {
        Day1Network net = routed ? Day1Network.routed() : Day1Network.link();
        try {
            out.println("lab network: " + (routed
                    ? "lab " + Day1Network.LAB_ADDRESS + " -- router " + Day1Network.ROUTER_LAB_SIDE + "|"
                            + Day1Network.ROUTER_FAR_SIDE + " -- far " + Day1Network.FAR_ADDRESS
                    : "lab " + Day1Network.LAB_ADDRESS + " -- peer " + Day1Network.PEER_ADDRESS)
                    + "   (namespaces " + net.lab().namespace().replaceAll("-lab$", "-*") + ", removed on exit)");
            LiveCapture capture = captureFile == null ? null : net.lab().run(() -> LiveCapture.start("eth0", null));
            PcapLink link = net.openLabLink("arp or icmp");
            return new LabLink(net, link, capture, captureFile);
        } catch (Exception | Error e) {
            net.close();
            throw e;
        }
    }

    /** A raw link on a real interface of this machine (its MAC and first IPv4 address). */
    static LabLink real(String interfaceName, Optional<Inet4Address> gateway, Path captureFile) throws Exception {
        NetworkInterface nif = NetworkInterface.getByName(interfaceName);
        if (nif == null) {
            throw new IOException("no interface " + interfaceName);
        }
        byte[] mac = nif.getHardwareAddress();
        InterfaceAddress v4 = nif.getInterfaceAddresses().stream()
                .filter(a -> a.getAddress() instanceof Inet4Address).findFirst()
                .orElseThrow(() -> new IOException(interfaceName + " has no IPv4 address"));
        LinkConfig config = new LinkConfig(interfaceName, mac == null ? MacAddress.ZERO : MacAddress.of(mac),
                (Inet4Address) v4.getAddress(), v4.getNetworkPrefixLength(), gateway);
        LiveCapture capture = captureFile == null ? null : LiveCapture.start(interfaceName, null);
        return new LabLink(null, PcapLink.open(config, "arp or icmp"), capture, captureFile);
    }

    PcapLink link() {
        return link;
    }

    Optional<Day1Network> network() {
        return Optional.ofNullable(network);
    }

    /** Closes this link (capture written, lab network removed) also when the JVM ends on SIGINT/SIGTERM. */
    LabLink closeOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "day1-program-cleanup"));
        return this;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        link.close();
        if (capture != null) {
            capture.stop();
            try {
                capture.writePcap(captureFile);
                System.out.println("capture: " + captureFile + " (" + capture.packets().size()
                        + " packets; tshark -r " + captureFile + ")");
            } catch (IOException e) {
                System.err.println("could not write " + captureFile + ": " + e.getMessage());
            }
        }
        if (network != null) {
            network.close();
        }
    }
}
