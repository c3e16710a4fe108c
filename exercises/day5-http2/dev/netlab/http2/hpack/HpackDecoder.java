package dev.netlab.http2.hpack;

import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes HPACK field blocks (RFC 7541 §3, §6) with one dynamic table that lives as long as
 * the connection: blocks must be decoded in the order they arrived, every one of them, even
 * for streams that will be refused (RFC 9113 §4.3).
 *
 * <p>The first octet of each representation says what it is:
 * <pre>
 *   1xxxxxxx   indexed header field                 §6.1     index (7+)
 *   01xxxxxx   literal with incremental indexing    §6.2.1   name index (6+), 0: new name
 *   001xxxxx   dynamic table size update            §6.3     max size (5+)
 *   0001xxxx   literal never indexed                §6.2.3   name index (4+), 0: new name
 *   0000xxxx   literal without indexing             §6.2.2   name index (4+), 0: new name
 * </pre>
 * A literal with a name index of 0 is followed by the name as a string literal; every literal
 * then has its value as a string literal (§5.2).
 *
 * <p>Every decoding error is a connection error of type COMPRESSION_ERROR (RFC 9113 §4.3).
 * Limits: the table never grows beyond the SETTINGS_HEADER_TABLE_SIZE this endpoint sent;
 * a block whose fields pass the header list limit keeps being decoded (the table must stay in
 * step) but its fields are no longer kept — an HPACK bomb, a few octets referring to a large
 * entry again and again, costs no memory.
 */
public final class HpackDecoder {
    // Fields the reference uses (a suggestion):
    //   private final DynamicTable table;
    //   private final long maxHeaderListSize;
    //   private int maxTableSizeLimit;
    //   private boolean updateRequired;

    /**
     * @param maxTableSize the SETTINGS_HEADER_TABLE_SIZE this endpoint announces (4096 by default)
     * @param maxHeaderListSize the largest field section this endpoint keeps (name + value + 32 each)
     */
    public HpackDecoder(int maxTableSize, long maxHeaderListSize) {
        // keep what the methods need in fields (see the hint at the top of the class)
    }

    /** The dynamic table (for tests and tools). */
    public DynamicTable table() {
        throw StubException.notImplemented("5.06", "HPACK: the decoder (every representation, size updates, errors, list limit)", "day5-http2/README.md#hpack");
    }

    /**
     * This endpoint changed its SETTINGS_HEADER_TABLE_SIZE (and the peer acknowledged it). A
     * lower limit than the table's current maximum obliges the encoder to send a size update at
     * the start of its next block (RFC 7541 §4.2).
     */
    public void maxTableSizeLimit(int limit) {
        throw StubException.notImplemented("5.06", "HPACK: the decoder (every representation, size updates, errors, list limit)", "day5-http2/README.md#hpack");
    }

    /**
     * Decodes one complete field block: all of {@code block} (its position moves to the end).
     *
     * @throws Http2Exception COMPRESSION_ERROR for anything RFC 7541 calls a decoding error
     */
    public FieldBlock decode(ByteBuffer block) throws Http2Exception {
        throw StubException.notImplemented("5.06", "HPACK: the decoder (every representation, size updates, errors, list limit)", "day5-http2/README.md#hpack");
    }
}
