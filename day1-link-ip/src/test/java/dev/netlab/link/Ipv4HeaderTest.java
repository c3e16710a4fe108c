package dev.netlab.link;

import static dev.netlab.link.Hostile.assertError;
import static dev.netlab.link.Hostile.hex;
import static dev.netlab.link.Hostile.ipv4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.IpV4EndOfOptionList;
import org.pcap4j.packet.IpV4NoOperationOption;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc1349Tos;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;

/**
 * Checkpoint 1.04: the IPv4 header (RFC 791 §3.1), decoded, validated and encoded, against pcap4j.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19): the version read from the low nibble; an IHL below 5 accepted (a missing limit);
 * the IHL taken as octets instead of 32-bit words; the total length checked one octet short; the
 * header checksum not verified, or verified over 20 octets whatever the IHL; the fragment offset
 * not masked (the flags taken into it); DSCP and ECN split the wrong way; DF written as MF;
 * TTL and protocol swapped when encoding.
 */
@Checkpoint(id = "1.04", title = "IPv4 header: decode, validate, encode",
        edit = {"dev/netlab/link/Ipv4Header.java", "dev/netlab/link/Ipv4Packet.java"},
        hint = "IHL counts 32-bit words; validate in the documented order; the checksum covers the header only",
        readme = "#ipv4")
class Ipv4HeaderTest {
    /** A valid 20-octet header: 192.168.0.1 -> 192.168.0.199, UDP, total length 0x73. */
    private static final String KNOWN = "4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7";

    static IpV4Packet pcap4j(int tos, boolean df, boolean mf, int offset, boolean withOptions, int payloadLength) {
        IpV4Packet.Builder builder = new IpV4Packet.Builder()
                .version(IpVersion.IPV4).tos(IpV4Rfc1349Tos.newInstance((byte) tos))
                .identification((short) 0xbeef).dontFragmentFlag(df).moreFragmentFlag(mf)
                .fragmentOffset((short) offset).ttl((byte) 63).protocol(IpNumber.UDP)
                .srcAddr(ipv4("192.0.2.1")).dstAddr(ipv4("203.0.113.9"))
                .payloadBuilder(new UnknownPacket.Builder().rawData(Hostile.counting(payloadLength)))
                .correctChecksumAtBuild(true).correctLengthAtBuild(true);
        if (withOptions) {
            builder.options(List.of(IpV4NoOperationOption.getInstance(), IpV4NoOperationOption.getInstance(),
                    IpV4NoOperationOption.getInstance(), IpV4EndOfOptionList.getInstance()));
        }
        return builder.build();
    }

    @ParameterizedTest(name = "tos={0} DF={1} MF={2} offset={3} options={4}")
    @DisplayName("headers built by pcap4j decode field by field")
    @CsvSource({
        "0, true, false, 0, false",
        "184, false, true, 0, false",   // DSCP 46 (EF), ECN 0
        "3, false, true, 185, false",   // ECN 3 (CE), a middle fragment
        "0, false, false, 8191, true",  // the largest offset, with 4 octets of options (IHL 6)
    })
    void decodesPcap4j(int tos, boolean df, boolean mf, int offset, boolean options) throws PacketException {
        IpV4Packet oracle = pcap4j(tos, df, mf, offset, options, 33);
        IpV4Packet.IpV4Header h = oracle.getHeader();
        byte[] raw = oracle.getRawData();
        Ipv4Header header = Ipv4Header.decode(raw, 0, raw.length);
        assertThat(header.ihl()).isEqualTo(h.getIhlAsInt()).isEqualTo(options ? 6 : 5);
        assertThat(header.headerLength()).isEqualTo(options ? 24 : 20);
        assertThat(header.dscp() << 2 | header.ecn()).isEqualTo(h.getTos().value() & 0xff);
        assertThat(header.totalLength()).isEqualTo(h.getTotalLengthAsInt()).isEqualTo(header.headerLength() + 33);
        assertThat(header.identification()).isEqualTo(h.getIdentificationAsInt()).isEqualTo(0xbeef);
        assertThat(header.dontFragment()).isEqualTo(h.getDontFragmentFlag());
        assertThat(header.moreFragments()).isEqualTo(h.getMoreFragmentFlag());
        assertThat(header.fragmentOffset()).isEqualTo(h.getFragmentOffset()).isEqualTo(offset);
        assertThat(header.fragmentOffsetBytes()).isEqualTo(offset * 8);
        assertThat(header.isFragment()).isEqualTo(mf || offset != 0);
        assertThat(header.ttl()).isEqualTo(h.getTtlAsInt());
        assertThat(header.protocol()).isEqualTo(h.getProtocol().value() & 0xff).isEqualTo(IpProtocol.UDP);
        assertThat(header.headerChecksum()).isEqualTo(h.getHeaderChecksum() & 0xffff);
        assertThat(header.source()).isEqualTo(h.getSrcAddr());
        assertThat(header.destination()).isEqualTo(h.getDstAddr());
        assertThat(header.options()).isEqualTo(options ? hex("01010100") : new byte[0]);
        assertThat(header.encode()).isEqualTo(Arrays.copyOf(raw, header.headerLength()));
    }

    @Test
    @DisplayName("a well-known header decodes: 192.168.0.1 to 192.168.0.199, UDP, DF, checksum 0xb861")
    void knownHeader() throws PacketException {
        byte[] raw = Arrays.copyOf(hex(KNOWN), 0x73);
        Ipv4Header header = Ipv4Header.decode(raw, 0, raw.length);
        assertThat(header.source()).isEqualTo(ipv4("192.168.0.1"));
        assertThat(header.destination()).isEqualTo(ipv4("192.168.0.199"));
        assertThat(header.protocol()).isEqualTo(IpProtocol.UDP);
        assertThat(header.dontFragment()).isTrue();
        assertThat(header.headerChecksum()).isEqualTo(0xb861);
        assertThat(header.ttl()).isEqualTo(64);
    }

    @Test
    @DisplayName("of(...) builds a header pcap4j accepts, with a valid checksum and the right length")
    void encodesForPcap4j() throws IllegalRawDataException, PacketException {
        Ipv4Packet packet = Ipv4Packet.of(ipv4("10.0.0.1"), ipv4("10.0.0.2"), IpProtocol.ICMP, 64, 4321,
                Hostile.counting(40));
        byte[] raw = packet.encode();
        assertThat(raw).hasSize(60);
        IpV4Packet oracle = IpV4Packet.newPacket(raw, 0, raw.length);
        IpV4Packet.IpV4Header h = oracle.getHeader();
        assertThat(h.hasValidChecksum(false)).isTrue();
        assertThat(h.getTotalLengthAsInt()).isEqualTo(60);
        assertThat(h.getIdentificationAsInt()).isEqualTo(4321);
        assertThat(h.getTtlAsInt()).isEqualTo(64);
        assertThat(h.getProtocol()).isEqualTo(IpNumber.ICMPV4);
        assertThat(h.getDontFragmentFlag()).isFalse();
        assertThat(h.getSrcAddr()).isEqualTo(ipv4("10.0.0.1"));
        assertThat(packet.header().headerChecksum()).isEqualTo(h.getHeaderChecksum() & 0xffff);
        assertThat(Ipv4Packet.decode(raw, 0, raw.length).payload()).isEqualTo(Hostile.counting(40));
    }

    @Test
    @DisplayName("withTtl and withFragment change only their fields and keep the checksum right")
    void withers() throws PacketException {
        Ipv4Header base = Ipv4Header.of(ipv4("10.0.0.1"), ipv4("10.0.0.2"), IpProtocol.UDP, 64, 7, 100);
        Ipv4Header lower = base.withTtl(63);
        assertThat(lower.ttl()).isEqualTo(63);
        assertThat(lower.headerChecksum()).isNotEqualTo(base.headerChecksum());
        Ipv4Header fragment = base.withFragment(true, 185, 1500);
        assertThat(fragment.moreFragments()).isTrue();
        assertThat(fragment.fragmentOffsetBytes()).isEqualTo(1480);
        assertThat(fragment.totalLength()).isEqualTo(1500);
        for (Ipv4Header h : List.of(base, lower, fragment)) {
            byte[] raw = Arrays.copyOf(h.encode(), h.totalLength());
            assertThat(Ipv4Header.decode(raw, 0, raw.length).headerChecksum()).isEqualTo(h.headerChecksum());
        }
    }

    @Test
    @DisplayName("the checksum component is ignored on encode: a stale value is recomputed")
    void encodeRecomputesChecksum() throws PacketException {
        Ipv4Header h = Ipv4Header.of(ipv4("10.0.0.1"), ipv4("10.0.0.2"), IpProtocol.TCP, 64, 1, 0);
        Ipv4Header stale = new Ipv4Header(h.ihl(), h.dscp(), h.ecn(), h.totalLength(), h.identification(),
                h.dontFragment(), h.moreFragments(), h.fragmentOffset(), h.ttl(), h.protocol(), 0x1234,
                h.source(), h.destination(), h.options());
        byte[] raw = stale.encode();
        assertThat(InternetChecksum.verify(raw, 0, raw.length)).isTrue();
        assertThat(Ipv4Header.decode(raw, 0, raw.length).headerChecksum()).isEqualTo(h.headerChecksum());
    }

    @Test
    @DisplayName("a packet ignores Ethernet padding after its total length")
    void packetIgnoresPadding() throws PacketException {
        byte[] raw = Ipv4Packet.of(ipv4("10.0.0.1"), ipv4("10.0.0.2"), IpProtocol.UDP, 1, 2, Hostile.counting(8)).encode();
        byte[] padded = Arrays.copyOf(raw, 46); // 28 octets of datagram + 18 of padding
        Ipv4Packet packet = Ipv4Packet.decode(padded, 0, padded.length);
        assertThat(packet.payload()).isEqualTo(Hostile.counting(8));
        assertThat(packet.encode()).isEqualTo(raw);
    }

    @Test
    @DisplayName("every prefix of a datagram with options is a typed error, never a crash")
    void everyPrefix() {
        byte[] raw = pcap4j(0, false, true, 3, true, 16).getRawData();
        Hostile.everyPrefix(raw, Ipv4Header::decode);
        Hostile.everyPrefix(raw, Ipv4Header::decodeQuoted);
        Hostile.everyPrefix(raw, Ipv4Packet::decode);
        assertError(PacketError.TRUNCATED, () -> Ipv4Header.decode(raw, 0, 19));
        assertError(PacketError.TRUNCATED, () -> Ipv4Header.decode(raw, 0, 22)); // IHL 6 needs 24
        assertError(PacketError.BAD_LENGTH, () -> Ipv4Packet.decode(raw, 0, raw.length - 1));
    }

    @Test
    @DisplayName("decodeQuoted accepts a header whose total length runs past the quote")
    void quoted() throws PacketException {
        byte[] raw = pcap4j(0, false, false, 0, false, 100).getRawData();
        byte[] quote = Arrays.copyOf(raw, 28); // header + 64 bits, as in an ICMP error
        assertError(PacketError.BAD_LENGTH, () -> Ipv4Header.decode(quote, 0, quote.length));
        assertThat(Ipv4Header.decodeQuoted(quote, 0, quote.length).totalLength()).isEqualTo(120);
    }

    // RFC 791 §3.1: "Version: 4 bits. The Version field indicates the format of the internet header."
    @Test
    @DisplayName("version 6 in an IPv4 header is a bad version")
    void badVersion() {
        byte[] raw = hex(
                "65"        // version 6 (!), IHL 5
                + "00"      // DSCP 0, ECN 0
                + "0014"    // total length 20
                + "0000"    // identification
                + "0000"    // flags, fragment offset
                + "4011"    // TTL 64, protocol UDP
                + "0000"    // checksum (never looked at)
                + "c0000201" + "c0000202");
        assertError(PacketError.BAD_VERSION, () -> Ipv4Header.decode(raw, 0, raw.length));
    }

    // RFC 791 §3.1: IHL "Note that the minimum value for a correct header is 5."
    @ParameterizedTest(name = "IHL {0}")
    @DisplayName("IHL below 5 is a bad header length")
    @CsvSource({"0", "1", "4"})
    void ihlBelowFive(int ihl) {
        byte[] raw = hex("4500 0014 0000 0000 4011 0000 c0000201 c0000202");
        raw[0] = (byte) (0x40 | ihl); // version 4, IHL < 5 (!)
        assertError(PacketError.BAD_HEADER_LENGTH, () -> Ipv4Header.decode(raw, 0, raw.length));
    }

    @Test
    @DisplayName("an IHL of 15 (60 octets) in a 40-octet buffer is truncated")
    void ihlBeyondBuffer() {
        byte[] raw = Arrays.copyOf(hex("4f00 0028 0000 0000 4011 0000 c0000201 c0000202"), 40);
        // 4f: version 4, IHL 15 = 60 octets (!); 0028: total length 40
        assertError(PacketError.TRUNCATED, () -> Ipv4Header.decode(raw, 0, raw.length));
    }

    // RFC 791 §3.1: Total Length is "the length of the datagram ... including internet header and data".
    @Test
    @DisplayName("a total length shorter than the header is a bad length")
    void totalLengthBelowHeader() {
        byte[] raw = hex(
                "45" + "00"
                + "0013"    // total length 19 (!) < 20-octet header
                + "0000" + "0000" + "4011" + "0000" + "c0000201" + "c0000202");
        assertError(PacketError.BAD_LENGTH, () -> Ipv4Header.decode(raw, 0, raw.length));
        assertError(PacketError.BAD_LENGTH, () -> Ipv4Header.decodeQuoted(raw, 0, raw.length));
    }

    @Test
    @DisplayName("a total length beyond the buffer is a bad length (checked before the checksum)")
    void totalLengthBeyondBuffer() {
        byte[] raw = hex(KNOWN); // total length 0x73 = 115, only 20 octets here
        assertError(PacketError.BAD_LENGTH, () -> Ipv4Header.decode(raw, 0, raw.length));
        raw[11] ^= 1; // a bad checksum too: the length check comes first
        assertError(PacketError.BAD_LENGTH, () -> Ipv4Header.decode(raw, 0, raw.length));
    }

    // RFC 791 §3.1: "If the header checksum fails, the internet datagram is discarded at once."
    @Test
    @DisplayName("a header checksum that does not verify is a bad checksum, with the field's offset")
    void badChecksum() {
        byte[] raw = Arrays.copyOf(hex(KNOWN), 0x73);
        raw[8] = 0x3f; // TTL 63, but the checksum b861 was computed for TTL 64 (!)
        assertThatThrownBy(() -> Ipv4Header.decode(raw, 0, raw.length))
                .isInstanceOf(PacketException.class)
                .satisfies(e -> {
                    assertThat(((PacketException) e).error()).isEqualTo(PacketError.BAD_CHECKSUM);
                    assertThat(((PacketException) e).offset()).hasValue(10);
                });
    }

    @Test
    @DisplayName("a packet whose header total length disagrees with its payload cannot be encoded")
    void mismatchedPacket() {
        Ipv4Header h = Ipv4Header.of(ipv4("10.0.0.1"), ipv4("10.0.0.2"), IpProtocol.UDP, 64, 1, 10);
        assertThatThrownBy(() -> new Ipv4Packet(h, new byte[9]).encode()).isInstanceOf(RuntimeException.class)
                .isNotInstanceOf(dev.netlab.kit.StubException.class);
    }
}
