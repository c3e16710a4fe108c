package dev.netlab.link;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * How a host sits on its link: interface name, MAC, IPv4 address with prefix length, and
 * the default gateway (if any) for destinations off the link.
 */
public record LinkConfig(String interfaceName, MacAddress mac, Inet4Address address, int prefixLength,
        Optional<Inet4Address> gateway) {

    public LinkConfig {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32: " + prefixLength);
        }
    }

    /** Whether {@code destination} is on this link (same network under the prefix), so ARP asks for it directly. */
    public boolean onLink(Inet4Address destination) {
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return (toInt(address) & mask) == (toInt(destination) & mask);
    }

    /** The address whose MAC a frame to {@code destination} goes to: the destination itself, or the gateway. */
    public Inet4Address nextHop(Inet4Address destination) {
        if (onLink(destination)) {
            return destination;
        }
        return gateway.orElseThrow(() -> new IllegalStateException(
                destination.getHostAddress() + " is not on " + interfaceName + " and there is no gateway"));
    }

    private static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
    }
}
