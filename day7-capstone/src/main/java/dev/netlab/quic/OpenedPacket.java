package dev.netlab.quic;

/**
 * A packet with its protection removed (RFC 9001 §5): the header as on the wire, the first
 * octet with its protected bits restored, the full packet number and the decrypted payload
 * (the frames).
 */
public record OpenedPacket(PacketHeader header, int firstByte, long packetNumber, byte[] payload) {
    /** The Packet Number Length field plus one: 1..4 octets. */
    public int packetNumberLength() {
        return (firstByte & 0b11) + 1;
    }

    @Override
    public String toString() {
        return "OpenedPacket[" + header + ", first=0x" + Integer.toHexString(firstByte) + ", pn=" + packetNumber
                + ", payload " + payload.length + " octets]";
    }
}
