package dev.netlab.http2.hpack;

import java.util.List;

/**
 * What {@link HpackDecoder#decode} made of one field block (RFC 9113 §4.3).
 *
 * @param fields the fields in order; incomplete when {@code tooLarge}
 * @param size the field section's size as SETTINGS_MAX_HEADER_LIST_SIZE counts it: every
 *             field's name + value + 32 octets (RFC 9113 §6.5.2), counted to the end of the block
 * @param tooLarge {@code size} passed the decoder's header list limit: the decoder went on
 *                 decoding to keep its table in step with the peer's encoder, but stopped keeping
 *                 fields; the request is refused (431), the connection stays usable
 */
public record FieldBlock(List<HeaderField> fields, long size, boolean tooLarge) {
    public FieldBlock {
        fields = List.copyOf(fields);
    }
}
