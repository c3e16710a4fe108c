package dev.netlab.http2.hpack;

import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.StubException;

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
    // Fields the reference uses (a suggestion):
    //   private HeaderField[] ring;
    //   private int head;
    //   private int length;
    //   private int size;
    //   private int maxSize;
    //   private long inserted;

    /** An empty table of at most {@code maxSize} octets. */
    public DynamicTable(int maxSize) {
        // keep what the methods need in fields (see the hint at the top of the class)
    }

    /** Adds {@code field} as the newest entry (index 1), evicting the oldest as needed. */
    public void add(HeaderField field) {
        throw StubException.notImplemented("5.05", "HPACK: the dynamic table (indices, 32-octet overhead, eviction, size changes)", "day5-http2/README.md#hpack");
    }

    /**
     * The entry at dynamic index {@code index}, 1 (newest) to {@link #length()}.
     *
     * @throws Http2Exception COMPRESSION_ERROR for an index outside the table (RFC 7541 §2.3.3:
     *                        "Indices strictly greater than the sum of the lengths of both tables
     *                        MUST be treated as a decoding error.")
     */
    public HeaderField get(int index) throws Http2Exception {
        throw StubException.notImplemented("5.05", "HPACK: the dynamic table (indices, 32-octet overhead, eviction, size changes)", "day5-http2/README.md#hpack");
    }

    /** Entries in the table. */
    public int length() {
        throw StubException.notImplemented("5.05", "HPACK: the dynamic table (indices, 32-octet overhead, eviction, size changes)", "day5-http2/README.md#hpack");
    }

    /** The table's size: the sum of its entries' sizes (name + value + 32 each). */
    public int size() {
        throw StubException.notImplemented("5.05", "HPACK: the dynamic table (indices, 32-octet overhead, eviction, size changes)", "day5-http2/README.md#hpack");
    }

    public int maxSize() {
        throw StubException.notImplemented("5.05", "HPACK: the dynamic table (indices, 32-octet overhead, eviction, size changes)", "day5-http2/README.md#hpack");
    }

    /** Changes the maximum size, evicting the oldest entries until the table fits (§4.3). */
    public void maxSize(int newMaxSize) {
        throw StubException.notImplemented("5.05", "HPACK: the dynamic table (indices, 32-octet overhead, eviction, size changes)", "day5-http2/README.md#hpack");
    }

    /**
     * How many entries were ever added (also those evicted, and those too large to keep): an
     * entry added as the {@code n}-th is at dynamic index {@code inserted() - n + 1} while it
     * lasts. Encoders use it to find entries without searching the table.
     */
    public long inserted() {
        throw StubException.notImplemented("5.05", "HPACK: the dynamic table (indices, 32-octet overhead, eviction, size changes)", "day5-http2/README.md#hpack");
    }
}
