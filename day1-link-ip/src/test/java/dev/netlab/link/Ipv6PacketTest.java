package dev.netlab.link;

import static dev.netlab.link.Hostile.assertError;
import static dev.netlab.link.Hostile.hex;
import static dev.netlab.link.Hostile.ipv6;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.IpV6ExtFragmentPacket;
import org.pcap4j.packet.IpV6ExtHopByHopOptionsPacket;
import org.pcap4j.packet.IpV6ExtOptionsPacket;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.IpV6PadNOption;
import org.pcap4j.packet.IpV6SimpleFlowLabel;
import org.pcap4j.packet.IpV6SimpleTrafficClass;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;

/**
 * Checkpoint 1.05: the IPv6 header and its extension-header chain (RFC 8200).
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19; 12 mutants, 12 killed): an extension header's length read without the "+1" (the
 * first 8 octets not counted) or written as total/8; the Authentication Header counted in
 * 8-octet units like the others; the traffic class taken 4 bits too far left; the flow label
 * read as 16 bits, not 20; a payload length beyond the buffer not refused; the walk carried on
 * past a later fragment (its data read as headers); the fragment offset left in octets instead
 * of 8-octet units; ESP walked like any other header; a Hop-by-Hop header accepted after another;
 * Destination Options allowed only once; no limit on the number of headers.
 */
@Checkpoint(id = "1.05", title = "IPv6 and extension headers",
        edit = {"dev/netlab/link/Ipv6Header.java", "dev/netlab/link/ExtensionHeader.java",
            "dev/netlab/link/Ipv6Packet.java"},
        hint = "follow Next Header; most lengths are 8-octet units not counting the first 8, AH counts 4-octet units minus 2",
        readme = "#ipv6-and-extension-headers")
class Ipv6PacketTest {
    private static final Inet6Address SRC = ipv6("2001:db8::1");
    private static final Inet6Address DST = ipv6("2001:db8::2");

    /** IPv6 -> Hop-by-Hop (a PadN option) -> Fragment (offset 0, M=1) -> 24 octets of UDP. */
    private static IpV6Packet pcap4jChain() {
        UnknownPacket.Builder udp = new UnknownPacket.Builder().rawData(Hostile.counting(24));
        IpV6ExtFragmentPacket.Builder fragment = new IpV6ExtFragmentPacket.Builder()
                .nextHeader(IpNumber.UDP).fragmentOffset((short) 0).m(true).identification(0xcafe_f00d);
        fragment.payloadBuilder(udp);
        IpV6ExtHopByHopOptionsPacket.Builder hopByHop = new IpV6ExtHopByHopOptionsPacket.Builder();
        hopByHop.nextHeader(IpNumber.IPV6_FRAG);
        hopByHop.options(List.<IpV6ExtOptionsPacket.IpV6Option>of(
                new IpV6PadNOption.Builder().data(new byte[4]).correctLengthAtBuild(true).build()));
        hopByHop.correctLengthAtBuild(true);
        hopByHop.payloadBuilder(fragment);
        return new IpV6Packet.Builder()
                .version(IpVersion.IPV6)
                .trafficClass(IpV6SimpleTrafficClass.newInstance((byte) 0xb8))
                .flowLabel(IpV6SimpleFlowLabel.newInstance(0xabcde))
                .nextHeader(IpNumber.IPV6_HOPOPT).hopLimit((byte) 64)
                .srcAddr(SRC).dstAddr(DST)
                .payloadBuilder(hopByHop).correctLengthAtBuild(true).build();
    }

    @Test
    @DisplayName("a pcap4j-built chain (Hop-by-Hop, Fragment, UDP) decodes header by header")
    void decodesPcap4jChain() throws PacketException {
        IpV6Packet oracle = pcap4jChain();
        IpV6Packet.IpV6Header h = oracle.getHeader();
        byte[] raw = oracle.getRawData();
        Ipv6Packet packet = Ipv6Packet.decode(raw, 0, raw.length);

        Ipv6Header header = packet.header();
        assertThat(header.trafficClass()).isEqualTo(h.getTrafficClass().value() & 0xff).isEqualTo(0xb8);
        assertThat(header.flowLabel()).isEqualTo(h.getFlowLabel().value()).isEqualTo(0xabcde);
        assertThat(header.payloadLength()).isEqualTo(h.getPayloadLengthAsInt()).isEqualTo(8 + 8 + 24);
        assertThat(header.nextHeader()).isEqualTo(IpProtocol.HOPOPT);
        assertThat(header.hopLimit()).isEqualTo(h.getHopLimitAsInt());
        assertThat(header.source()).isEqualTo(h.getSrcAddr());
        assertThat(header.destination()).isEqualTo(h.getDstAddr());

        assertThat(packet.extensions()).extracting(ExtensionHeader::type)
                .containsExactly(IpProtocol.HOPOPT, IpProtocol.IPV6_FRAG);
        ExtensionHeader hopByHop = packet.extensions().get(0);
        assertThat(hopByHop.nextHeader()).isEqualTo(IpProtocol.IPV6_FRAG);
        assertThat(hopByHop.body()).isEqualTo(hex("0104 00000000")); // PadN, 4 octets of zeros
        assertThat(hopByHop.length()).isEqualTo(8);
        ExtensionHeader fragment = packet.extensions().get(1);
        IpV6ExtFragmentPacket.IpV6ExtFragmentHeader f = oracle.get(IpV6ExtFragmentPacket.class).getHeader();
        assertThat(fragment.fragmentOffset()).isEqualTo(f.getFragmentOffset()).isZero();
        assertThat(fragment.moreFragments()).isEqualTo(f.getM()).isTrue();
        assertThat(fragment.identification()).isEqualTo(Integer.toUnsignedLong(f.getIdentification())).isEqualTo(0xcafe_f00dL);
        assertThat(packet.upperLayerProtocol()).isEqualTo(IpProtocol.UDP);
        assertThat(packet.upperLayerPayload()).isEqualTo(Hostile.counting(24));
        assertThat(packet.encode()).isEqualTo(raw);
    }

    @ParameterizedTest(name = "offset {0}, M={1}")
    @DisplayName("a later fragment built by pcap4j: its offset (in 8-octet units), M flag and identification")
    @CsvSource({"185,true", "185,false", "8191,false", "1,true"})
    void laterFragmentFields(int offset, boolean more) throws PacketException {
        IpV6ExtFragmentPacket.Builder fragment = new IpV6ExtFragmentPacket.Builder()
                .nextHeader(IpNumber.UDP).fragmentOffset((short) offset).m(more).identification(0x8765_4321)
                .payloadBuilder(new UnknownPacket.Builder().rawData(Hostile.counting(16)));
        byte[] raw = new IpV6Packet.Builder()
                .version(IpVersion.IPV6).trafficClass(IpV6SimpleTrafficClass.newInstance((byte) 0))
                .flowLabel(IpV6SimpleFlowLabel.newInstance(0)).nextHeader(IpNumber.IPV6_FRAG).hopLimit((byte) 64)
                .srcAddr(SRC).dstAddr(DST).payloadBuilder(fragment).correctLengthAtBuild(true).build().getRawData();
        ExtensionHeader f = Ipv6Packet.decode(raw, 0, raw.length).extensions().getFirst();
        assertThat(f.fragmentOffset()).isEqualTo(offset);
        assertThat(f.moreFragments()).isEqualTo(more);
        assertThat(f.identification()).isEqualTo(0x8765_4321L);
    }

    @Test
    @DisplayName("a packet we build is read back by pcap4j with the same fields")
    void encodesForPcap4j() throws IllegalRawDataException {
        Ipv6Packet packet = Ipv6Packet.of(SRC, DST, 255,
                List.of(new ExtensionHeader(IpProtocol.IPV6_OPTS, IpProtocol.IPV6_FRAG, hex("0104 00000000")),
                        ExtensionHeader.fragment(IpProtocol.ICMPV6, 0x1fff, false, 0xffff_ffffL)),
                IpProtocol.ICMPV6, Hostile.counting(16));
        byte[] raw = packet.encode();
        assertThat(raw).hasSize(40 + 8 + 8 + 16);
        IpV6Packet oracle = IpV6Packet.newPacket(raw, 0, raw.length);
        assertThat(oracle.getHeader().getPayloadLengthAsInt()).isEqualTo(32);
        assertThat(oracle.getHeader().getNextHeader()).isEqualTo(IpNumber.IPV6_DST_OPTS);
        assertThat(oracle.getHeader().getHopLimitAsInt()).isEqualTo(255);
        IpV6ExtFragmentPacket.IpV6ExtFragmentHeader f = oracle.get(IpV6ExtFragmentPacket.class).getHeader();
        assertThat(f.getFragmentOffset()).isEqualTo((short) 0x1fff);
        assertThat(f.getM()).isFalse();
        assertThat(f.getIdentification()).isEqualTo(-1);
        assertThat(f.getNextHeader()).isEqualTo(IpNumber.ICMPV6);
    }

    @Test
    @DisplayName("a later fragment stops the walk: what follows is data, not headers")
    void laterFragmentStopsWalk() throws PacketException {
        byte[] data = Hostile.counting(16);
        data[0] = (byte) IpProtocol.IPV6_ROUTE; // looks like a header, but it is fragment data
        byte[] raw = Ipv6Packet.of(SRC, DST, 64,
                List.of(ExtensionHeader.fragment(IpProtocol.IPV6_OPTS, 2, true, 9)), IpProtocol.IPV6_OPTS, data).encode();
        Ipv6Packet packet = Ipv6Packet.decode(raw, 0, raw.length);
        assertThat(packet.extensions()).hasSize(1);
        assertThat(packet.upperLayerProtocol()).isEqualTo(IpProtocol.IPV6_OPTS);
        assertThat(packet.upperLayerPayload()).isEqualTo(data);
    }

    @ParameterizedTest(name = "Next Header {0}")
    @DisplayName("ESP (50) and No Next Header (59) end the walk")
    @ValueSource(ints = {IpProtocol.ESP, IpProtocol.IPV6_NONXT})
    void endOfWalk(int last) throws PacketException {
        byte[] raw = Ipv6Packet.of(SRC, DST, 1,
                List.of(new ExtensionHeader(IpProtocol.IPV6_ROUTE, last, hex("00 00 00000000"))), last, Hostile.counting(12)).encode();
        Ipv6Packet packet = Ipv6Packet.decode(raw, 0, raw.length);
        assertThat(packet.upperLayerProtocol()).isEqualTo(last);
        assertThat(packet.upperLayerPayload()).hasSize(12);
    }

    // RFC 4302 §2.2: AH Payload Len "specifies the length of AH in 32-bit words (4-byte units), minus 2".
    @Test
    @DisplayName("the Authentication Header length counts 4-octet units minus 2")
    void authenticationHeaderLength() throws PacketException {
        byte[] ah = hex(
                "11"          // Next Header: UDP
                + "04"        // Payload Len 4: (4 + 2) * 4 = 24 octets (not (4 + 1) * 8 = 40)
                + "0000"      // reserved
                + "00000100"  // SPI
                + "00000001"  // sequence number
                + "00112233445566778899aabb"); // ICV, 12 octets
        byte[] udp = Hostile.counting(8);
        byte[] raw = packet(IpProtocol.AH, ah, udp);
        Ipv6Packet packet = Ipv6Packet.decode(raw, 0, raw.length);
        assertThat(packet.extensions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(IpProtocol.AH);
            assertThat(e.length()).isEqualTo(24);
        });
        assertThat(packet.upperLayerPayload()).isEqualTo(udp);
        assertThat(packet.encode()).isEqualTo(raw);
    }

    @Test
    @DisplayName("an IPv4-mapped address stays an Inet6Address")
    void ipv4MappedAddress() throws PacketException {
        Ipv6Header header = new Ipv6Header(0, 0, 0, IpProtocol.IPV6_NONXT, 1, SRC, DST);
        byte[] raw = header.encode();
        System.arraycopy(hex("00000000000000000000ffffc0000201"), 0, raw, 8, 16); // ::ffff:192.0.2.1
        Ipv6Header decoded = Ipv6Header.decode(raw, 0, raw.length);
        assertThat(decoded.source()).isInstanceOf(Inet6Address.class);
        assertThat(decoded.source().getAddress()).hasSize(16);
    }

    @Test
    @DisplayName("every prefix of a packet with a chain is a typed error or a packet, never a crash")
    void everyPrefix() {
        byte[] raw = pcap4jChain().getRawData();
        Hostile.everyPrefix(raw, Ipv6Packet::decode);
        Hostile.everyPrefix(raw, Ipv6Header::decode);
        assertError(PacketError.TRUNCATED, () -> Ipv6Header.decode(raw, 0, 39));
        assertError(PacketError.BAD_LENGTH, () -> Ipv6Packet.decode(raw, 0, raw.length - 1));
    }

    // RFC 8200 §3: "Version 4-bit Internet Protocol version number = 6."
    @Test
    @DisplayName("version 4 in an IPv6 header is a bad version")
    void badVersion() {
        byte[] raw = pcap4jChain().getRawData();
        raw[0] = 0x4b; // version 4 (!), first half of traffic class 0xb8
        assertError(PacketError.BAD_VERSION, () -> Ipv6Header.decode(raw, 0, raw.length));
        assertError(PacketError.BAD_VERSION, () -> Ipv6Packet.decode(raw, 0, raw.length));
    }

    @Test
    @DisplayName("a payload length beyond the buffer is a bad length")
    void payloadLengthBeyondBuffer() {
        byte[] raw = pcap4jChain().getRawData();
        raw[4] = 0x01; // payload length 0x0128 = 296 (!), 40 octets follow
        assertError(PacketError.BAD_LENGTH, () -> Ipv6Packet.decode(raw, 0, raw.length));
    }

    @Test
    @DisplayName("an extension header longer than the payload is truncated")
    void extensionBeyondPayload() {
        byte[] raw = packet(IpProtocol.IPV6_OPTS, hex(
                "3b"          // Next Header: No Next Header
                + "02"        // Hdr Ext Len 2: (2 + 1) * 8 = 24 octets (!) but the payload has 8
                + "010400000000"), new byte[0]);
        assertError(PacketError.TRUNCATED, () -> Ipv6Packet.decode(raw, 0, raw.length));
    }

    // RFC 8200 §4.3: "The Hop-by-Hop Options header, when present, must immediately follow the IPv6 header."
    @Test
    @DisplayName("a Hop-by-Hop header after another extension header breaks the chain")
    void hopByHopNotFirst() {
        byte[] raw = packet(IpProtocol.IPV6_OPTS,
                hex("00" + "00" + "010400000000"   // Destination Options, Next Header 0: Hop-by-Hop (!)
                        + "3b" + "00" + "010400000000"), // Hop-by-Hop, Next Header 59
                new byte[0]);
        assertError(PacketError.EXTENSION_CHAIN, () -> Ipv6Packet.decode(raw, 0, raw.length));
    }

    // RFC 8200 §4.1: "Each extension header should occur at most once, except for the Destination
    // Options header, which should occur at most twice (once before a Routing header and once
    // before the upper-layer header)."
    @Test
    @DisplayName("a repeated Routing header breaks the chain")
    void repeatedRouting() {
        byte[] raw = packet(IpProtocol.IPV6_ROUTE,
                hex("2b" + "00" + "000000000000"   // Routing, Next Header 43: Routing again (!)
                        + "3b" + "00" + "000000000000"),
                new byte[0]);
        assertError(PacketError.EXTENSION_CHAIN, () -> Ipv6Packet.decode(raw, 0, raw.length));
    }

    @Test
    @DisplayName("Destination Options may appear twice, but not three times")
    void destinationOptionsTwiceNotThrice() throws PacketException {
        String twice = "2b00010400000000" // Destination Options -> Routing
                + "3c00000000000000"      // Routing -> Destination Options
                + "3b00010400000000";     // Destination Options -> No Next Header
        byte[] ok = packet(IpProtocol.IPV6_OPTS, hex(twice), new byte[0]);
        assertThat(Ipv6Packet.decode(ok, 0, ok.length).extensions()).hasSize(3);
        byte[] thrice = packet(IpProtocol.IPV6_OPTS, hex(
                "2b00010400000000"        // Destination Options -> Routing
                + "3c00000000000000"      // Routing -> Destination Options
                + "3c00010400000000"      // Destination Options -> Destination Options (third time coming)
                + "3b00010400000000"),    // Destination Options (!)
                new byte[0]);
        assertError(PacketError.EXTENSION_CHAIN, () -> Ipv6Packet.decode(thrice, 0, thrice.length));
    }

    @Test
    @DisplayName("more than MAX_EXTENSION_HEADERS headers is refused even when each type is allowed")
    void tooManyHeaders() throws PacketException {
        int[] types = {IpProtocol.HOPOPT, IpProtocol.IPV6_OPTS, IpProtocol.IPV6_ROUTE, IpProtocol.AH,
            IpProtocol.MOBILITY, IpProtocol.HIP, IpProtocol.SHIM6, IpProtocol.IPV6_FRAG, IpProtocol.IPV6_OPTS};
        assertThat(types).hasSize(Ipv6Packet.MAX_EXTENSION_HEADERS + 1);
        List<ExtensionHeader> chain = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            int next = i + 1 < types.length ? types[i + 1] : IpProtocol.IPV6_NONXT;
            byte[] body = types[i] == IpProtocol.IPV6_FRAG ? new byte[6] : types[i] == IpProtocol.AH ? new byte[10] : new byte[6];
            chain.add(new ExtensionHeader(types[i], next, body));
        }
        byte[] raw = Ipv6Packet.of(SRC, DST, 64, chain, IpProtocol.IPV6_NONXT, new byte[0]).encode();
        assertError(PacketError.EXTENSION_CHAIN, () -> Ipv6Packet.decode(raw, 0, raw.length));
        byte[] eight = Ipv6Packet.of(SRC, DST, 64, withLastNext(chain.subList(0, 8)), IpProtocol.IPV6_NONXT,
                new byte[0]).encode();
        assertThat(Ipv6Packet.decode(eight, 0, eight.length).extensions()).hasSize(8);
    }

    private static List<ExtensionHeader> withLastNext(List<ExtensionHeader> chain) {
        List<ExtensionHeader> out = new ArrayList<>(chain.subList(0, chain.size() - 1));
        ExtensionHeader last = chain.getLast();
        out.add(new ExtensionHeader(last.type(), IpProtocol.IPV6_NONXT, last.body()));
        return out;
    }

    /** A fixed header (Next Header {@code first}) followed by {@code chain} and {@code data}. */
    private static byte[] packet(int first, byte[] chain, byte[] data) {
        Ipv6Header header = new Ipv6Header(0, 0, chain.length + data.length, first, 64, SRC, DST);
        byte[] raw = Arrays.copyOf(header.encode(), 40 + chain.length + data.length);
        System.arraycopy(chain, 0, raw, 40, chain.length);
        System.arraycopy(data, 0, raw, 40 + chain.length, data.length);
        return raw;
    }
}
