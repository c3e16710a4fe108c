package dev.netlab.quic;

/**
 * The four long-header packet types of QUIC version 1 (RFC 9000 §17.2, Table 5): the two
 * bits after the Fixed Bit.
 */
public enum PacketType {
    INITIAL(0b00),
    ZERO_RTT(0b01),
    HANDSHAKE(0b10),
    RETRY(0b11);

    private final int bits;

    PacketType(int bits) {
        this.bits = bits;
    }

    /** The Long Packet Type bits (0..3). */
    public int bits() {
        return bits;
    }

    /** The type whose bits are {@code bits} (0..3). */
    public static PacketType ofBits(int bits) {
        return values()[bits & 0b11];
    }
}
