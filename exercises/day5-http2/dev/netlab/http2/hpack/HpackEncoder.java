package dev.netlab.http2.hpack;

import dev.netlab.kit.StubException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes header lists into HPACK field blocks (RFC 7541 §6) with one dynamic table that lives
 * as long as the connection, in step with the peer's decoder.
 *
 * <p>For each field, the shortest representation the policy allows:
 * <ol>
 *   <li>name and value in a table: <b>indexed</b> (one or two octets);</li>
 *   <li>a sensitive field — marked so by the caller, or {@code authorization},
 *       {@code proxy-authorization}, and a {@code cookie} shorter than 20 octets, which are
 *       easy to guess one at a time (RFC 7541 §7.1.3) — <b>never indexed</b>, so no table and no
 *       intermediary ever keeps it;</li>
 *   <li>a field that is worth remembering: <b>incremental indexing</b>; not worth it — values
 *       that change with every message ({@code :path}, {@code content-length}, {@code etag},
 *       {@code date}-like validators, {@code location}, {@code set-cookie}, {@code age}), or
 *       entries over three quarters of the table, which would flush it — <b>without
 *       indexing</b>.</li>
 * </ol>
 * Names come from a table whenever one has them; strings are Huffman-coded only when that is
 * shorter (RFC 7541 §5.2). This is the policy of nghttp2's encoder.
 *
 * <p>When the peer's SETTINGS_HEADER_TABLE_SIZE changes, the next block starts with dynamic
 * table size updates: the smallest size reached since the last block, then the final one
 * (RFC 7541 §4.2).
 */
public final class HpackEncoder {
    // Fields the reference uses (a suggestion):
    //   private final DynamicTable table;
    //   private final int preferredMaxSize;
    //   private final Map<HeaderField, Long> dynamicFields;
    //   private final Map<String, Long> dynamicNames;
    //   private int pendingMinSize;
    //   private boolean updatePending;

    /**
     * @param maxTableSize the dynamic table this encoder may use, at most the peer's
     *                     SETTINGS_HEADER_TABLE_SIZE (4096 initially)
     */
    public HpackEncoder(int maxTableSize) {
        // keep what the methods need in fields (see the hint at the top of the class)
    }

    /** The dynamic table (for tests and tools). */
    public DynamicTable table() {
        throw StubException.notImplemented("5.07", "HPACK: the encoder (indexing policy, never-indexed fields, Huffman only when shorter)", "day5-http2/README.md#hpack");
    }

    /**
     * The peer's SETTINGS_HEADER_TABLE_SIZE changed: the table becomes the smaller of that and
     * this encoder's preference, announced at the start of the next block.
     */
    public void peerMaxTableSize(long peerLimit) {
        throw StubException.notImplemented("5.07", "HPACK: the encoder (indexing policy, never-indexed fields, Huffman only when shorter)", "day5-http2/README.md#hpack");
    }

    /** Appends the field block of {@code fields} to {@code out}. */
    public void encode(List<HeaderField> fields, OctetBuffer out) {
        throw StubException.notImplemented("5.07", "HPACK: the encoder (indexing policy, never-indexed fields, Huffman only when shorter)", "day5-http2/README.md#hpack");
    }
}
