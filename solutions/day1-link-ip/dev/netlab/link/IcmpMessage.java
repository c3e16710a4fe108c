package dev.netlab.link;

import static dev.netlab.link.Octets.putU16;
import static dev.netlab.link.Octets.u16;
import static dev.netlab.link.Octets.u8;

import java.util.Arrays;
import java.util.Objects;

/**
 * An ICMP message for IPv4, RFC 792. Every message starts with the same 4 octets; the
 * checksum covers the whole ICMP message (RFC 792: "the 16-bit one's complement of the
 * one's complement sum of the ICMP message starting with the ICMP Type").
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
 * Byte arrays in the records are shared, not copied.
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

    int type();

    int code();

    record EchoRequest(int identifier, int sequence, byte[] data) implements IcmpMessage {
        public EchoRequest {
            IcmpFields.echo(identifier, sequence, data);
        }

        public int type() {
            return ECHO_REQUEST;
        }

        public int code() {
            return 0;
        }

        /** RFC 792: "the source and destination addresses are simply reversed, the type code changed to 0". */
        public EchoReply reply() {
            return new EchoReply(identifier, sequence, data);
        }
    }

    record EchoReply(int identifier, int sequence, byte[] data) implements IcmpMessage {
        public EchoReply {
            IcmpFields.echo(identifier, sequence, data);
        }

        public int type() {
            return ECHO_REPLY;
        }

        public int code() {
            return 0;
        }
    }

    /** The datagram it answers is quoted: its header and at least 8 octets of its data. */
    record DestinationUnreachable(int code, byte[] quoted) implements IcmpMessage {
        public DestinationUnreachable {
            IcmpFields.code(code);
            Objects.requireNonNull(quoted, "quoted");
        }

        public int type() {
            return DESTINATION_UNREACHABLE;
        }

        public Ipv4Header quotedHeader() throws PacketException {
            return Ipv4Header.decodeQuoted(quoted, 0, quoted.length);
        }

        public byte[] quotedPayload() {
            return IcmpFields.afterHeader(quoted);
        }
    }

    record TimeExceeded(int code, byte[] quoted) implements IcmpMessage {
        public TimeExceeded {
            IcmpFields.code(code);
            Objects.requireNonNull(quoted, "quoted");
        }

        public int type() {
            return TIME_EXCEEDED;
        }

        public Ipv4Header quotedHeader() throws PacketException {
            return Ipv4Header.decodeQuoted(quoted, 0, quoted.length);
        }

        public byte[] quotedPayload() {
            return IcmpFields.afterHeader(quoted);
        }
    }

    /** Any other type (or an echo with a non-zero code): the octets after the checksum, as they are. */
    record Other(int type, int code, byte[] rest) implements IcmpMessage {
        public Other {
            IcmpFields.code(type);
            IcmpFields.code(code);
            if (rest.length < 4) {
                throw new IllegalArgumentException("an ICMP header has 4 octets after the checksum");
            }
        }
    }

    /** Time Exceeded, code 0 (TTL exceeded in transit), quoting {@code originalDatagram}. */
    static TimeExceeded timeExceeded(byte[] originalDatagram) {
        return timeExceeded(TTL_EXCEEDED_IN_TRANSIT, originalDatagram);
    }

    static TimeExceeded timeExceeded(int code, byte[] originalDatagram) {
        return new TimeExceeded(code, IcmpFields.quote(originalDatagram));
    }

    static DestinationUnreachable destinationUnreachable(int code, byte[] originalDatagram) {
        return new DestinationUnreachable(code, IcmpFields.quote(originalDatagram));
    }

    /** Decodes the ICMP message of {@code len} octets at {@code off} (the IPv4 payload). */
    static IcmpMessage decode(byte[] buf, int off, int len) throws PacketException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < HEADER_LENGTH) {
            throw new PacketException(PacketError.TRUNCATED, off + len,
                    "an ICMP message has at least 8 octets, got " + len);
        }
        if (!InternetChecksum.verify(buf, off, len)) {
            throw new PacketException(PacketError.BAD_CHECKSUM, off + 2,
                    String.format("ICMP checksum 0x%04x does not verify", u16(buf, off + 2)));
        }
        int type = u8(buf, off);
        int code = u8(buf, off + 1);
        byte[] rest = Arrays.copyOfRange(buf, off + HEADER_LENGTH, off + len);
        int identifier = u16(buf, off + 4);
        int sequence = u16(buf, off + 6);
        if (code == 0 && type == ECHO_REQUEST) {
            return new EchoRequest(identifier, sequence, rest);
        }
        if (code == 0 && type == ECHO_REPLY) {
            return new EchoReply(identifier, sequence, rest);
        }
        return switch (type) {
            case DESTINATION_UNREACHABLE -> new DestinationUnreachable(code, rest);
            case TIME_EXCEEDED -> new TimeExceeded(code, rest);
            default -> new Other(type, code, Arrays.copyOfRange(buf, off + 4, off + len));
        };
    }

    /** The message with its checksum computed. */
    default byte[] encode() {
        byte[] out;
        switch (this) {
            case EchoRequest m -> out = IcmpFields.withHeader(m.identifier() << 16 | m.sequence(), m.data());
            case EchoReply m -> out = IcmpFields.withHeader(m.identifier() << 16 | m.sequence(), m.data());
            case DestinationUnreachable m -> out = IcmpFields.withHeader(0, m.quoted());
            case TimeExceeded m -> out = IcmpFields.withHeader(0, m.quoted());
            case Other m -> {
                out = new byte[4 + m.rest().length];
                System.arraycopy(m.rest(), 0, out, 4, m.rest().length);
            }
        }
        out[0] = (byte) type();
        out[1] = (byte) code();
        putU16(out, 2, InternetChecksum.checksum(out, 0, out.length));
        return out;
    }
}
