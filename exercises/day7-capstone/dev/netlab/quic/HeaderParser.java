package dev.netlab.quic;

import dev.netlab.kit.StubException;

/**
 * Reads the header of the QUIC packet that starts at {@code offset} of a UDP datagram, as far
 * as it is visible before header protection is removed (RFC 9000 §17).
 *
 * <pre>
 * Long Header Packet {                      1-RTT Packet {
 *   Header Form (1) = 1,                      Header Form (1) = 0,
 *   Fixed Bit (1) = 1,                        Fixed Bit (1) = 1,
 *   Long Packet Type (2),                     Spin Bit (1),
 *   Type-Specific Bits (4),   protected       Reserved Bits (2),        protected
 *   Version (32),                             Key Phase (1),            protected
 *   Destination Connection ID Length (8),     Packet Number Length (2), protected
 *   Destination Connection ID (0..160),       Destination Connection ID (0..160),
 *   Source Connection ID Length (8),          Packet Number (8..32),    protected
 *   Source Connection ID (0..160),            Packet Payload (8..),
 *   Type-Specific Payload (..),             }
 * }
 * Initial: Token Length (i), Token (..), Length (i), Packet Number (8..32), Packet Payload (8..)
 * 0-RTT, Handshake: Length (i), Packet Number (8..32), Packet Payload (8..)
 * Retry: Retry Token (..), Retry Integrity Tag (128)
 * Version Negotiation: Version (32) = 0, ..., Supported Version (32) ...
 * </pre>
 *
 * <p>Your job, {@link #parse}:
 * <ul>
 *   <li>Header Form 0 (bit 0x80 clear): a {@link PacketHeader.ShortHeader}; its connection ID
 *       is {@code shortHeaderDcidLength} octets (not on the wire), the packet number follows
 *       it, the packet runs to the end of the datagram; the spin bit is 0x20.</li>
 *   <li>Version 0: {@link PacketHeader.VersionNegotiation} with the 32-bit versions that
 *       fill the rest of the datagram (at least one, whole versions only), Fixed Bit ignored.</li>
 *   <li>A version other than 1: {@link PacketHeader.OtherVersion}, connection IDs up to 255
 *       octets (RFC 8999), running to the end of the datagram.</li>
 *   <li>Version 1: the type from bits 0x30 ({@link PacketType#ofBits}); Retry: the token is
 *       everything up to the last 16 octets, the integrity tag; Initial: Token Length (i) and
 *       the token; Initial, 0-RTT and Handshake: Length (i), then the packet number offset,
 *       and {@code end = packetNumberOffset + Length} (coalesced packets follow, RFC 9000
 *       §12.2). Tokens are empty for types without one.</li>
 * </ul>
 * Every fault is {@code QuicException.discard(QuicError.PROTOCOL_VIOLATION, ...)} (scope
 * PACKET: an invalid packet is dropped, RFC 9000 §12.2), never another exception:
 * a Fixed Bit of 0 in version 1 or a short header; a version-1 connection ID over 20 octets
 * (RFC 9000 §17.2: "MUST drop the packet"); any field, token or Length that runs past the
 * datagram; a Length of 0; a Retry shorter than its tag; Version Negotiation versions that
 * are not whole 32-bit words; an offset outside the datagram. The datagram is not changed.
 */
public final class HeaderParser {
    private HeaderParser() {}

    /**
     * The header of the packet at {@code offset}; {@code shortHeaderDcidLength} is the length of
     * the connection IDs this endpoint hands out (0..20; a short header does not carry it).
     */
    public static PacketHeader parse(byte[] datagram, int offset, int shortHeaderDcidLength) throws QuicException {
        throw StubException.notImplemented("7.22", "Long and short headers, coalesced packets", "day7-capstone/ADVANCED.md#long-and-short-headers");
    }
}
