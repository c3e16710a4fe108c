package dev.netlab.http2.hpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netlab.http2.ErrorCode;
import dev.netlab.http2.Http2Exception;
import dev.netlab.kit.Checkpoint;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HPACK decoder (RFC 7541 §3, §6) on the examples of Appendix C and on malformed blocks.
 * Mistakes it catches: representations told apart by the wrong bits (size update 001 taken
 * for a literal, never-indexed 0001 for without-indexing); the never-indexed mark lost;
 * literal-with-indexing fields not added to the table (or the others added); a name index
 * read with the wrong prefix; index 0 accepted; static indices off by one; a size update
 * accepted after a field or above SETTINGS_HEADER_TABLE_SIZE; the table not shared between
 * blocks; the header list limit not enforced, or enforced by stopping the decoding (the table
 * then drifts out of step with the peer's encoder). Killed since the PIT run of 2026-12-06:
 * a header list of exactly the limit flagged as too large ({@code headerListLimit}); a
 * SETTINGS_HEADER_TABLE_SIZE equal to the table's maximum taken as lowered, demanding a size
 * update ({@code requiredUpdate}).
 */
@Checkpoint(id = "5.06", title = "HPACK: the decoder (every representation, size updates, errors, list limit)",
        edit = "dev/netlab/http2/hpack/HpackDecoder.java",
        hint = "the first octet's high bits pick the representation: 1 indexed, 01 incremental, 001 size update, 0001 never indexed, 0000 without; index 1-61 static, 62+ dynamic",
        readme = "#hpack")
class HpackDecoderTest {
    private static HeaderField f(String name, String value) {
        return new HeaderField(name, value);
    }

    private static List<HeaderField> decode(HpackDecoder d, String hex) throws Http2Exception {
        FieldBlock block = d.decode(Hex.buffer(hex));
        assertThat(block.tooLarge()).isFalse();
        return block.fields();
    }

    @Test
    @DisplayName("RFC 7541 C.2.1: literal with incremental indexing, new name: added to the table")
    void rfc7541_C_2_1() throws Http2Exception {
        HpackDecoder d = new HpackDecoder(4096, Long.MAX_VALUE);
        assertThat(decode(d, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"))
                .containsExactly(f("custom-key", "custom-header"));
        assertThat(d.table().length()).isEqualTo(1);
        assertThat(d.table().size()).isEqualTo(55);
    }

    @Test
    @DisplayName("RFC 7541 C.2.2: literal without indexing, indexed name: the table stays empty")
    void rfc7541_C_2_2() throws Http2Exception {
        HpackDecoder d = new HpackDecoder(4096, Long.MAX_VALUE);
        assertThat(decode(d, "040c 2f73 616d 706c 652f 7061 7468")).containsExactly(f(":path", "/sample/path"));
        assertThat(d.table().length()).isZero();
    }

    @Test
    @DisplayName("RFC 7541 C.2.3: literal never indexed: the field keeps its mark, the table stays empty")
    void rfc7541_C_2_3() throws Http2Exception {
        HpackDecoder d = new HpackDecoder(4096, Long.MAX_VALUE);
        List<HeaderField> fields = decode(d, "1008 7061 7373 776f 7264 0673 6563 7265 74");
        assertThat(fields).containsExactly(new HeaderField("password", "secret", true));
        assertThat(d.table().length()).isZero();
    }

    @Test
    @DisplayName("RFC 7541 C.2.4: indexed header field 0x82 is :method GET")
    void rfc7541_C_2_4() throws Http2Exception {
        HpackDecoder d = new HpackDecoder(4096, Long.MAX_VALUE);
        assertThat(decode(d, "82")).containsExactly(f(":method", "GET"));
    }

    @Test
    @DisplayName("RFC 7541 C.3: three requests without Huffman on one connection, sharing the dynamic table")
    void rfc7541_C_3() throws Http2Exception {
        requests(new HpackDecoder(4096, Long.MAX_VALUE),
                "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                "8286 84be 5808 6e6f 2d63 6163 6865",
                "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65");
    }

    @Test
    @DisplayName("RFC 7541 C.4: the same three requests with Huffman-coded literals")
    void rfc7541_C_4() throws Http2Exception {
        requests(new HpackDecoder(4096, Long.MAX_VALUE),
                "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
                "8286 84be 5886 a8eb 1064 9cbf",
                "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf");
    }

    private static void requests(HpackDecoder d, String first, String second, String third) throws Http2Exception {
        assertThat(decode(d, first)).containsExactly(f(":method", "GET"), f(":scheme", "http"), f(":path", "/"),
                f(":authority", "www.example.com"));
        assertThat(d.table().size()).isEqualTo(57);
        assertThat(decode(d, second)).containsExactly(f(":method", "GET"), f(":scheme", "http"), f(":path", "/"),
                f(":authority", "www.example.com"), f("cache-control", "no-cache"));
        assertThat(d.table().size()).isEqualTo(110);
        assertThat(decode(d, third)).containsExactly(f(":method", "GET"), f(":scheme", "https"), f(":path", "/index.html"),
                f(":authority", "www.example.com"), f("custom-key", "custom-value"));
        assertThat(d.table().size()).isEqualTo(164);
        assertThat(d.table().get(1)).isEqualTo(f("custom-key", "custom-value"));
    }

    @Test
    @DisplayName("RFC 7541 C.5: three responses without Huffman, SETTINGS_HEADER_TABLE_SIZE 256: evictions")
    void rfc7541_C_5() throws Http2Exception {
        responses(new HpackDecoder(256, Long.MAX_VALUE),
                "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32"
                        + "3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                "4803 3330 37c1 c0bf",
                "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970"
                        + "7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178"
                        + "2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31");
    }

    @Test
    @DisplayName("RFC 7541 C.6: the same three responses with Huffman-coded literals")
    void rfc7541_C_6() throws Http2Exception {
        responses(new HpackDecoder(256, Long.MAX_VALUE),
                "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad"
                        + "1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
                "4883 640e ffc1 c0bf",
                "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2"
                        + "e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07");
    }

    private static void responses(HpackDecoder d, String first, String second, String third) throws Http2Exception {
        assertThat(decode(d, first)).containsExactly(f(":status", "302"), f("cache-control", "private"),
                f("date", "Mon, 21 Oct 2013 20:13:21 GMT"), f("location", "https://www.example.com"));
        assertThat(d.table().size()).isEqualTo(222);
        assertThat(decode(d, second)).containsExactly(f(":status", "307"), f("cache-control", "private"),
                f("date", "Mon, 21 Oct 2013 20:13:21 GMT"), f("location", "https://www.example.com"));
        assertThat(d.table().size()).isEqualTo(222);
        assertThat(decode(d, third)).containsExactly(f(":status", "200"), f("cache-control", "private"),
                f("date", "Mon, 21 Oct 2013 20:13:22 GMT"), f("location", "https://www.example.com"),
                f("content-encoding", "gzip"), f("set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"));
        assertThat(d.table().size()).isEqualTo(215);
        assertThat(d.table().length()).isEqualTo(3);
    }

    @Test
    @DisplayName("every static entry by index: 1 is :authority, 61 www-authenticate; literal names by static index")
    void staticTable() throws Http2Exception {
        HpackDecoder d = new HpackDecoder(4096, Long.MAX_VALUE);
        for (int i = 1; i <= 61; i++) {
            OctetBuffer out = new OctetBuffer();
            HpackInteger.encode(out, 0x80, 7, i);
            assertThat(decode(d, Hex.of(out))).containsExactly(StaticTable.get(i));
        }
        assertThat(StaticTable.get(1)).isEqualTo(f(":authority", ""));
        assertThat(StaticTable.get(61)).isEqualTo(f("www-authenticate", ""));
        // 0x0f 0x2e: without indexing, name index 15 + 46 = 61 (a 4-bit prefix), value "x"
        assertThat(decode(d, "0f2e 0178")).containsExactly(f("www-authenticate", "x"));
        // 0x7d: incremental, name index 61 (6-bit prefix), value "y"
        assertThat(decode(d, "7d 0179")).containsExactly(f("www-authenticate", "y"));
        assertThat(d.table().get(1)).isEqualTo(f("www-authenticate", "y"));
        assertThat(decode(d, "be")).as("HPACK index 62 is dynamic index 1").containsExactly(f("www-authenticate", "y"));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("decoding errors are connection errors of type COMPRESSION_ERROR (RFC 9113 §4.3)")
    @CsvSource(delimiter = '|', value = {
            "RFC 7541 §6.1: indexed field with index 0                          | 80",
            "RFC 7541 §2.3.3: indexed field beyond the tables                   | be",
            "RFC 7541 §2.3.3: literal with a name index beyond the tables       | 7e 0178",
            "RFC 7541 §2.3.3: a huge index                                      | ff ffffffff07",
            "RFC 7541 §4.2: a size update after a field (h2spec hpack 4.2)      | 82 3f e1 1f",
            "RFC 7541 §6.3: a size update above SETTINGS_HEADER_TABLE_SIZE      | 3fe21f",
            "RFC 7541 §5.2: Huffman padding longer than 7 bits                  | 00 0161 81 ff",
            "RFC 7541 §5.2: Huffman padding with zeros                          | 00 0161 81 00",
            "RFC 7541 §5.2: EOS in a Huffman string                             | 00 0161 84 ffffffff",
            "a literal whose value runs past the end                            | 04 05 6162",
            "a literal whose name is missing                                    | 00",
            "an integer cut off                                                 | ff",
    })
    void errors(String name, String hex) {
        HpackDecoder d = new HpackDecoder(4096, Long.MAX_VALUE);
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> d.decode(Hex.buffer(hex)));
        assertThat(e).as(name).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.COMPRESSION_ERROR);
        assertThat(e.isConnectionError()).isTrue();
    }

    @Test
    @DisplayName("RFC 7541 §6.3: size updates at the start of a block shrink the table (evicting); several in a row are fine")
    void sizeUpdates() throws Http2Exception {
        HpackDecoder d = new HpackDecoder(4096, Long.MAX_VALUE);
        decode(d, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");
        assertThat(decode(d, "20")).isEmpty(); // size 0: evicts everything
        assertThat(d.table().length()).isZero();
        assertThat(d.table().maxSize()).isZero();
        assertThat(decode(d, "20 3fe11f 82")).containsExactly(f(":method", "GET")); // 0, then 4096
        assertThat(d.table().maxSize()).isEqualTo(4096);
    }

    @Test
    @DisplayName("RFC 7541 §4.2: after this endpoint lowers SETTINGS_HEADER_TABLE_SIZE, a block without a size update first is an error")
    void requiredUpdate() throws Http2Exception {
        HpackDecoder d = new HpackDecoder(4096, Long.MAX_VALUE);
        d.maxTableSizeLimit(100);
        Http2Exception e = catchThrowableOfType(Http2Exception.class, () -> d.decode(Hex.buffer("82")));
        assertThat(e).isNotNull();
        HpackDecoder ok = new HpackDecoder(4096, Long.MAX_VALUE);
        ok.maxTableSizeLimit(100);
        assertThat(decode(ok, "3f45 82")).containsExactly(f(":method", "GET")); // 31 + 69 = 100
        HpackDecoder same = new HpackDecoder(4096, Long.MAX_VALUE);
        same.maxTableSizeLimit(4096);
        assertThat(decode(same, "82")).as("a limit not lowered requires no size update").containsExactly(f(":method", "GET"));
    }

    @Test
    @DisplayName("the header list limit: fields past it are dropped and flagged, but the block is decoded to the end (the table stays in step)")
    void headerListLimit() throws Http2Exception {
        // :method GET (42) + :path / (38) + a new custom-key: custom-header (55) = 135
        HpackDecoder d = new HpackDecoder(4096, 100);
        FieldBlock block = d.decode(Hex.buffer("82 84 400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        assertThat(block.tooLarge()).isTrue();
        assertThat(block.size()).isEqualTo(135);
        assertThat(block.fields()).containsExactly(f(":method", "GET"), f(":path", "/"));
        assertThat(d.table().get(1)).as("the literal with indexing still entered the table").isEqualTo(f("custom-key", "custom-header"));
        assertThat(decode(d, "be")).containsExactly(f("custom-key", "custom-header"));
        // RFC 9113 §6.5.2: the limit is the largest size accepted; exactly at it is not too large
        HpackDecoder exact = new HpackDecoder(4096, 80);
        assertThat(decode(exact, "82 84")).as(":method GET (42) + :path / (38) = 80, the limit")
                .containsExactly(f(":method", "GET"), f(":path", "/"));
    }

    @Test
    @DisplayName("an HPACK bomb: a 4 KB entry referenced 10,000 times in a 10 KB block keeps at most the limit in memory")
    void hpackBomb() throws Http2Exception {
        HpackDecoder d = new HpackDecoder(4096, 16_384);
        OctetBuffer bomb = new OctetBuffer();
        HpackInteger.encode(bomb, 0x40, 6, 0);
        StringLiteral.encodeRaw(bomb, "x");
        StringLiteral.encodeRaw(bomb, "y".repeat(4000));
        for (int i = 0; i < 10_000; i++) {
            bomb.write(0xbe); // index 62 again and again
        }
        FieldBlock block = d.decode(java.nio.ByteBuffer.wrap(bomb.toByteArray()));
        assertThat(block.tooLarge()).isTrue();
        assertThat(block.fields().size()).as("only what fits the 16 KB limit is kept").isLessThanOrEqualTo(4);
        assertThat(block.size()).isGreaterThan(40_000_000L);
    }
}
