package dev.netlab.http2.hpack;

import dev.netlab.http2.Http2Exception;

/**
 * HPACK's dynamic table (RFC 7541 §2.3.2, §4): a first-in first-out list of header fields,
 * newest first. Index 1 is the entry added last; in the whole index space it follows the
 * static table, so dynamic index 1 is HPACK index 62.
 *
 * <pre>
 *   &lt;----------  Index Address Space ----------&gt;
 *   &lt;-- Static  Table --&gt;  &lt;-- Dynamic Table --&gt;
 *   +---+-----------+---+  +---+-----------+---+
 *   | 1 |    ...    | s |  |s+1|    ...    |s+k|
 *   +---+-----------+---+  +---+-----------+---+
 *                          ^                   |
 *                          |                   V
 *                   Insertion Point      Dropping Point
 * </pre>
 *
 * <p>Its size is the sum of its entries' sizes, each name + value + 32 octets (§4.1), and
 * never exceeds {@link #maxSize()}: adding an entry first evicts the oldest until it fits
 * (§4.4), and "an attempt to add an entry larger than the maximum size causes the table to be
 * emptied of all existing entries and results in an empty table". Lowering the maximum
 * evicts too (§4.3). Entries live in a ring buffer: adding and evicting move no entry.
 */
public final class DynamicTable {
    private HeaderField[] ring;
    /** Where the next entry goes. */
    private int head;
    private int length;
    private int size;
    private int maxSize;
    private long inserted;

    /** An empty table of at most {@code maxSize} octets. */
    public DynamicTable(int maxSize) {
        if (maxSize < 0) {
            throw new IllegalArgumentException("a table size is not negative: " + maxSize);
        }
        this.maxSize = maxSize;
        this.ring = new HeaderField[Math.max(8, Math.min(maxSize / HeaderField.ENTRY_OVERHEAD + 1, 1024))];
    }

    /** Adds {@code field} as the newest entry (index 1), evicting the oldest as needed. */
    public void add(HeaderField field) {
        int entry = field.size();
        if (entry > maxSize) {
            clear();
            inserted++;
            return;
        }
        while (size + entry > maxSize) {
            evictOldest();
        }
        if (length == ring.length) {
            grow();
        }
        ring[head] = field;
        head = (head + 1) % ring.length;
        length++;
        size += entry;
        inserted++;
    }

    /**
     * The entry at dynamic index {@code index}, 1 (newest) to {@link #length()}.
     *
     * @throws Http2Exception COMPRESSION_ERROR for an index outside the table (RFC 7541 §2.3.3:
     *                        "Indices strictly greater than the sum of the lengths of both tables
     *                        MUST be treated as a decoding error.")
     */
    public HeaderField get(int index) throws Http2Exception {
        if (index < 1 || index > length) {
            throw Http2Exception.compressionError("dynamic table index %d with %d entries (HPACK index %d)",
                    index, length, index + StaticTable.LENGTH);
        }
        int at = head - index;
        return ring[at < 0 ? at + ring.length : at];
    }

    /** Entries in the table. */
    public int length() {
        return length;
    }

    /** The table's size: the sum of its entries' sizes (name + value + 32 each). */
    public int size() {
        return size;
    }

    public int maxSize() {
        return maxSize;
    }

    /** Changes the maximum size, evicting the oldest entries until the table fits (§4.3). */
    public void maxSize(int newMaxSize) {
        if (newMaxSize < 0) {
            throw new IllegalArgumentException("a table size is not negative: " + newMaxSize);
        }
        maxSize = newMaxSize;
        while (size > maxSize) {
            evictOldest();
        }
    }

    /**
     * How many entries were ever added (also those evicted, and those too large to keep): an
     * entry added as the {@code n}-th is at dynamic index {@code inserted() - n + 1} while it
     * lasts. Encoders use it to find entries without searching the table.
     */
    public long inserted() {
        return inserted;
    }

    private void evictOldest() {
        int oldest = head - length;
        if (oldest < 0) {
            oldest += ring.length;
        }
        size -= ring[oldest].size();
        ring[oldest] = null;
        length--;
    }

    private void clear() {
        while (length > 0) {
            evictOldest();
        }
    }

    private void grow() {
        HeaderField[] bigger = new HeaderField[ring.length * 2];
        for (int i = length; i >= 1; i--) {
            int at = head - i;
            bigger[length - i] = ring[at < 0 ? at + ring.length : at];
        }
        ring = bigger;
        head = length;
    }
}
