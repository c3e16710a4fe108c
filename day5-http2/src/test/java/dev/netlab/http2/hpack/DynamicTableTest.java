package dev.netlab.http2.hpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.Checkpoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The dynamic table (RFC 7541 §2.3.2, §4). Mistakes it catches: index 1 taken as the oldest
 * entry; the 32-octet overhead forgotten; eviction of the newest instead of the oldest; an
 * entry larger than the table kept (or the table left as it was); a lowered maximum that
 * evicts nothing; an index past the end answered (or 0 accepted); the ring buffer losing
 * entries when it wraps around or grows. Mutant run on the reference (2026-12-05): the 32-octet
 * overhead forgotten fails 5 of the 6 tests. Killed since the PIT run of 2026-12-06
 * ({@code raisedMaximum}, {@code tooLargeEntry}): a table of maximum size 0 refused (it is
 * legal: SETTINGS_HEADER_TABLE_SIZE 0); a fixed-size array that never grows when the maximum is
 * raised, or a ring that grows off by one when its oldest entry is not at the start of the array
 * (its growth was never run before); an entry too large to keep not counted in
 * {@code inserted()} (its contract counts those too).
 */
@Checkpoint(id = "5.05", title = "HPACK: the dynamic table (indices, 32-octet overhead, eviction, size changes)",
        edit = "dev/netlab/http2/hpack/DynamicTable.java",
        hint = "newest is index 1; an entry is name + value + 32 octets; evict the oldest until the new one fits; one larger than the table empties it",
        readme = "#hpack")
class DynamicTableTest {
    private static HeaderField f(String name, String value) {
        return new HeaderField(name, value);
    }

    @Test
    @DisplayName("RFC 7541 C.3: three entries, newest first, sizes 57 + 53 + 54 = 164")
    void rfc7541_C_3_tables() throws Http2Exception {
        DynamicTable t = new DynamicTable(4096);
        t.add(f(":authority", "www.example.com"));
        assertThat(t.size()).isEqualTo(57);
        t.add(f("cache-control", "no-cache"));
        t.add(f("custom-key", "custom-value"));
        assertThat(t.length()).isEqualTo(3);
        assertThat(t.size()).isEqualTo(164);
        assertThat(t.get(1)).isEqualTo(f("custom-key", "custom-value"));
        assertThat(t.get(2)).isEqualTo(f("cache-control", "no-cache"));
        assertThat(t.get(3)).isEqualTo(f(":authority", "www.example.com"));
        assertThat(t.inserted()).isEqualTo(3);
    }

    @Test
    @DisplayName("RFC 7541 C.5: a 256-octet table evicts the oldest entries to make room")
    void rfc7541_C_5_evictions() throws Http2Exception {
        DynamicTable t = new DynamicTable(256);
        t.add(f(":status", "302"));
        t.add(f("cache-control", "private"));
        t.add(f("date", "Mon, 21 Oct 2013 20:13:21 GMT"));
        t.add(f("location", "https://www.example.com"));
        assertThat(t.size()).isEqualTo(222);
        t.add(f(":status", "307")); // evicts :status: 302
        assertThat(t.length()).isEqualTo(4);
        assertThat(t.get(4)).isEqualTo(f("cache-control", "private"));
        assertThat(t.size()).isEqualTo(222);
        t.add(f("date", "Mon, 21 Oct 2013 20:13:22 GMT")); // evicts cache-control
        t.add(f("content-encoding", "gzip")); // evicts the old date
        t.add(f("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1")); // evicts location, :status 307
        assertThat(t.length()).isEqualTo(3);
        assertThat(t.size()).isEqualTo(215);
        assertThat(t.get(1).name()).isEqualTo("set-cookie");
        assertThat(t.get(2)).isEqualTo(f("content-encoding", "gzip"));
        assertThat(t.get(3)).isEqualTo(f("date", "Mon, 21 Oct 2013 20:13:22 GMT"));
    }

    @Test
    @DisplayName("RFC 7541 §4.4: an entry larger than the maximum size empties the table and is not added")
    void tooLargeEntry() {
        DynamicTable t = new DynamicTable(100);
        t.add(f("a", "b"));
        t.add(f("big", "x".repeat(100)));
        assertThat(t.length()).isZero();
        assertThat(t.size()).isZero();
        assertThat(t.inserted()).as("the entry too large to keep still counts as inserted").isEqualTo(2);
        DynamicTable exact = new DynamicTable(100);
        exact.add(f("n", "x".repeat(67))); // 1 + 67 + 32 = 100: fits exactly
        assertThat(exact.length()).isEqualTo(1);
        assertThat(exact.size()).isEqualTo(100);
    }

    @Test
    @DisplayName("RFC 7541 §4.3: lowering the maximum size evicts the oldest entries until the table fits; 0 empties it")
    void resize() throws Http2Exception {
        DynamicTable t = new DynamicTable(4096);
        for (int i = 0; i < 10; i++) {
            t.add(f("k" + i, "v")); // 2 + 1 + 32 = 35 each
        }
        t.maxSize(100);
        assertThat(t.length()).isEqualTo(2);
        assertThat(t.get(1)).isEqualTo(f("k9", "v"));
        assertThat(t.get(2)).isEqualTo(f("k8", "v"));
        assertThat(t.maxSize()).isEqualTo(100);
        t.maxSize(0);
        assertThat(t.length()).isZero();
        t.add(f("a", "b"));
        assertThat(t.length()).as("nothing fits in a table of 0 octets").isZero();
        t.maxSize(4096);
        t.add(f("a", "b"));
        assertThat(t.get(1)).isEqualTo(f("a", "b"));
    }

    @Test
    @DisplayName("RFC 7541 §4.2: a maximum size of 0 is legal; raised later (up to SETTINGS_HEADER_TABLE_SIZE),"
            + " the table keeps every entry that fits, newest first")
    void raisedMaximum() throws Http2Exception {
        DynamicTable t = new DynamicTable(0);
        t.add(f("a", "b"));
        assertThat(t.length()).isZero();
        t.maxSize(5 * 37);
        for (int i = 0; i < 1500; i++) {
            if (i == 7) {
                t.maxSize(65_536); // after two evictions: the oldest entry is no longer at the start of any array
            }
            t.add(f("n", String.format("%04d", i))); // 1 + 4 + 32 = 37 octets
        }
        assertThat(t.length()).as("only 0000 and 0001 evicted: 1,498 entries fit 65,536 octets").isEqualTo(1498);
        assertThat(t.size()).isEqualTo(1498 * 37);
        for (int k = 1; k <= 1498; k++) {
            assertThat(t.get(k).value()).as("index %d", k).isEqualTo(String.format("%04d", 1500 - k));
        }
    }

    @Test
    @DisplayName("RFC 7541 §2.3.3: an index outside the table is a decoding error (COMPRESSION_ERROR)")
    void indexOutside() {
        DynamicTable t = new DynamicTable(4096);
        t.add(f("a", "b"));
        for (int bad : new int[] {0, 2, -1, Integer.MAX_VALUE}) {
            Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> t.get(bad));
            assertThat(e).as("index %d", bad).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
        }
    }

    @Test
    @DisplayName("thousands of insertions through a small table: always the newest entries, in order (ring buffer wrap and growth)")
    void manyInsertions() throws Http2Exception {
        DynamicTable t = new DynamicTable(4096);
        for (int i = 0; i < 5000; i++) {
            t.add(f("n", Integer.toString(i)));
            int entries = Math.min(i + 1, 4096 / (1 + 32 + 4));
            if (i > 200) {
                assertThat(t.length()).isBetween(entries - 5, entries + 5);
            }
            for (int k = 1; k <= Math.min(3, t.length()); k++) {
                assertThat(t.get(k).value()).isEqualTo(Integer.toString(i - k + 1));
            }
            assertThat(t.get(t.length()).value()).isEqualTo(Integer.toString(i - t.length() + 1));
        }
        assertThat(t.inserted()).isEqualTo(5000);
        assertThat(t.size()).isLessThanOrEqualTo(4096);
    }
}
