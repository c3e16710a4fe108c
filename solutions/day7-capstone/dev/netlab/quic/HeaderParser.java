package dev.netlab.quic;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

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
 * Every fault is {@link QuicException.Scope#PACKET}: an invalid packet is discarded, never a
 * reason to close the connection (RFC 9000 §12.2).
 */
public final class HeaderParser {
    static final int FORM_LONG = 0b1000_0000;
    static final int FIXED_BIT = 0b0100_0000;
    static final int SPIN_BIT = 0b0010_0000;
    static final long VERSION_1 = 0x0000_0001L;
    static final int RETRY_TAG_LENGTH = 16;

    private HeaderParser() {}

    /**
     * The header of the packet at {@code offset}; {@code shortHeaderDcidLength} is the length of
     * the connection IDs this endpoint hands out (a short header does not carry it).
     */
    public static PacketHeader parse(byte[] datagram, int offset, int shortHeaderDcidLength) throws QuicException {
        if (offset < 0 || offset >= datagram.length) {
            throw discard("no packet at offset " + offset + " of a " + datagram.length + "-octet datagram");
        }
        ByteBuffer in = ByteBuffer.wrap(datagram, offset, datagram.length - offset);
        int first = in.get() & 0xff;
        if ((first & FORM_LONG) == 0) {
            return shortHeader(datagram, offset, first, shortHeaderDcidLength);
        }
        long version = uint32(in);
        ConnectionId dcid = connectionId(in, version, "Destination");
        ConnectionId scid = connectionId(in, version, "Source");
        if (version == 0) {
            return versionNegotiation(in, offset, dcid, scid);
        }
        if (version != VERSION_1) {
            return new PacketHeader.OtherVersion(offset, version, dcid, scid, datagram.length);
        }
        // RFC 9000 §17.2: "Packets containing a zero value for this bit are not valid packets in
        // this version and MUST be discarded."
        if ((first & FIXED_BIT) == 0) {
            throw discard("the Fixed Bit is 0 in a version 1 long header");
        }
        PacketType type = PacketType.ofBits(first >>> 4);
        if (type == PacketType.RETRY) {
            if (in.remaining() < RETRY_TAG_LENGTH) {
                throw discard("a Retry packet shorter than its 16-octet integrity tag");
            }
            byte[] token = new byte[in.remaining() - RETRY_TAG_LENGTH];
            in.get(token);
            byte[] tag = new byte[RETRY_TAG_LENGTH];
            in.get(tag);
            return new PacketHeader.Retry(offset, version, dcid, scid, token, tag, datagram.length);
        }
        byte[] token = new byte[0];
        if (type == PacketType.INITIAL) {
            long tokenLength = varint(in, "Token Length");
            if (tokenLength > in.remaining()) {
                throw discard("Token Length " + tokenLength + " runs past the datagram (" + in.remaining() + " octets left)");
            }
            token = new byte[(int) tokenLength];
            in.get(token);
        }
        long length = varint(in, "Length");
        int packetNumberOffset = in.position();
        // RFC 9000 §17.2: Length is "the length of the remainder of the packet (that is, the
        // Packet Number and Payload fields) in bytes"; it must lie within the datagram.
        if (length > in.remaining()) {
            throw discard("Length " + length + " runs past the datagram (" + in.remaining() + " octets left)");
        }
        if (length < 1) {
            throw discard("Length " + length + " leaves no room for a packet number");
        }
        return new PacketHeader.LongHeader(offset, type, version, dcid, scid, token, length, packetNumberOffset,
                packetNumberOffset + (int) length);
    }

    private static PacketHeader shortHeader(byte[] datagram, int offset, int first, int dcidLength) throws QuicException {
        if ((first & FIXED_BIT) == 0) {
            throw discard("the Fixed Bit is 0 in a short header");
        }
        if (dcidLength < 0 || dcidLength > ConnectionId.MAX_LENGTH_V1) {
            throw new IllegalArgumentException("connection IDs of version 1 have 0..20 octets: " + dcidLength);
        }
        int pnOffset = offset + 1 + dcidLength;
        if (pnOffset >= datagram.length) {
            throw discard("a short header cut short: no room for its " + dcidLength + "-octet connection ID and a packet number");
        }
        return new PacketHeader.ShortHeader(offset, (first & SPIN_BIT) != 0,
                ConnectionId.of(datagram, offset + 1, dcidLength), pnOffset, datagram.length);
    }

    private static PacketHeader versionNegotiation(ByteBuffer in, int offset, ConnectionId dcid, ConnectionId scid)
            throws QuicException {
        if (in.remaining() == 0 || in.remaining() % 4 != 0) {
            throw discard("a Version Negotiation packet's version list must be whole 32-bit versions, got "
                    + in.remaining() + " octets");
        }
        List<Long> versions = new ArrayList<>(in.remaining() / 4);
        while (in.hasRemaining()) {
            versions.add(uint32(in));
        }
        return new PacketHeader.VersionNegotiation(offset, dcid, scid, List.copyOf(versions), in.limit());
    }

    private static ConnectionId connectionId(ByteBuffer in, long version, String which) throws QuicException {
        if (!in.hasRemaining()) {
            throw discard("the header ends before the " + which + " Connection ID Length");
        }
        int length = in.get() & 0xff;
        // RFC 9000 §17.2: "Endpoints that receive a version 1 long header with a value larger
        // than 20 MUST drop the packet." Other versions may use up to 255 (RFC 8999 §5.1).
        if (version == VERSION_1 && length > ConnectionId.MAX_LENGTH_V1) {
            throw discard(which + " Connection ID Length " + length + " is over 20 in version 1");
        }
        if (length > in.remaining()) {
            throw discard(which + " Connection ID of " + length + " octets runs past the datagram");
        }
        byte[] id = new byte[length];
        in.get(id);
        return ConnectionId.of(id);
    }

    private static long uint32(ByteBuffer in) throws QuicException {
        if (in.remaining() < 4) {
            throw discard("the header ends inside a 32-bit version");
        }
        return in.getInt() & 0xffff_ffffL;
    }

    private static long varint(ByteBuffer in, String field) throws QuicException {
        try {
            return VarInt.read(in);
        } catch (QuicException e) {
            throw discard("the header ends inside " + field + ": " + e.getMessage());
        }
    }

    private static QuicException discard(String why) {
        return QuicException.discard(QuicError.PROTOCOL_VIOLATION, why);
    }

}
