package dev.netlab.link;

import static dev.netlab.link.Hostile.assertError;
import static dev.netlab.link.Hostile.hex;
import static dev.netlab.link.Hostile.ipv4;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4EchoPacket;
import org.pcap4j.packet.IcmpV4TimeExceededPacket;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc1349Tos;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.IcmpV4Code;
import org.pcap4j.packet.namednumber.IcmpV4Type;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;

/**
 * Checkpoint 1.07: ICMP echo and error messages for IPv4 (RFC 792).
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 11 mutants, 11 killed): identifier and sequence swapped; the echo data taken from
 * octet 4 (the identifier and sequence in it); the checksum not verified, or computed over the
 * 8-octet header only; the echo reply sent as type 8; {@code Other} keeping what follows octet 8
 * instead of 4; 7 octets accepted; the quote keeping the whole datagram, or 7 data octets, or a
 * fixed 20-octet header with the options ignored (killed by {@code quoteKeepsOptions}, added for
 * it); an echo request with a non-zero code taken for an echo (killed by
 * {@code echoWithNonZeroCode}, added for it).
 */
@Checkpoint(id = "1.07", title = "ICMP echo and error messages",
        edit = "dev/netlab/link/IcmpMessage.java",
        hint = "the ICMP checksum covers the whole message; errors quote the IP header plus 8 octets",
        readme = "#icmp")
class IcmpMessageTest {
    /** An echo request as ping sends it: pcap4j-built, checksum computed by pcap4j. */
    private static IcmpV4CommonPacket pcap4jEcho(IcmpV4Type type, int id, int seq, byte[] data) {
        IcmpV4EchoPacket.Builder echo = new IcmpV4EchoPacket.Builder();
        echo.identifier((short) id).sequenceNumber((short) seq).payloadBuilder(new UnknownPacket.Builder().rawData(data));
        return new IcmpV4CommonPacket.Builder()
                .type(type).code(IcmpV4Code.NO_CODE)
                .payloadBuilder(echo).correctChecksumAtBuild(true).build();
    }

    /** The whole IPv4 datagram carrying an echo request: what a router would quote. */
    private static byte[] pingDatagram(int ttl) {
        return new IpV4Packet.Builder()
                .version(IpVersion.IPV4).tos(IpV4Rfc1349Tos.newInstance((byte) 0))
                .identification((short) 0x1c46).dontFragmentFlag(true).ttl((byte) ttl).protocol(IpNumber.ICMPV4)
                .srcAddr(ipv4("192.0.2.1")).dstAddr(ipv4("198.51.100.7"))
                .payloadBuilder(pcap4jEcho(IcmpV4Type.ECHO, 0x4d2, 7, Hostile.counting(56)).getBuilder())
                .correctChecksumAtBuild(true).correctLengthAtBuild(true).build().getRawData();
    }

    @Test
    @DisplayName("a pcap4j-built echo request decodes to identifier, sequence and data")
    void decodesEchoRequest() throws PacketException {
        byte[] raw = pcap4jEcho(IcmpV4Type.ECHO, 0x4d2, 7, Hostile.counting(56)).getRawData();
        IcmpMessage message = IcmpMessage.decode(raw, 0, raw.length);
        assertThat(message).isInstanceOfSatisfying(IcmpMessage.EchoRequest.class, echo -> {
            assertThat(echo.identifier()).isEqualTo(0x4d2);
            assertThat(echo.sequence()).isEqualTo(7);
            assertThat(echo.data()).isEqualTo(Hostile.counting(56));
        });
        assertThat(message.type()).isEqualTo(IcmpMessage.ECHO_REQUEST);
        assertThat(message.code()).isZero();
        assertThat(message.encode()).isEqualTo(raw);
    }

    @Test
    @DisplayName("a pcap4j-built echo reply decodes as a reply")
    void decodesEchoReply() throws PacketException {
        byte[] raw = pcap4jEcho(IcmpV4Type.ECHO_REPLY, 0xffff, 0xfffe, new byte[0]).getRawData();
        assertThat(IcmpMessage.decode(raw, 0, raw.length)).isInstanceOfSatisfying(IcmpMessage.EchoReply.class, echo -> {
            assertThat(echo.identifier()).isEqualTo(0xffff);
            assertThat(echo.sequence()).isEqualTo(0xfffe);
            assertThat(echo.data()).isEmpty();
        });
    }

    @Test
    @DisplayName("our echo reply is read by pcap4j with a valid checksum")
    void encodesEchoReply() throws IllegalRawDataException {
        IcmpMessage.EchoRequest request = new IcmpMessage.EchoRequest(0x1234, 42, Hostile.counting(33)); // odd length
        byte[] raw = request.reply().encode();
        IcmpV4CommonPacket oracle = IcmpV4CommonPacket.newPacket(raw, 0, raw.length);
        assertThat(oracle.getHeader().getType()).isEqualTo(IcmpV4Type.ECHO_REPLY);
        assertThat(oracle.hasValidChecksum(false)).isTrue();
        IcmpV4EchoPacket.IcmpV4EchoHeader echo = IcmpV4EchoPacket.newPacket(raw, 4, raw.length - 4).getHeader();
        assertThat(echo.getIdentifierAsInt()).isEqualTo(0x1234);
        assertThat(echo.getSequenceNumberAsInt()).isEqualTo(42);
        assertThat(Arrays.copyOfRange(raw, 8, raw.length)).isEqualTo(Hostile.counting(33));
    }

    @Test
    @DisplayName("time exceeded quotes the IP header and the first 8 data octets, as RFC 792 requires")
    void timeExceededQuotes() throws PacketException, IllegalRawDataException {
        byte[] datagram = pingDatagram(1);
        IcmpMessage.TimeExceeded message = IcmpMessage.timeExceeded(datagram);
        assertThat(message.code()).isEqualTo(IcmpMessage.TTL_EXCEEDED_IN_TRANSIT);
        assertThat(message.quoted()).isEqualTo(Arrays.copyOf(datagram, 28));
        byte[] raw = message.encode();
        assertThat(raw).hasSize(8 + 28);

        IcmpV4CommonPacket oracle = IcmpV4CommonPacket.newPacket(raw, 0, raw.length);
        assertThat(oracle.getHeader().getType()).isEqualTo(IcmpV4Type.TIME_EXCEEDED);
        assertThat(oracle.getHeader().getCode()).isEqualTo(IcmpV4Code.TIME_TO_LIVE_EXCEEDED);
        assertThat(oracle.hasValidChecksum(false)).isTrue();
        assertThat(oracle.get(IcmpV4TimeExceededPacket.class)).isNotNull();

        IcmpMessage decoded = IcmpMessage.decode(raw, 0, raw.length);
        assertThat(decoded).isInstanceOf(IcmpMessage.TimeExceeded.class);
        IcmpMessage.TimeExceeded back = (IcmpMessage.TimeExceeded) decoded;
        Ipv4Header quoted = back.quotedHeader();
        assertThat(quoted.totalLength()).isEqualTo(datagram.length);
        assertThat(quoted.ttl()).isEqualTo(1);
        assertThat(quoted.protocol()).isEqualTo(IpProtocol.ICMP);
        assertThat(quoted.source()).isEqualTo(ipv4("192.0.2.1"));
        // the 8 quoted octets of an echo request: type 8, code 0, checksum, identifier 0x04d2, sequence 7
        byte[] echo = back.quotedPayload();
        assertThat(echo).hasSize(8);
        assertThat(echo[0]).isEqualTo((byte) 8);
        assertThat(Arrays.copyOfRange(echo, 4, 8)).isEqualTo(hex("04d2 0007"));
    }

    // RFC 792: "Internet Header + 64 bits of Original Data Datagram": the whole header, options
    // included (IHL says how long), not a fixed 20 octets.
    @Test
    @DisplayName("the quote is the internet header with its options (IHL 6) plus 8 data octets, as RFC 792 requires")
    void quoteKeepsOptions() throws PacketException {
        byte[] plain = pingDatagram(1);
        byte[] datagram = new byte[plain.length + 4];
        System.arraycopy(plain, 0, datagram, 0, 20);
        System.arraycopy(hex("01010100"), 0, datagram, 20, 4); // options: NOP, NOP, NOP, End of Option List
        System.arraycopy(plain, 20, datagram, 24, plain.length - 20);
        datagram[0] = 0x46; // version 4, IHL 6
        datagram[3] += 4;  // total length 4 octets longer (84 -> 88, no carry)
        datagram[10] = 0;
        datagram[11] = 0;
        int sum = InternetChecksum.checksum(datagram, 0, 24);
        datagram[10] = (byte) (sum >>> 8);
        datagram[11] = (byte) sum;
        IcmpMessage.TimeExceeded message = IcmpMessage.timeExceeded(datagram);
        assertThat(message.quoted()).as("24-octet header + 8 data octets").isEqualTo(Arrays.copyOf(datagram, 32));
        assertThat(message.quotedHeader().headerLength()).isEqualTo(24);
        assertThat(message.quotedPayload()).isEqualTo(Arrays.copyOfRange(datagram, 24, 32));
    }

    @ParameterizedTest(name = "code {0}")
    @DisplayName("destination unreachable keeps its code and its quote through encode and decode")
    @ValueSource(ints = {IcmpMessage.NET_UNREACHABLE, IcmpMessage.HOST_UNREACHABLE,
        IcmpMessage.PROTOCOL_UNREACHABLE, IcmpMessage.PORT_UNREACHABLE, IcmpMessage.FRAGMENTATION_NEEDED})
    void destinationUnreachable(int code) throws PacketException, IllegalRawDataException {
        byte[] datagram = pingDatagram(64);
        byte[] raw = IcmpMessage.destinationUnreachable(code, datagram).encode();
        IcmpV4CommonPacket oracle = IcmpV4CommonPacket.newPacket(raw, 0, raw.length);
        assertThat(oracle.getHeader().getType()).isEqualTo(IcmpV4Type.DESTINATION_UNREACHABLE);
        assertThat(oracle.getHeader().getCode().value()).isEqualTo((byte) code);
        assertThat(oracle.hasValidChecksum(false)).isTrue();
        IcmpMessage.DestinationUnreachable back = (IcmpMessage.DestinationUnreachable) IcmpMessage.decode(raw, 0, raw.length);
        assertThat(back.code()).isEqualTo(code);
        assertThat(back.quotedHeader().destination()).isEqualTo(ipv4("198.51.100.7"));
    }

    @Test
    @DisplayName("a quote holding a malformed header gives a typed error from quotedHeader()")
    void malformedQuote() {
        byte[] quote = Arrays.copyOf(pingDatagram(1), 28);
        quote[0] = 0x44; // version 4, IHL 4 (!): RFC 791 "the minimum value for a correct header is 5"
        IcmpMessage.TimeExceeded message = new IcmpMessage.TimeExceeded(0, quote);
        assertError(PacketError.BAD_HEADER_LENGTH, message::quotedHeader);
        assertThat(message.quotedPayload()).isEmpty();
        IcmpMessage.TimeExceeded shortQuote = new IcmpMessage.TimeExceeded(0, Arrays.copyOf(quote, 12));
        assertError(PacketError.TRUNCATED, shortQuote::quotedHeader);
        assertThat(shortQuote.quotedPayload()).isEmpty();
    }

    @Test
    @DisplayName("other types are kept as type, code and the octets after the checksum")
    void otherTypes() throws PacketException {
        // RFC 792 timestamp request: type 13, code 0, identifier, sequence, three timestamps
        IcmpMessage.Other timestamp = new IcmpMessage.Other(13, 0, hex("0001 0002 00000001 00000000 00000000"));
        byte[] raw = timestamp.encode();
        assertThat(InternetChecksum.verify(raw, 0, raw.length)).isTrue();
        IcmpMessage back = IcmpMessage.decode(raw, 0, raw.length);
        assertThat(back).isInstanceOfSatisfying(IcmpMessage.Other.class, other -> {
            assertThat(other.type()).isEqualTo(13);
            assertThat(other.rest()).isEqualTo(timestamp.rest());
        });
    }

    // RFC 792, Echo or Echo Reply Message: "Code 0". Anything else with type 8 or 0 is not an echo.
    @Test
    @DisplayName("type 8 with code 1 is not an echo request (RFC 792: echo has code 0): it is kept as Other")
    void echoWithNonZeroCode() throws PacketException {
        byte[] raw = new IcmpMessage.Other(IcmpMessage.ECHO_REQUEST, 1, hex("04d2 0007 6869")).encode();
        assertThat(IcmpMessage.decode(raw, 0, raw.length)).isInstanceOfSatisfying(IcmpMessage.Other.class, other -> {
            assertThat(other.type()).isEqualTo(IcmpMessage.ECHO_REQUEST);
            assertThat(other.code()).isEqualTo(1);
            assertThat(other.rest()).isEqualTo(hex("04d2 0007 6869"));
        });
    }

    // RFC 792: the checksum is "the 16-bit ones's complement of the one's complement sum of the
    // ICMP message starting with the ICMP Type".
    @Test
    @DisplayName("a message whose checksum does not verify is refused")
    void badChecksum() {
        byte[] raw = hex(
                "08"          // type 8: echo request
                + "00"        // code 0
                + "f7fd"      // checksum for id 1, seq 1 would be f7fd ...
                + "0001"      // identifier 1
                + "0002");    // ... but the sequence number is 2 (!)
        assertError(PacketError.BAD_CHECKSUM, () -> IcmpMessage.decode(raw, 0, raw.length));
        raw[7] = 1;
        assertThat(InternetChecksum.verify(raw, 0, raw.length)).isTrue();
    }

    @Test
    @DisplayName("fewer than 8 octets is truncated; every prefix is a typed error or a message")
    void truncated() {
        byte[] raw = pcap4jEcho(IcmpV4Type.ECHO, 1, 1, Hostile.counting(20)).getRawData();
        Hostile.everyPrefix(raw, IcmpMessage::decode);
        for (int len = 0; len < 8; len++) {
            int n = len;
            assertError(PacketError.TRUNCATED, () -> IcmpMessage.decode(Arrays.copyOf(raw, n), 0, n));
        }
        byte[] quoted = IcmpMessage.timeExceeded(pingDatagram(1)).encode();
        Hostile.everyPrefix(quoted, IcmpMessage::decode);
    }
}
