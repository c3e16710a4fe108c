package dev.netlab.http2.hpack;

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
    private static final int INDEXED = 0b1000_0000;
    private static final int INCREMENTAL = 0b0100_0000;
    private static final int SIZE_UPDATE = 0b0010_0000;
    private static final int NEVER_INDEXED = 0b0001_0000;
    private static final int WITHOUT_INDEXING = 0b0000_0000;

    private static final Set<String> NOT_INDEXED = Set.of(":path", "content-length", "etag", "if-modified-since",
            "if-none-match", "location", "set-cookie", "age");
    private static final Map<HeaderField, Integer> STATIC_FIELDS = new HashMap<>();
    private static final Map<String, Integer> STATIC_NAMES = new HashMap<>();

    static {
        for (int i = StaticTable.LENGTH; i >= 1; i--) {
            HeaderField f = StaticTable.get(i);
            STATIC_FIELDS.put(f, i);
            STATIC_NAMES.put(f.name(), i); // the lowest index of a name wins
        }
    }

    private final DynamicTable table;
    /** The largest table this encoder uses, whatever the peer allows. */
    private final int preferredMaxSize;
    /** Insertion number of the newest entry with each field / name (may be evicted: check). */
    private final Map<HeaderField, Long> dynamicFields = new HashMap<>();
    private final Map<String, Long> dynamicNames = new HashMap<>();
    private int pendingMinSize = -1;
    private boolean updatePending;

    /**
     * @param maxTableSize the dynamic table this encoder may use, at most the peer's
     *                     SETTINGS_HEADER_TABLE_SIZE (4096 initially)
     */
    public HpackEncoder(int maxTableSize) {
        this.table = new DynamicTable(maxTableSize);
        this.preferredMaxSize = maxTableSize;
    }

    /** The dynamic table (for tests and tools). */
    public DynamicTable table() {
        return table;
    }

    /**
     * The peer's SETTINGS_HEADER_TABLE_SIZE changed: the table becomes the smaller of that and
     * this encoder's preference, announced at the start of the next block.
     */
    public void peerMaxTableSize(long peerLimit) {
        int size = (int) Math.min(peerLimit, preferredMaxSize);
        if (size == table.maxSize() && !updatePending) {
            return;
        }
        pendingMinSize = pendingMinSize < 0 ? size : Math.min(pendingMinSize, size);
        table.maxSize(size);
        updatePending = true;
    }

    /** Appends the field block of {@code fields} to {@code out}. */
    public void encode(List<HeaderField> fields, OctetBuffer out) {
        if (updatePending) {
            if (pendingMinSize < table.maxSize()) {
                HpackInteger.encode(out, SIZE_UPDATE, 5, pendingMinSize);
            }
            HpackInteger.encode(out, SIZE_UPDATE, 5, table.maxSize());
            updatePending = false;
            pendingMinSize = -1;
        }
        for (int i = 0, n = fields.size(); i < n; i++) {
            encode(fields.get(i), out);
        }
    }

    private void encode(HeaderField field, OctetBuffer out) {
        String name = field.name();
        boolean sensitive = field.sensitive() || isSensitive(name, field.value());
        HeaderField key = field.sensitive() ? new HeaderField(name, field.value()) : field;
        if (!sensitive) {
            int index = indexOf(key);
            if (index > 0) {
                HpackInteger.encode(out, INDEXED, 7, index);
                return;
            }
        }
        int nameIndex = indexOfName(name);
        if (sensitive) {
            literal(out, NEVER_INDEXED, 4, nameIndex, key);
        } else if (worthIndexing(key)) {
            literal(out, INCREMENTAL, 6, nameIndex, key);
            table.add(key);
            dynamicFields.put(key, table.inserted());
            dynamicNames.put(name, table.inserted());
            if (dynamicFields.size() > 2 * table.length() + 64) {
                purge();
            }
        } else {
            literal(out, WITHOUT_INDEXING, 4, nameIndex, key);
        }
    }

    private static void literal(OctetBuffer out, int pattern, int prefixBits, int nameIndex, HeaderField field) {
        HpackInteger.encode(out, pattern, prefixBits, nameIndex);
        if (nameIndex == 0) {
            StringLiteral.encode(out, field.name());
        }
        StringLiteral.encode(out, field.value());
    }

    private static boolean isSensitive(String name, String value) {
        return switch (name) {
            case "authorization", "proxy-authorization" -> true;
            case "cookie" -> value.length() < 20;
            default -> false;
        };
    }

    private boolean worthIndexing(HeaderField field) {
        return field.size() <= table.maxSize() * 3 / 4 && !NOT_INDEXED.contains(field.name());
    }

    /** The HPACK index of the field, 0 if neither table has it. */
    private int indexOf(HeaderField field) {
        Integer s = STATIC_FIELDS.get(field);
        if (s != null) {
            return s;
        }
        Long id = dynamicFields.get(field);
        return id == null ? 0 : dynamicIndex(id);
    }

    /** The HPACK index of an entry with this name, 0 if neither table has one. */
    private int indexOfName(String name) {
        Integer s = STATIC_NAMES.get(name);
        if (s != null) {
            return s;
        }
        Long id = dynamicNames.get(name);
        return id == null ? 0 : dynamicIndex(id);
    }

    /** The HPACK index of the entry inserted as number {@code id}, 0 if it was evicted. */
    private int dynamicIndex(long id) {
        long index = table.inserted() - id + 1;
        return index <= table.length() ? StaticTable.LENGTH + (int) index : 0;
    }

    private void purge() {
        dynamicFields.values().removeIf(id -> dynamicIndex(id) == 0);
        dynamicNames.values().removeIf(id -> dynamicIndex(id) == 0);
    }
}
