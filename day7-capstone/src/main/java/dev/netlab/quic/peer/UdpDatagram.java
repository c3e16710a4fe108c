package dev.netlab.quic.peer;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A UDP datagram taken out of a captured Ethernet frame (as {@code LiveCapture} returns them on
 * Linux loopback): Ethernet (14 octets) | IPv4 (IHL × 4) | UDP (8) | payload.
 */
public record UdpDatagram(int sourcePort, int destinationPort, byte[] payload) {
    private static final int ETHERNET = 14;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int PROTOCOL_UDP = 17;

    /** The IPv4/UDP datagram in {@code frame}, or null when it is something else or cut short. */
    public static UdpDatagram fromEthernet(byte[] frame) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        if (frame.length < ETHERNET + 20 + 8 || (b.getShort(12) & 0xffff) != ETHERTYPE_IPV4
                || (frame[ETHERNET + 9] & 0xff) != PROTOCOL_UDP) {
            return null;
        }
        int udp = ETHERNET + (frame[ETHERNET] & 0x0f) * 4;
        if (udp + 8 > frame.length) {
            return null;
        }
        int length = b.getShort(udp + 4) & 0xffff;
        if (length < 8 || udp + length > frame.length) {
            return null;
        }
        return new UdpDatagram(b.getShort(udp) & 0xffff, b.getShort(udp + 2) & 0xffff,
                Arrays.copyOfRange(frame, udp + 8, udp + length));
    }
}
