package dev.netlab.link;

import dev.netlab.kit.StubException;

/**
 * An ICMP message for IPv4, RFC 792.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Echo: Identifier             |  Echo: Sequence Number        |
 * |  Errors (3, 11): unused (zero)                                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Echo: Data ...                                               |
 * |  Errors: Internet Header + 64 bits of Original Data Datagram  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Your job: {@code decode} needs 8 octets (else TRUNCATED) and a checksum over the
 * whole message that verifies (else BAD_CHECKSUM); it then picks the record by type:
 * echo request/reply with code 0, destination unreachable, time exceeded, and
 * {@link Other} for the rest (its {@code rest} is everything after the checksum).
 * {@code encode} computes the checksum. The error records decode their quoted header
 * with {@link Ipv4Header#decodeQuoted} and hand out the octets after it; the factories
 * quote "the internet header plus the first 64 bits of the original datagram's data"
 * (RFC 792): the whole header with its options (its IHL says how long), then 8 octets.
 */
public sealed interface IcmpMessage {
    int ECHO_REPLY = 0;
    int DESTINATION_UNREACHABLE = 3;
    int ECHO_REQUEST = 8;
    int TIME_EXCEEDED = 11;

    int NET_UNREACHABLE = 0;
    int HOST_UNREACHABLE = 1;
    int PROTOCOL_UNREACHABLE = 2;
    int PORT_UNREACHABLE = 3;
    int FRAGMENTATION_NEEDED = 4;

    int TTL_EXCEEDED_IN_TRANSIT = 0;
    int FRAGMENT_REASSEMBLY_TIME_EXCEEDED = 1;

    /** Type, code, checksum and the 4-octet rest of the header. */
    int HEADER_LENGTH = 8;
    /** RFC 792: errors quote the "Internet Header + 64 bits of Original Data Datagram". */
    int QUOTED_DATA_LENGTH = 8;

    /** The ICMP type. */
    int type();

    /** The ICMP code. */
    int code();

    record EchoRequest(int identifier, int sequence, byte[] data) implements IcmpMessage {
        public int type() {
            return ECHO_REQUEST;
        }

        public int code() {
            return 0;
        }

        /** The matching reply: same identifier, sequence and data. */
        public EchoReply reply() {
            throw StubException.notImplemented("1.07", "ICMP echo and error messages", "day1-link-ip/README.md#icmp");
        }
    }

    record EchoReply(int identifier, int sequence, byte[] data) implements IcmpMessage {
        public int type() {
            return ECHO_REPLY;
        }

        public int code() {
            return 0;
        }
    }

    record DestinationUnreachable(int code, byte[] quoted) implements IcmpMessage {
        public int type() {
            return DESTINATION_UNREACHABLE;
        }

        /** The quoted datagram's header (its total length may exceed the quote). */
        public Ipv4Header quotedHeader() throws PacketException {
            throw StubException.notImplemented("1.07", "ICMP echo and error messages", "day1-link-ip/README.md#icmp");
        }

        /** The quoted octets after the quoted header; empty if the quote holds no whole header. */
        public byte[] quotedPayload() {
            throw StubException.notImplemented("1.07", "ICMP echo and error messages", "day1-link-ip/README.md#icmp");
        }
    }

    record TimeExceeded(int code, byte[] quoted) implements IcmpMessage {
        public int type() {
            return TIME_EXCEEDED;
        }

        /** The quoted datagram's header (its total length may exceed the quote). */
        public Ipv4Header quotedHeader() throws PacketException {
            throw StubException.notImplemented("1.07", "ICMP echo and error messages", "day1-link-ip/README.md#icmp");
        }

        /** The quoted octets after the quoted header; empty if the quote holds no whole header. */
        public byte[] quotedPayload() {
            throw StubException.notImplemented("1.07", "ICMP echo and error messages", "day1-link-ip/README.md#icmp");
        }
    }

    /** Any other type (or an echo with a non-zero code); {@code rest}: the octets after the checksum. */
    record Other(int type, int code, byte[] rest) implements IcmpMessage {
    }

    /** Time Exceeded, TTL exceeded in transit, quoting the datagram's header + 8 data octets. */
    static TimeExceeded timeExceeded(byte[] originalDatagram) {
        throw StubException.notImplemented("1.07", "ICMP echo and error messages", "day1-link-ip/README.md#icmp");
    }

    /** Time Exceeded with the given code, quoting the datagram's header + 8 data octets. */
    static TimeExceeded timeExceeded(int code, byte[] originalDatagram) {
        throw StubException.notImplemented("1.07", "ICMP echo and error messages", "day1-link-ip/README.md#icmp");
    }

    /** Destination Unreachable with the given code, quoting the datagram's header + 8 data octets. */
    static DestinationUnreachable destinationUnreachable(int code, byte[] originalDatagram) {
        throw StubException.notImplemented("1.07", "ICMP echo and error messages", "day1-link-ip/README.md#icmp");
    }

    /** Decodes the ICMP message of {@code len} octets at {@code off}. */
    static IcmpMessage decode(byte[] buf, int off, int len) throws PacketException {
        throw StubException.notImplemented("1.07", "ICMP echo and error messages", "day1-link-ip/README.md#icmp");
    }

    /** The message with its checksum computed. */
    default byte[] encode() {
        throw StubException.notImplemented("1.07", "ICMP echo and error messages", "day1-link-ip/README.md#icmp");
    }
}
