package dev.netlab.link;

import dev.netlab.kit.Require;
import dev.netlab.kit.netns.NetHost;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * Frames put on a link from the other end, built with pcap4j: what the kernel of that host
 * would never send by itself (another ping's replies, an ARP reply for someone else). A frame
 * sent before the code under test reads waits for it in its capture ring, ahead of the
 * kernel's own answer.
 */
final class Injector implements AutoCloseable {
    private final PcapHandle handle;

    private Injector(PcapHandle handle) {
        this.handle = handle;
    }

    /** Opens {@code iface} inside {@code host}'s namespace for sending. */
    static Injector on(NetHost host, String iface) throws Exception {
        Require.captureAccess();
        return new Injector(host.run(() -> {
            PcapNetworkInterface nif = Pcaps.getDevByName(iface);
            if (nif == null) {
                throw new IllegalStateException("no interface " + iface + " in " + host);
            }
            return nif.openLive(128, PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS, 10);
        }));
    }

    void send(byte[] frame) throws Exception {
        handle.sendPacket(frame);
    }

    @Override
    public void close() {
        if (handle.isOpen()) {
            handle.close();
        }
    }
}
