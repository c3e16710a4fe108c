package dev.netlab.http2.hpack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.Checkpoint;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The HPACK encoder (RFC 7541 §6, §7.1.3) against our own decoder and the RFC's examples.
 * Mistakes it catches: a field in the static table sent as a literal; a repeated field not
 * indexed the second time; the dynamic index computed from the wrong end; sensitive fields
 * (marked, {@code authorization}, short cookies) indexed or sent without the never-indexed
 * bit; a field larger than the table indexed (flushing it); Huffman used when raw is shorter;
 * a table size change not announced at the start of the next block, or the smallest size
 * skipped when it went down and up again (§4.2); the encoder's table drifting from the
 * decoder's. Killed since the PIT run of 2026-12-06 ({@code policyBoundaries}): a cookie of
 * exactly 20 octets taken as short (never indexed); an entry of exactly three quarters of the
 * table taken as too large; Huffman used when it is only as long as the raw string. Equivalent
 * survivors: the purge of evicted entries from the encoder's lookup maps (only memory), which
 * key a sensitive field is looked up by (sensitive fields are never looked up).
 */
@Checkpoint(id = "5.07", title = "HPACK: the encoder (indexing policy, never-indexed fields, Huffman only when shorter)",
        edit = "dev/netlab/http2/hpack/HpackEncoder.java",
        hint = "a full match in a table is indexed; sensitive fields are 0001 never indexed; others 01 incremental unless they change every time or are too large; size updates go first",
        readme = "#hpack")
class HpackEncoderTest {
    private static HeaderField f(String name, String value) {
        return new HeaderField(name, value);
    }

    private static String encode(HpackEncoder e, HeaderField... fields) {
        OctetBuffer out = new OctetBuffer();
        e.encode(List.of(fields), out);
        return Hex.of(out);
    }

    @Test
    @DisplayName("RFC 7541 C.4: the three requests encode to exactly the RFC's octets (Huffman, incremental indexing)")
    void rfc7541_C_4() {
        HpackEncoder e = new HpackEncoder(4096);
        assertThat(encode(e, f(":method", "GET"), f(":scheme", "http"), f(":path", "/"), f(":authority", "www.example.com")))
                .isEqualTo("828684418cf1e3c2e5f23a6ba0ab90f4ff");
        assertThat(encode(e, f(":method", "GET"), f(":scheme", "http"), f(":path", "/"), f(":authority", "www.example.com"),
                f("cache-control", "no-cache"))).isEqualTo("828684be5886a8eb10649cbf");
        assertThat(encode(e, f(":method", "GET"), f(":scheme", "https"), f(":path", "/index.html"),
                f(":authority", "www.example.com"), f("custom-key", "custom-value")))
                .isEqualTo("828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf");
        assertThat(e.table().size()).isEqualTo(164);
    }

    @Test
    @DisplayName("RFC 7541 §7.1.3: sensitive fields are never indexed (0001), by mark, for authorization, and for short cookies")
    void neverIndexed() throws Http2Exception {
        HpackEncoder e = new HpackEncoder(4096);
        HpackDecoder d = new HpackDecoder(4096, Long.MAX_VALUE);
        List<HeaderField> fields = List.of(new HeaderField("password", "secret", true), f("authorization", "Bearer abc"),
                f("cookie", "id=42"));
        for (int round = 0; round < 2; round++) {
            OctetBuffer out = new OctetBuffer();
            e.encode(fields, out);
            assertThat(out.get(0) & 0xf0).as("0001xxxx: literal never indexed").isEqualTo(0x10);
            List<HeaderField> back = d.decode(ByteBuffer.wrap(out.toByteArray())).fields();
            assertThat(back).extracting(HeaderField::sensitive).containsOnly(true);
            assertThat(back).extracting(HeaderField::value).containsExactly("secret", "Bearer abc", "id=42");
        }
        assertThat(e.table().length()).as("nothing sensitive entered the table").isZero();
        assertThat(d.table().length()).isZero();
    }

    @Test
    @DisplayName("a repeated field is indexed the second time: one octet; :path and other per-message values are not indexed")
    void indexingPolicy() {
        HpackEncoder e = new HpackEncoder(4096);
        String first = encode(e, f("user-agent", "curl/7.88.1"), f(":path", "/a/b/c"), f("content-length", "1234"));
        assertThat(first).startsWith("7a"); // 01 + name index 58 (user-agent)
        assertThat(e.table().length()).isEqualTo(1);
        assertThat(encode(e, f("user-agent", "curl/7.88.1"))).isEqualTo("be");
        String again = encode(e, f(":path", "/a/b/c"));
        assertThat(again).as("0000 + name index 4: without indexing").startsWith("04");
        assertThat(e.table().length()).isEqualTo(1);
    }

    @Test
    @DisplayName("an entry too large for the table is not indexed (it would flush the table); raw strings when Huffman is not shorter")
    void tooLargeAndHuffman() throws Http2Exception {
        HpackEncoder e = new HpackEncoder(256);
        encode(e, f("x-small", "1"));
        String big = encode(e, f("x-big", "z".repeat(300)));
        assertThat(big).startsWith("00"); // without indexing, new name
        assertThat(e.table().length()).isEqualTo(1);
        OctetBuffer out = new OctetBuffer();
        e.encode(List.of(f("x-bin", "\u00ff\u00fe\u00fd")), out);
        HpackDecoder d = new HpackDecoder(256, Long.MAX_VALUE);
        d.decode(Hex.buffer("400778 2d736d616c6c 0131")); // the same first entry
        assertThat(d.decode(ByteBuffer.wrap(out.toByteArray())).fields()).containsExactly(f("x-bin", "\u00ff\u00fe\u00fd"));
        assertThat(Hex.of(out)).contains("03fffefd");
    }

    @Test
    @DisplayName("RFC 7541 §7.1.3, §5.2: the policy's edges: a cookie of 19 octets is never indexed, one of 20 is indexed;"
            + " an entry of exactly 3/4 of the table is indexed, one octet more is not; a string Huffman does not shorten is sent raw")
    void policyBoundaries() {
        HpackEncoder e = new HpackEncoder(4096);
        assertThat(encode(e, f("cookie", "c".repeat(19)))).as("0001 + name index 32 (cookie): 1f 11").startsWith("1f11");
        assertThat(encode(e, f("cookie", "c".repeat(20)))).as("01 + name index 32: 0x60").startsWith("60");
        assertThat(e.table().length()).isEqualTo(1);
        HpackEncoder quarters = new HpackEncoder(4096);
        String fits = "v".repeat(3072 - 32 - 3); // x-a: 3 + 3037 + 32 = 3072 = 4096 * 3 / 4
        assertThat(encode(quarters, f("x-a", fits))).as("01, new name").startsWith("40");
        assertThat(encode(quarters, f("x-b", fits + "v"))).as("0000, new name: 3073 octets").startsWith("00");
        assertThat(quarters.table().length()).isEqualTo(1);
        // 'X' and 'Z' have 8-bit Huffman codes: "XZ" is 2 octets either way, so raw (H = 0)
        assertThat(encode(new HpackEncoder(4096), f("x-c", "XZ"))).endsWith("02585a");
    }

    @Test
    @DisplayName("RFC 7541 §4.2: a changed table size is announced first in the next block; down then up sends the smallest, then the final")
    void sizeUpdates() throws Http2Exception {
        HpackEncoder e = new HpackEncoder(4096);
        HpackDecoder d = new HpackDecoder(4096, Long.MAX_VALUE);
        OctetBuffer out = new OctetBuffer();
        e.encode(List.of(f("custom-key", "custom-value")), out);
        d.decode(ByteBuffer.wrap(out.toByteArray()));
        e.peerMaxTableSize(0);
        e.peerMaxTableSize(4096);
        assertThat(encode(e, f(":method", "GET"))).isEqualTo("20" + "3fe11f" + "82");
        assertThat(e.table().length()).as("the shrink to 0 evicted everything").isZero();
        assertThat(encode(e, f(":method", "GET"))).as("announced once").isEqualTo("82");
        e.peerMaxTableSize(100_000);
        assertThat(encode(e, f(":method", "GET"))).as("a larger peer limit changes nothing: 4096 is the encoder's own cap").isEqualTo("82");
        e.peerMaxTableSize(1000);
        assertThat(encode(e, f(":method", "GET"))).isEqualTo("3fc907" + "82");
    }

    @Test
    @DisplayName("random header lists through one encoder and one decoder: always the same fields, the same tables")
    void randomRoundTrip() throws Http2Exception {
        Random random = new Random(42);
        HpackEncoder e = new HpackEncoder(4096);
        HpackDecoder d = new HpackDecoder(4096, Long.MAX_VALUE);
        String[] names = {":method", ":path", ":authority", "accept", "cookie", "x-trace", "user-agent", "etag", "authorization"};
        for (int block = 0; block < 300; block++) {
            List<HeaderField> fields = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
                String value = random.nextInt(3) == 0 ? "v" + random.nextInt(10) : Long.toHexString(random.nextLong()).repeat(1 + random.nextInt(40));
                fields.add(new HeaderField(names[random.nextInt(names.length)], value, random.nextInt(20) == 0));
            }
            if (block % 50 == 49) {
                e.peerMaxTableSize(random.nextInt(4097));
            }
            OctetBuffer out = new OctetBuffer();
            e.encode(fields, out);
            List<HeaderField> back = d.decode(ByteBuffer.wrap(out.toByteArray())).fields();
            assertThat(back).hasSameSizeAs(fields);
            for (int i = 0; i < fields.size(); i++) {
                assertThat(back.get(i).sameAs(fields.get(i))).as("block %d field %d", block, i).isTrue();
            }
            assertThat(d.table().size()).isEqualTo(e.table().size());
            assertThat(d.table().length()).isEqualTo(e.table().length());
        }
    }
}
