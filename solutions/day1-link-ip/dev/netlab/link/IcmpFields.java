package dev.netlab.link;

import static dev.netlab.link.Octets.u16;

import java.util.Arrays;
import java.util.Objects;

/** Validation and octet shuffling shared by the records. */
final class IcmpFields {
    private IcmpFields() {
    }

    static void echo(int identifier, int sequence, byte[] data) {
        Objects.requireNonNull(data, "data");
        if (identifier < 0 || identifier > 0xFFFF || sequence < 0 || sequence > 0xFFFF) {
            throw new IllegalArgumentException("identifier and sequence are 16 bits");
        }
    }

    static void code(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("ICMP type and code are 8 bits: " + value);
        }
    }

    static byte[] withHeader(int restOfHeader, byte[] data) {
        byte[] out = new byte[IcmpMessage.HEADER_LENGTH + data.length];
        Octets.putU32(out, 4, restOfHeader & 0xFFFF_FFFFL);
        System.arraycopy(data, 0, out, IcmpMessage.HEADER_LENGTH, data.length);
        return out;
    }

    /** RFC 792: the quote is the "Internet Header + 64 bits of Original Data Datagram". */
    static byte[] quote(byte[] datagram) {
        int headerLength = datagram.length >= Ipv4Header.MIN_HEADER_LENGTH ? (datagram[0] & 0b0000_1111) * 4 : 0;
        if ((datagram.length == 0 || (datagram[0] & 0xFF) >>> 4 != Ipv4Header.VERSION)
                || headerLength < Ipv4Header.MIN_HEADER_LENGTH || headerLength > datagram.length) {
            throw new IllegalArgumentException("not an IPv4 datagram: cannot quote it");
        }
        int totalLength = Math.max(headerLength, Math.min(datagram.length, u16(datagram, 2)));
        return Arrays.copyOf(datagram, Math.min(totalLength, headerLength + IcmpMessage.QUOTED_DATA_LENGTH));
    }

    /** The quoted octets after the quoted header; empty when the quote holds no whole header. */
    static byte[] afterHeader(byte[] quoted) {
        if (quoted.length < Ipv4Header.MIN_HEADER_LENGTH) {
            return new byte[0];
        }
        int headerLength = (quoted[0] & 0b0000_1111) * 4;
        if (headerLength < Ipv4Header.MIN_HEADER_LENGTH || headerLength > quoted.length) {
            return new byte[0];
        }
        return Arrays.copyOfRange(quoted, headerLength, quoted.length);
    }
}
