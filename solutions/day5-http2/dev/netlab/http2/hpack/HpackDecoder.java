package dev.netlab.http2.hpack;

import dev.netlab.http2.Http2Exception;
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
    private static final int INDEXED = 0b1000_0000;
    private static final int INCREMENTAL = 0b0100_0000;
    private static final int SIZE_UPDATE = 0b0010_0000;
    private static final int NEVER_INDEXED = 0b0001_0000;

    private final DynamicTable table;
    private final long maxHeaderListSize;
    /** The SETTINGS_HEADER_TABLE_SIZE this endpoint sent: the highest size an update may set. */
    private int maxTableSizeLimit;
    /** The limit was lowered below the table's size: the next block must start with an update. */
    private boolean updateRequired;

    /**
     * @param maxTableSize the SETTINGS_HEADER_TABLE_SIZE this endpoint announces (4096 by default)
     * @param maxHeaderListSize the largest field section this endpoint keeps (name + value + 32 each)
     */
    public HpackDecoder(int maxTableSize, long maxHeaderListSize) {
        this.table = new DynamicTable(maxTableSize);
        this.maxTableSizeLimit = maxTableSize;
        this.maxHeaderListSize = maxHeaderListSize;
    }

    /** The dynamic table (for tests and tools). */
    public DynamicTable table() {
        return table;
    }

    /**
     * This endpoint changed its SETTINGS_HEADER_TABLE_SIZE (and the peer acknowledged it). A
     * lower limit than the table's current maximum obliges the encoder to send a size update at
     * the start of its next block (RFC 7541 §4.2).
     */
    public void maxTableSizeLimit(int limit) {
        if (limit < table.maxSize()) {
            updateRequired = true;
        }
        maxTableSizeLimit = limit;
    }

    /**
     * Decodes one complete field block: all of {@code block} (its position moves to the end).
     *
     * @throws Http2Exception COMPRESSION_ERROR for anything RFC 7541 calls a decoding error
     */
    public FieldBlock decode(ByteBuffer block) throws Http2Exception {
        List<HeaderField> fields = new ArrayList<>();
        long listSize = 0;
        boolean tooLarge = false;
        boolean fieldSeen = false;
        while (block.hasRemaining()) {
            int first = block.get() & 0xff;
            if ((first & SIZE_UPDATE) != 0 && (first & (INDEXED | INCREMENTAL)) == 0) {
                sizeUpdate(first, block, fieldSeen);
                continue;
            }
            if (updateRequired) {
                throw Http2Exception.compressionError("the header table size was lowered: the block must start with a size update");
            }
            HeaderField field = field(first, block);
            fieldSeen = true;
            listSize += field.size();
            if (listSize > maxHeaderListSize) {
                tooLarge = true;
            } else {
                fields.add(field);
            }
        }
        return new FieldBlock(fields, listSize, tooLarge);
    }

    private HeaderField field(int first, ByteBuffer block) throws Http2Exception {
        if ((first & INDEXED) != 0) {
            // RFC 7541 §6.1: "The index value of 0 is not used. It MUST be treated as a decoding
            // error if found in an indexed header field representation."
            int index = HpackInteger.decode(first, 7, block);
            if (index == 0) {
                throw Http2Exception.compressionError("indexed header field with index 0");
            }
            return entry(index);
        }
        if ((first & INCREMENTAL) != 0) {
            HeaderField field = literal(first, 6, block, false);
            table.add(field);
            return field;
        }
        // 0001xxxx never indexed, 0000xxxx without indexing: both have a 4-bit name index
        return literal(first, 4, block, (first & NEVER_INDEXED) != 0);
    }

    private HeaderField literal(int first, int prefixBits, ByteBuffer block, boolean sensitive) throws Http2Exception {
        int nameIndex = HpackInteger.decode(first, prefixBits, block);
        String name = nameIndex == 0 ? StringLiteral.decode(block) : entry(nameIndex).name();
        String value = StringLiteral.decode(block);
        return new HeaderField(name, value, sensitive);
    }

    private void sizeUpdate(int first, ByteBuffer block, boolean fieldSeen) throws Http2Exception {
        // RFC 7541 §4.2: "This dynamic table size update MUST occur at the beginning of the first
        // header block following the change to the dynamic table size." An update after a field
        // is a decoding error (h2spec hpack 4.2).
        if (fieldSeen) {
            throw Http2Exception.compressionError("a dynamic table size update after a header field");
        }
        int size = HpackInteger.decode(first, 5, block);
        // §6.3: "The new maximum size MUST be lower than or equal to the limit determined by the
        // protocol using HPACK. A value that exceeds this limit MUST be treated as a decoding error."
        if (size > maxTableSizeLimit) {
            throw Http2Exception.compressionError("a dynamic table size update to %d above SETTINGS_HEADER_TABLE_SIZE %d",
                    size, maxTableSizeLimit);
        }
        table.maxSize(size);
        updateRequired = false;
    }

    /** HPACK index {@code index} ≥ 1 in the static then the dynamic table (RFC 7541 §2.3.3). */
    private HeaderField entry(int index) throws Http2Exception {
        if (index <= StaticTable.LENGTH) {
            return StaticTable.get(index);
        }
        return table.get(index - StaticTable.LENGTH);
    }
}
