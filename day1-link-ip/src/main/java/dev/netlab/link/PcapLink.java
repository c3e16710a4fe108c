package dev.netlab.link;

import dev.netlab.kit.Require;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * A {@link FrameLink} on a real interface through libpcap (pcap4j): frames go out with
 * {@code pcap_sendpacket} and come in through a capture handle that sees only incoming
 * traffic. Needs root or CAP_NET_RAW. Open it on a thread inside the namespace whose
 * interface it should use ({@code host.run(() -> PcapLink.open(...))}); after that any
 * thread may use it.
 */
public final class PcapLink implements FrameLink {
    private static final int SNAPLEN = 65_536;
    private static final int READ_TIMEOUT_MS = 10;
    /** Pause between polls of an empty ring: small against the RTTs ping reports. */
    private static final long POLL_NANOS = 50_000;

    private final PcapHandle handle;
    private final LinkConfig config;

    private PcapLink(PcapHandle handle, LinkConfig config) {
        this.handle = handle;
        this.config = config;
    }

    /**
     * Opens {@code config.interfaceName()}; {@code bpfFilter} (e.g. {@code "arp or icmp"},
     * or {@code null} for everything) keeps unrelated traffic away.
     */
    public static PcapLink open(LinkConfig config, String bpfFilter) throws IOException {
        Require.captureAccess();
        try {
            PcapNetworkInterface nif = Pcaps.getDevByName(config.interfaceName());
            if (nif == null) {
                throw new IOException("no interface " + config.interfaceName());
            }
            PcapHandle h = new PcapHandle.Builder(config.interfaceName())
                    .snaplen(SNAPLEN)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS)
                    .timeoutMillis(READ_TIMEOUT_MS)
                    .immediateMode(true)
                    .build();
            h.setDirection(PcapHandle.PcapDirection.IN);
            // Non-blocking reads, polled: with libpcap's TPACKET_V3 ring a blocking read on a
            // quiet interface may never honour the read timeout.
            h.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            if (bpfFilter != null) {
                h.setFilter(bpfFilter, BpfProgram.BpfCompileMode.OPTIMIZE);
            }
            return new PcapLink(h, config);
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException("cannot open " + config.interfaceName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void send(byte[] frame) throws IOException {
        try {
            handle.sendPacket(frame);
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException("send on " + config.interfaceName() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                byte[] raw = handle.getNextRawPacket();
                if (raw != null) {
                    return Optional.of(raw);
                }
                if (System.nanoTime() - deadline >= 0) {
                    return Optional.empty();
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        } catch (NotOpenException e) {
            throw new IOException("link " + config.interfaceName() + " is closed", e);
        }
    }

    @Override
    public LinkConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (handle.isOpen()) {
            handle.close();
        }
    }
}
