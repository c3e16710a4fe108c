package dev.netlab.link;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A place to send and receive whole Ethernet frames (destination MAC first, no FCS): what
 * the ARP resolver, ping and traceroute of the day talk through. {@link PcapLink} is the
 * real one, on a network interface.
 */
public interface FrameLink extends AutoCloseable {
    /** Puts one frame on the wire. */
    void send(byte[] frame) throws IOException;

    /**
     * The next frame that ARRIVED on the link (never one this side sent), or empty when
     * none came within {@code timeout}.
     */
    Optional<byte[]> receive(Duration timeout) throws IOException;

    /** The interface's name, its MAC address, its IPv4 address and prefix, and the gateway. */
    LinkConfig config();

    @Override
    void close();
}
