package dev.netlab.link;

import static dev.netlab.link.Hostile.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.kit.Checkpoint;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcap4j.packet.Dot1qVlanTagPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IllegalRawDataException;
import org.pcap4j.packet.UnknownPacket;

/**
 * Checkpoint 1.02: Ethernet II and 802.1Q frames, against pcap4j's decoder.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19): the 14-octet minimum off by one; no 18-octet minimum for a tagged frame; the VLAN
 * ID masked to 8 bits instead of 12; the priority shifted by 12 (the DEI bit taken into it); the
 * payload's end computed without the offset; the values 1501..1535 accepted as EtherTypes; a
 * tagged frame's inner EtherType read two octets early (the TCI taken as the type).
 */
@Checkpoint(id = "1.02", title = "Ethernet II and 802.1Q frames",
        edit = "dev/netlab/link/EthernetFrame.java",
        hint = "after the two addresses, 0x8100 means a 4-octet tag and then the real EtherType",
        readme = "#ethernet-ii-and-8021q")
class EthernetFrameTest {
    private static final org.pcap4j.util.MacAddress DST = org.pcap4j.util.MacAddress.getByName("02:00:5e:10:00:02");
    private static final org.pcap4j.util.MacAddress SRC = org.pcap4j.util.MacAddress.getByName("02:00:5e:10:00:01");

    private static EthernetPacket pcap4jFrame(int payloadLength, boolean pad) {
        return new EthernetPacket.Builder()
                .dstAddr(DST).srcAddr(SRC)
                .type(org.pcap4j.packet.namednumber.EtherType.IPV4)
                .payloadBuilder(new UnknownPacket.Builder().rawData(Hostile.counting(payloadLength)))
                .pad(new byte[0]).paddingAtBuild(pad).build();
    }

    @Test
    @DisplayName("an untagged frame built by pcap4j decodes field by field")
    void decodesUntagged() throws Exception {
        EthernetPacket oracle = pcap4jFrame(100, false);
        EthernetFrame frame = EthernetFrame.decode(oracle.getRawData());
        assertThat(frame.destination().bytes()).isEqualTo(oracle.getHeader().getDstAddr().getAddress());
        assertThat(frame.source().bytes()).isEqualTo(oracle.getHeader().getSrcAddr().getAddress());
        assertThat(frame.vlan()).isEmpty();
        assertThat(frame.etherType()).isEqualTo(oracle.getHeader().getType().value() & 0xffff).isEqualTo(0x0800);
        assertThat(frame.payload()).isEqualTo(oracle.getPayload().getRawData());
        assertThat(frame.headerLength()).isEqualTo(14);
    }

    @Test
    @DisplayName("a short frame keeps its padding to 60 octets in the payload (upper layers drop it)")
    void keepsPadding() throws Exception {
        byte[] raw = pcap4jFrame(28, true).getRawData();
        assertThat(raw).hasSize(60);
        EthernetFrame frame = EthernetFrame.decode(raw);
        assertThat(frame.payload()).hasSize(46);
        assertThat(Arrays.copyOf(frame.payload(), 28)).isEqualTo(Hostile.counting(28));
    }

    @Test
    @DisplayName("an 802.1Q-tagged frame built by pcap4j gives the tag and the inner EtherType")
    void decodesVlanTag() throws Exception {
        Dot1qVlanTagPacket.Builder tag = new Dot1qVlanTagPacket.Builder()
                .priority((byte) 5).cfi(true).vid((short) 0x0abc)
                .type(org.pcap4j.packet.namednumber.EtherType.IPV6)
                .payloadBuilder(new UnknownPacket.Builder().rawData(Hostile.counting(64)));
        EthernetPacket oracle = new EthernetPacket.Builder().dstAddr(DST).srcAddr(SRC)
                .type(org.pcap4j.packet.namednumber.EtherType.DOT1Q_VLAN_TAGGED_FRAMES)
                .payloadBuilder(tag).pad(new byte[0]).paddingAtBuild(false).build();
        Dot1qVlanTagPacket.Dot1qVlanTagHeader vlan = oracle.get(Dot1qVlanTagPacket.class).getHeader();

        EthernetFrame frame = EthernetFrame.decode(oracle.getRawData());
        assertThat(frame.vlan()).hasValue(new EthernetFrame.VlanTag(vlan.getPriority(), vlan.getCfi(), vlan.getVidAsInt()));
        assertThat(frame.vlan().orElseThrow().vlanId()).isEqualTo(0x0abc);
        assertThat(frame.etherType()).isEqualTo(EtherType.IPV6.value());
        assertThat(frame.headerLength()).isEqualTo(18);
        assertThat(frame.payload()).isEqualTo(Hostile.counting(64));
        assertThat(frame.encode()).isEqualTo(oracle.getRawData());
    }

    @Test
    @DisplayName("decode(buf, off, len) reads only its window of a larger buffer")
    void decodesWindow() throws Exception {
        byte[] raw = pcap4jFrame(20, false).getRawData();
        byte[] big = new byte[raw.length + 10];
        Arrays.fill(big, (byte) 0xee);
        System.arraycopy(raw, 0, big, 7, raw.length);
        EthernetFrame frame = EthernetFrame.decode(big, 7, raw.length);
        assertThat(frame.payload()).isEqualTo(Hostile.counting(20));
        assertThat(frame.source()).isEqualTo(MacAddress.of("02:00:5e:10:00:01"));
    }

    @Test
    @DisplayName("encode writes header + payload without padding, and pcap4j reads it back")
    void encodesForPcap4j() throws IllegalRawDataException {
        EthernetFrame frame = EthernetFrame.of(MacAddress.BROADCAST, MacAddress.of("02:00:5e:10:00:01"),
                EtherType.ARP.value(), Hostile.counting(28));
        byte[] raw = frame.encode();
        assertThat(raw).hasSize(42);
        EthernetPacket oracle = EthernetPacket.newPacket(raw, 0, raw.length);
        assertThat(oracle.getHeader().getDstAddr()).isEqualTo(org.pcap4j.util.MacAddress.ETHER_BROADCAST_ADDRESS);
        assertThat(oracle.getHeader().getSrcAddr()).isEqualTo(SRC);
        assertThat(oracle.getHeader().getType()).isEqualTo(org.pcap4j.packet.namednumber.EtherType.ARP);
    }

    @Test
    @DisplayName("a tagged frame survives encode and decode unchanged")
    void roundTripTagged() throws Exception {
        EthernetFrame frame = new EthernetFrame(MacAddress.of("33:33:00:00:00:01"), MacAddress.of("02:00:5e:10:00:01"),
                Optional.of(new EthernetFrame.VlanTag(7, false, 4094)), 0x88b5, Hostile.counting(50));
        EthernetFrame back = EthernetFrame.decode(frame.encode());
        assertThat(back.destination()).isEqualTo(frame.destination());
        assertThat(back.vlan()).isEqualTo(frame.vlan());
        assertThat(back.etherType()).isEqualTo(0x88b5);
        assertThat(back.payload()).isEqualTo(frame.payload());
    }

    @Test
    @DisplayName("every prefix of a tagged frame is a typed error or a frame, never a crash")
    void everyPrefix() {
        byte[] raw = new EthernetFrame(MacAddress.BROADCAST, MacAddress.of("02:00:5e:10:00:01"),
                Optional.of(new EthernetFrame.VlanTag(0, false, 10)), 0x0800, Hostile.counting(30)).encode();
        Hostile.everyPrefix(raw, EthernetFrame::decode);
        assertError(PacketError.TRUNCATED, () -> EthernetFrame.decode(Arrays.copyOf(raw, 13)));
        assertError(PacketError.TRUNCATED, () -> EthernetFrame.decode(Arrays.copyOf(raw, 17)));
    }

    @Test
    @DisplayName("a 0x8100 TPID without room for the tag is truncated")
    void truncatedTag() {
        byte[] frame = Hostile.hex(
                "ffffffffffff"   // destination: broadcast
                + "02005e100001" // source
                + "8100"         // TPID: an 802.1Q tag follows...
                + "00");         // ...but only one of its four octets (TCI + inner type) is here
        assertError(PacketError.TRUNCATED, () -> EthernetFrame.decode(frame));
    }

    /** IEEE 802.3 Clause 3.2.6: values ≤ 1500 are a length (an LLC frame), not an EtherType. */
    @ParameterizedTest(name = "type/length field {0}")
    @DisplayName("an IEEE 802.3 length field is an LLC frame this decoder does not handle")
    @ValueSource(ints = {0, 46, 1500})
    void lengthFieldUnsupported(int length) {
        byte[] frame = new byte[60];
        frame[12] = (byte) (length >>> 8);
        frame[13] = (byte) length;
        assertError(PacketError.UNSUPPORTED, () -> EthernetFrame.decode(frame));
    }

    /** IEEE 802.3 Clause 3.2.6: 1501..1535 is neither a length nor a type. */
    @ParameterizedTest(name = "type/length field {0}")
    @DisplayName("a type/length value between 1501 and 1535 is invalid")
    @ValueSource(ints = {1501, 1535})
    void undefinedTypeValues(int value) {
        byte[] frame = new byte[60];
        frame[12] = (byte) (value >>> 8);
        frame[13] = (byte) value;
        assertError(PacketError.BAD_FIELD, () -> EthernetFrame.decode(frame));
    }
}
