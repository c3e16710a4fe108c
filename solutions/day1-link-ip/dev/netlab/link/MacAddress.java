package dev.netlab.link;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A 48-bit IEEE 802 MAC address (EUI-48), as it appears in an Ethernet header.
 *
 * <pre>
 *   first octet on the wire
 *   +---+---+---+---+---+---+---+---+
 *   |   |   |   |   |   |   |U/L|I/G|
 *   +---+---+---+---+---+---+---+---+
 *   I/G (bit 0): 0 = individual (unicast), 1 = group (multicast, broadcast)
 *   U/L (bit 1): 0 = universally administered (OUI), 1 = locally administered
 * </pre>
 */
public final class MacAddress {
    /** Octets in a MAC address. */
    public static final int LENGTH = 6;
    /** ff:ff:ff:ff:ff:ff — every station on the link. */
    public static final MacAddress BROADCAST = new MacAddress(new byte[] {-1, -1, -1, -1, -1, -1});
    /** 00:00:00:00:00:00 — "unknown", e.g. the target hardware address of an ARP request. */
    public static final MacAddress ZERO = new MacAddress(new byte[LENGTH]);

    private static final int GROUP_BIT = 0b0000_0001;
    private static final int LOCAL_BIT = 0b0000_0010;
    private static final Pattern TEXT =
            Pattern.compile("\\p{XDigit}{2}([:-])\\p{XDigit}{2}(\\1\\p{XDigit}{2}){4}");

    private final byte[] octets;

    private MacAddress(byte[] octets) {
        this.octets = octets;
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} or {@code aa-bb-cc-dd-ee-ff}, in either case. */
    public static MacAddress of(String text) {
        Objects.requireNonNull(text, "text");
        if (!TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("not a MAC address (want six hex pairs "
                    + "separated by ':' or '-', e.g. 02:00:5e:10:00:01): \"" + text + "\"");
        }
        byte[] octets = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            octets[i] = (byte) HexFormat.fromHexDigits(text, i * 3, i * 3 + 2);
        }
        return new MacAddress(octets);
    }

    /** The address made of exactly six octets (copied). */
    public static MacAddress of(byte[] six) {
        if (six.length != LENGTH) {
            throw new IllegalArgumentException("a MAC address has 6 octets, got " + six.length);
        }
        return new MacAddress(six.clone());
    }

    /** Reads six octets at {@code off}; the caller has checked that they are there. */
    public static MacAddress read(byte[] buf, int off) {
        return new MacAddress(Arrays.copyOfRange(buf, off, off + LENGTH));
    }

    /** A copy of the six octets. */
    public byte[] bytes() {
        return octets.clone();
    }

    /** Writes the six octets at {@code off}. */
    public void write(byte[] buf, int off) {
        System.arraycopy(octets, 0, buf, off, LENGTH);
    }

    public boolean isBroadcast() {
        return equals(BROADCAST);
    }

    /** The I/G bit: a group address (multicast; broadcast is one too). */
    public boolean isMulticast() {
        return (octets[0] & GROUP_BIT) != 0;
    }

    /** The U/L bit: assigned locally rather than from a vendor's OUI. */
    public boolean isLocallyAdministered() {
        return (octets[0] & LOCAL_BIT) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress other && Arrays.equals(octets, other.octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    /** Lower-case colon form, e.g. {@code 02:00:5e:10:00:01}. */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(octets);
    }
}
