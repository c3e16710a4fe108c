package dev.netlab.link;

import dev.netlab.kit.StubException;
import java.util.Optional;

/**
 * The EtherType values this course meets. The two octets after the source address in an
 * Ethernet header are a length when ≤ 1500 (IEEE 802.3 frames with an LLC header) and an
 * EtherType when ≥ 0x0600 (1536, Ethernet II); values in between are undefined.
 *
 * <p>Your job: look a value up, describe any value for humans ({@code "IPv4"} for a
 * known one, lower-case hex such as {@code "0x88b5"} otherwise), and tell a length from a
 * type.
 */
public enum EtherType {
    IPV4(0x0800),
    ARP(0x0806),
    VLAN(0x8100),
    IPV6(0x86DD),
    QINQ(0x88A8),
    LLDP(0x88CC);

    /** The largest value that is an IEEE 802.3 length. */
    public static final int MAX_LENGTH = 1500;
    /** The smallest value that is an EtherType. */
    public static final int MIN_ETHERTYPE = 0x0600;

    private final int value;

    EtherType(int value) {
        this.value = value;
    }

    /** The 16-bit value on the wire. */
    public int value() {
        return value;
    }

    /** The named EtherType with this value, or empty. */
    public static Optional<EtherType> of(int value) {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }

    /** {@code "IPv4"}, {@code "ARP"}, {@code "802.1Q"}, {@code "IPv6"}, {@code "802.1ad"}, {@code "LLDP"}, else {@code "0x%04x"}. */
    public static String describe(int value) {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }

    /** True when the field is an IEEE 802.3 length (≤ 1500), not an EtherType. */
    public static boolean isLength(int value) {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }
}
