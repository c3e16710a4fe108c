package dev.netlab.http2.hpack;

import java.nio.charset.StandardCharsets;

/**
 * One header field as HPACK sees it: a name and a value, both sequences of octets. They are
 * held as ISO-8859-1 strings, one char per octet, so that any octet survives the round trip
 * (HTTP/2 field values may carry octets above 0x7f; RFC 9113 §8.2.1).
 *
 * @param sensitive the field must never be added to a compression table: encoded as "literal
 *                  never indexed" (RFC 7541 §6.2.3, §7.1.3), and decoded as such keeps the mark
 */
public record HeaderField(String name, String value, boolean sensitive) {
    /**
     * RFC 7541 §4.1: "The size of an entry is the sum of its name's length in octets (as
     * defined in Section 5.2), its value's length in octets, and 32."
     */
    public static final int ENTRY_OVERHEAD = 32;

    public HeaderField {
        if (name == null || value == null) {
            throw new NullPointerException("a header field needs a name and a value");
        }
    }

    /** A field that may be indexed. */
    public HeaderField(String name, String value) {
        this(name, value, false);
    }

    /** A field from octets (each octet one char). */
    public static HeaderField ofOctets(byte[] name, byte[] value) {
        return new HeaderField(new String(name, StandardCharsets.ISO_8859_1), new String(value, StandardCharsets.ISO_8859_1));
    }

    /** The field's size in a dynamic table and in a header list: name + value + 32 octets. */
    public int size() {
        return name.length() + value.length() + ENTRY_OVERHEAD;
    }

    /** The same name and value (the {@code sensitive} mark aside). */
    public boolean sameAs(HeaderField other) {
        return name.equals(other.name) && value.equals(other.value);
    }

    /** The value's octets read as UTF-8 (for display: HTTP values are octets). */
    public String valueUtf8() {
        return new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return name + ": " + value + (sensitive ? " (never indexed)" : "");
    }
}
