package dev.netlab.link;

import java.util.Optional;

/**
 * The EtherType values this course meets (IEEE 802.3 Clause 3.2.6; IANA "IEEE 802
 * Numbers"). The two octets after the source address are a length when ≤ 1500 and an
 * EtherType when ≥ 0x0600 (1536); values in between are undefined.
 */
public enum EtherType {
    IPV4(0x0800, "IPv4"),
    ARP(0x0806, "ARP"),
    VLAN(0x8100, "802.1Q"),
    IPV6(0x86DD, "IPv6"),
    QINQ(0x88A8, "802.1ad"),
    LLDP(0x88CC, "LLDP");

    /** The largest value that is an IEEE 802.3 length (the maximum client data size). */
    public static final int MAX_LENGTH = 1500;
    /** The smallest value that is an EtherType. */
    public static final int MIN_ETHERTYPE = 0x0600;

    private final int value;
    private final String label;

    EtherType(int value, String label) {
        this.value = value;
        this.label = label;
    }

    /** The 16-bit value on the wire. */
    public int value() {
        return value;
    }

    /** The named EtherType with this value, if any. */
    public static Optional<EtherType> of(int value) {
        for (EtherType type : values()) {
            if (type.value == value) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** A label for humans: {@code "IPv4"} for a known type, else hex such as {@code "0x88b5"}. */
    public static String describe(int value) {
        return of(value).map(t -> t.label).orElseGet(() -> String.format("0x%04x", value));
    }

    /** Whether the type/length field holds an IEEE 802.3 length (≤ 1500) rather than an EtherType. */
    public static boolean isLength(int value) {
        return value <= MAX_LENGTH;
    }
}
