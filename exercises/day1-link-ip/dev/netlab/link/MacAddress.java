package dev.netlab.link;

import dev.netlab.kit.StubException;

/**
 * A 48-bit IEEE 802 MAC address, the value in the destination and source fields of an
 * Ethernet header. It is a value class: two addresses with the same six octets are equal.
 *
 * <p>Your job: parse the text forms {@code aa:bb:cc:dd:ee:ff} and {@code aa-bb-cc-dd-ee-ff}
 * (either case; anything else is an {@link IllegalArgumentException} whose message says
 * what was expected: it must contain the words {@code MAC address} and the rejected text in
 * double quotes, e.g. {@code not a MAC address (want six hex pairs ...): "02:00"}),
 * read and write the six octets, print the lower-case colon form, and read the two flag bits
 * of the first octet:
 *
 * <pre>
 *   first octet on the wire
 *   +---+---+---+---+---+---+---+---+
 *   |   |   |   |   |   |   |U/L|I/G|
 *   +---+---+---+---+---+---+---+---+
 *   I/G (bit 0, 0b0000_0001): 1 = group address (multicast; broadcast is one too)
 *   U/L (bit 1, 0b0000_0010): 1 = locally administered, 0 = vendor OUI
 * </pre>
 *
 * Keep a private copy of the octets: a caller that changes its array afterwards must not
 * change your address.
 */
public final class MacAddress {
    /** Octets in a MAC address. */
    public static final int LENGTH = 6;
    /** ff:ff:ff:ff:ff:ff — every station on the link. */
    public static final MacAddress BROADCAST = new MacAddress(new byte[] {-1, -1, -1, -1, -1, -1});
    /** 00:00:00:00:00:00 — "unknown", e.g. the target hardware address of an ARP request. */
    public static final MacAddress ZERO = new MacAddress(new byte[LENGTH]);

    private final byte[] octets;

    private MacAddress(byte[] octets) {
        this.octets = octets;
    }

    /**
     * Parses {@code aa:bb:cc:dd:ee:ff} or {@code aa-bb-cc-dd-ee-ff}; anything else is an
     * IllegalArgumentException naming a {@code MAC address} and quoting the text: {@code "..."}.
     */
    public static MacAddress of(String text) {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }

    /** The address made of exactly six octets (copied); another length is an IllegalArgumentException. */
    public static MacAddress of(byte[] six) {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }

    /** Reads six octets at {@code off}. */
    public static MacAddress read(byte[] buf, int off) {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }

    /** A copy of the six octets. */
    public byte[] bytes() {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }

    /** Writes the six octets at {@code off}. */
    public void write(byte[] buf, int off) {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }

    /** ff:ff:ff:ff:ff:ff. */
    public boolean isBroadcast() {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }

    /** The I/G bit is set: the lowest bit of the first octet (0x01 of octet 0, not of the last one). */
    public boolean isMulticast() {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }

    /** The U/L bit is set: the second-lowest bit of the first octet (0x02 of octet 0). */
    public boolean isLocallyAdministered() {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }

    /** Equal when the six octets are equal. */
    @Override
    public boolean equals(Object o) {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }

    /** Consistent with equals. */
    @Override
    public int hashCode() {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }

    /** Lower-case colon form, e.g. {@code 02:00:5e:10:00:01}. */
    @Override
    public String toString() {
        throw StubException.notImplemented("1.01", "MAC addresses and EtherTypes", "day1-link-ip/README.md#mac-addresses-and-ethertypes");
    }
}
