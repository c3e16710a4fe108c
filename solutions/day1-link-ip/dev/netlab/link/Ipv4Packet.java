package dev.netlab.link;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 datagram: a validated {@link Ipv4Header} and the data it carries (RFC 791 §3.1).
 * The payload is exactly {@code totalLength - headerLength} octets; anything after the
 * datagram in the buffer (Ethernet padding) is not part of it.
 *
 * @param payload shared, not copied
 */
public record Ipv4Packet(Ipv4Header header, byte[] payload) {
    public Ipv4Packet {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        if (header.headerLength() + payload.length != header.totalLength()) {
            throw new IllegalArgumentException("header says total length " + header.totalLength()
                    + " but header + payload is " + (header.headerLength() + payload.length));
        }
    }

    /** A plain datagram (see {@link Ipv4Header#of}). */
    public static Ipv4Packet of(Inet4Address src, Inet4Address dst, int protocol, int ttl,
                                int identification, byte[] payload) {
        return new Ipv4Packet(Ipv4Header.of(src, dst, protocol, ttl, identification, payload.length), payload);
    }

    public static Ipv4Packet decode(byte[] buf, int off, int len) throws PacketException {
        Ipv4Header header = Ipv4Header.decode(buf, off, len);
        byte[] payload = Arrays.copyOfRange(buf, off + header.headerLength(), off + header.totalLength());
        return new Ipv4Packet(header, payload);
    }

    /** Header (checksum computed) followed by the payload. */
    public byte[] encode() {
        byte[] head = header.encode();
        byte[] out = Arrays.copyOf(head, header.totalLength());
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }
}
