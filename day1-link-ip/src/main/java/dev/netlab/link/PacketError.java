package dev.netlab.link;

/**
 * What was wrong with a packet, in the terms of the protocol that rejects it. Every
 * decoder of the day reports malformed input with a {@link PacketException} carrying one
 * of these codes (and, where known, the offset of the offending byte); tests assert the
 * code, never just "it threw".
 */
public enum PacketError {
    /** The buffer ends before a field the header says is there. */
    TRUNCATED("packet truncated"),
    /** A version field holds a value this decoder does not speak (IPv4: 4, IPv6: 6). */
    BAD_VERSION("unsupported version"),
    /** IPv4 IHL below 5, or a header length that does not fit the packet. */
    BAD_HEADER_LENGTH("bad header length"),
    /** A total/payload length field that disagrees with the buffer. */
    BAD_LENGTH("bad length field"),
    /** A checksum that does not verify (RFC 1071). */
    BAD_CHECKSUM("bad checksum"),
    /** A field with a value the RFC forbids (e.g. an ARP hardware length other than 6 for Ethernet). */
    BAD_FIELD("invalid field value"),
    /** A well-formed packet of a kind this decoder does not handle. */
    UNSUPPORTED("unsupported packet type"),
    /** IPv6: an extension-header chain that is too long or repeats itself. */
    EXTENSION_CHAIN("bad extension-header chain"),
    /** IPv4 reassembly: fragments that overlap with different data, or disagree on the end. */
    FRAGMENT_OVERLAP("overlapping fragments"),
    /** A configured limit (memory, count, size) was reached. */
    LIMIT_EXCEEDED("limit exceeded");

    private final String description;

    PacketError(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
