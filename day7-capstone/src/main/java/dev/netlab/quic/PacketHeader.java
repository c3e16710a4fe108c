package dev.netlab.quic;

import java.util.HexFormat;
import java.util.List;

/**
 * The header of one QUIC packet in a UDP datagram, as read BEFORE header protection is
 * removed (RFC 9000 §17): what is visible on the wire. Offsets are absolute indexes into the
 * datagram; a datagram may hold several packets one after the other (coalesced, RFC 9000
 * §12.2), each ending at {@link #end()}.
 */
public sealed interface PacketHeader
        permits PacketHeader.LongHeader, PacketHeader.ShortHeader, PacketHeader.Retry,
                PacketHeader.VersionNegotiation, PacketHeader.OtherVersion {

    /** Index of the packet's first octet in the datagram. */
    int offset();

    /** Index one past the packet's last octet: where the next coalesced packet starts. */
    int end();

    ConnectionId destination();

    /**
     * An Initial, 0-RTT or Handshake packet of version 1 (RFC 9000 §17.2):
     * the packet number starts at {@code packetNumberOffset} (still protected), and
     * {@code length} octets from there (packet number + protected payload) end the packet.
     *
     * @param token the Initial's token (empty when none, and for the other types)
     */
    record LongHeader(int offset, PacketType type, long version, ConnectionId destination, ConnectionId source,
                      byte[] token, long length, int packetNumberOffset, int end) implements PacketHeader {
        @Override
        public String toString() {
            return type + " v" + Long.toHexString(version) + " dcid=" + destination + " scid=" + source
                    + (token.length > 0 ? " token=" + HexFormat.of().formatHex(token) : "")
                    + " length=" + length + " pn@" + packetNumberOffset + " [" + offset + "," + end + ")";
        }
    }

    /**
     * A 1-RTT packet (RFC 9000 §17.3.1): the destination connection ID has the length the
     * receiver chose itself (it is not on the wire); the packet runs to the end of the datagram.
     */
    record ShortHeader(int offset, boolean spin, ConnectionId destination, int packetNumberOffset, int end)
            implements PacketHeader {}

    /** A Retry packet (RFC 9000 §17.2.5): a token and a 16-octet integrity tag, to the end of the datagram. */
    record Retry(int offset, long version, ConnectionId destination, ConnectionId source, byte[] token,
                 byte[] integrityTag, int end) implements PacketHeader {}

    /** A Version Negotiation packet (RFC 9000 §17.2.1): version 0 and the versions the server supports. */
    record VersionNegotiation(int offset, ConnectionId destination, ConnectionId source, List<Long> versions, int end)
            implements PacketHeader {}

    /**
     * A long header of a version this lab does not speak (RFC 8999 §5.1): only the invariant
     * fields are known; it runs to the end of the datagram. A server answers it with Version
     * Negotiation.
     */
    record OtherVersion(int offset, long version, ConnectionId destination, ConnectionId source, int end)
            implements PacketHeader {}
}
