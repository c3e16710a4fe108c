package dev.netlab.kit.pcap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.pcap4j.util.MacAddress;

/**
 * One end of a synthesised flow: the MAC, IPv4 address and port its packets carry.
 *
 * <p>The synthesised file is always Ethernet II + IPv4, so an address that is not IPv4
 * (IPv6, or an unresolved host name) is shown as {@code 127.0.0.1}; the port is kept.
 */
record Endpoint(MacAddress mac, Inet4Address ip, int port) {
    /** Locally administered (bit 0b0000_0010 of the first octet), unicast: never a real NIC's. */
    static final MacAddress CLIENT_MAC = MacAddress.getByName("02:00:00:00:00:01");
    static final MacAddress SERVER_MAC = MacAddress.getByName("02:00:00:00:00:02");
    static final Inet4Address LOOPBACK = loopback();

    static Endpoint of(MacAddress mac, InetSocketAddress address, int portIfUnknown) {
        if (address == null) {
            return new Endpoint(mac, LOOPBACK, portIfUnknown);
        }
        Inet4Address ip = address.getAddress() instanceof Inet4Address v4 ? v4 : LOOPBACK;
        int port = address.getPort() != 0 ? address.getPort() : portIfUnknown;
        return new Endpoint(mac, ip, port);
    }

    private static Inet4Address loopback() {
        try {
            return (Inet4Address) InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
