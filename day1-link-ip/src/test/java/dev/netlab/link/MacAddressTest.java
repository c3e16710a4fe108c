package dev.netlab.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.kit.Checkpoint;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoint 1.01: MAC addresses and EtherTypes.
 *
 * <p>Learner mistakes this catches, each checked once against a hand-made mutant of the reference
 * (issue 19): the I/G bit read from the last octet instead of the first (it passed every test
 * until the three addresses whose first and last octets' low bits differ were added); the U/L
 * bit read from the last octet; I/G and U/L swapped; {@code read} one octet off, or ignoring its
 * offset; an upper-case text form; {@code bytes()} handing out the internal array; 1500 taken as
 * an EtherType instead of an 802.3 length (the boundary of IEEE 802.3 Clause 3.2.6).
 */
@Checkpoint(id = "1.01", title = "MAC addresses and EtherTypes",
        edit = {"dev/netlab/link/MacAddress.java", "dev/netlab/link/EtherType.java"},
        hint = "the I/G and U/L flags are the two lowest bits of the FIRST octet",
        readme = "#mac-addresses-and-ethertypes")
class MacAddressTest {
    @ParameterizedTest(name = "\"{0}\"")
    @DisplayName("colon and dash forms parse, in either case, to the same six octets as pcap4j's")
    @ValueSource(strings = {"02:00:5e:10:00:01", "02-00-5E-10-00-01", "02:00:5E:10:00:01"})
    void parsesTextForms(String text) {
        MacAddress mac = MacAddress.of(text);
        assertThat(mac.bytes()).isEqualTo(org.pcap4j.util.MacAddress.getByName("02:00:5e:10:00:01").getAddress());
        assertThat(mac).hasToString("02:00:5e:10:00:01");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @DisplayName("anything but six hex pairs with one kind of separator is rejected with a clear message")
    @ValueSource(strings = {"", "02:00:5e:10:00", "02:00:5e:10:00:01:02", "02:00-5e:10:00:01",
        "0200.5e10.0001", "g2:00:5e:10:00:01", "2:00:5e:10:00:01", " 02:00:5e:10:00:01", "02::5e:10:00:01:0"})
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> MacAddress.of(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAC address")
                .hasMessageContaining("\"" + text + "\"");
    }

    @Test
    @DisplayName("of(byte[]) needs exactly six octets and keeps its own copy")
    void fromBytes() {
        byte[] octets = {0x00, 0x1b, 0x21, 0x3a, 0x4b, 0x5c};
        MacAddress mac = MacAddress.of(octets);
        octets[0] = 0x7f;
        assertThat(mac).hasToString("00:1b:21:3a:4b:5c");
        mac.bytes()[1] = 0;
        assertThat(mac).hasToString("00:1b:21:3a:4b:5c");
        assertThatThrownBy(() -> MacAddress.of(new byte[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MacAddress.of(new byte[7])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("read and write work at an offset inside a larger buffer")
    void readWriteAtOffset() {
        byte[] frame = Hostile.hex("ffffffffffff 001b213a4b5c 0806");
        assertThat(MacAddress.read(frame, 0)).isEqualTo(MacAddress.BROADCAST);
        assertThat(MacAddress.read(frame, 6)).isEqualTo(MacAddress.of("00:1b:21:3a:4b:5c"));
        byte[] out = new byte[10];
        MacAddress.of("aa:bb:cc:dd:ee:ff").write(out, 2);
        assertThat(out).isEqualTo(Hostile.hex("0000aabbccddeeff0000"));
    }

    @ParameterizedTest(name = "{0}: broadcast={1} multicast={2} local={3}")
    @DisplayName("flags come from the two low bits of the first octet (I/G, U/L)")
    @CsvSource({
        "ff:ff:ff:ff:ff:ff, true, true, true",
        "01:00:5e:00:00:fb, false, true, false",  // IPv4 multicast 224.0.0.251 (mDNS)
        "33:33:00:00:00:01, false, true, true",   // IPv6 multicast all-nodes
        "02:42:ac:11:00:02, false, false, true",  // a Docker container: locally administered
        "00:1b:21:3a:4b:5c, false, false, false", // a vendor (OUI) unicast address
        // the first octet's bits differ from the last octet's: the flags are read from the FIRST
        "01:00:5e:7f:ff:fa, false, true, false",  // IPv4 multicast 239.255.255.250 (SSDP), last octet even
        "00:1b:21:3a:4b:5f, false, false, false", // unicast, vendor, though the last octet has both low bits set
        "02:00:00:00:00:00, false, false, true",  // locally administered, last octet zero
    })
    void flags(String text, boolean broadcast, boolean multicast, boolean local) {
        MacAddress mac = MacAddress.of(text);
        assertThat(mac.isBroadcast()).isEqualTo(broadcast);
        assertThat(mac.isMulticast()).isEqualTo(multicast);
        assertThat(mac.isLocallyAdministered()).isEqualTo(local);
        org.pcap4j.util.MacAddress oracle = org.pcap4j.util.MacAddress.getByName(text);
        assertThat(mac.isMulticast()).isEqualTo(!oracle.isUnicast());
        assertThat(mac.isLocallyAdministered()).isEqualTo(!oracle.isGloballyUnique());
    }

    @Test
    @DisplayName("equal octets make equal addresses; the constants are what they say")
    void valueSemantics() {
        assertThat(MacAddress.of("AA-BB-CC-DD-EE-FF")).isEqualTo(MacAddress.of("aa:bb:cc:dd:ee:ff"))
                .hasSameHashCodeAs(MacAddress.of("aa:bb:cc:dd:ee:ff"));
        assertThat(MacAddress.of("aa:bb:cc:dd:ee:fe")).isNotEqualTo(MacAddress.of("aa:bb:cc:dd:ee:ff"));
        assertThat(MacAddress.BROADCAST).hasToString("ff:ff:ff:ff:ff:ff");
        assertThat(MacAddress.ZERO).hasToString("00:00:00:00:00:00");
        assertThat(MacAddress.ZERO.isMulticast()).isFalse();
    }

    @ParameterizedTest(name = "0x{0} -> {1}")
    @DisplayName("EtherTypes are looked up by value and described for humans")
    @CsvSource({
        "0800, IPv4, IPV4",
        "0806, ARP, ARP",
        "8100, 802.1Q, VLAN",
        "86dd, IPv6, IPV6",
        "88a8, 802.1ad, QINQ",
        "88cc, LLDP, LLDP",
        "88b5, 0x88b5, ",
        "0600, 0x0600, ",
    })
    void etherTypes(String hex, String description, EtherType named) {
        int value = Integer.parseInt(hex, 16);
        assertThat(EtherType.of(value)).isEqualTo(Optional.ofNullable(named));
        assertThat(EtherType.describe(value)).isEqualTo(description);
        if (named != null) {
            assertThat(named.value()).isEqualTo(value);
        }
    }

    @ParameterizedTest(name = "{0} is a length: {1}")
    @DisplayName("IEEE 802.3: a type/length field of 1500 or less is a length")
    @CsvSource({"0, true", "46, true", "1500, true", "1501, false", "1536, false", "2048, false", "65535, false"})
    void lengthOrType(int value, boolean isLength) {
        assertThat(EtherType.isLength(value)).isEqualTo(isLength);
    }
}
