package dev.netlab.http2.hpack;

import java.util.List;

/**
 * The static table of RFC 7541 Appendix A: 61 header fields every HPACK encoder and decoder
 * knows without sending them. Index 1 is {@code :authority}, index 61 {@code www-authenticate};
 * the dynamic table's entries follow at 62 (RFC 7541 §2.3.3).
 */
public final class StaticTable {
    /** The number of entries; the dynamic table starts at {@code LENGTH + 1}. */
    public static final int LENGTH = 61;

    /** The entries in index order: {@code ENTRIES.get(i - 1)} is index {@code i}. */
    public static final List<HeaderField> ENTRIES = List.of(
            new HeaderField(":authority", ""),  // 1
            new HeaderField(":method", "GET"),  // 2
            new HeaderField(":method", "POST"),  // 3
            new HeaderField(":path", "/"),  // 4
            new HeaderField(":path", "/index.html"),  // 5
            new HeaderField(":scheme", "http"),  // 6
            new HeaderField(":scheme", "https"),  // 7
            new HeaderField(":status", "200"),  // 8
            new HeaderField(":status", "204"),  // 9
            new HeaderField(":status", "206"),  // 10
            new HeaderField(":status", "304"),  // 11
            new HeaderField(":status", "400"),  // 12
            new HeaderField(":status", "404"),  // 13
            new HeaderField(":status", "500"),  // 14
            new HeaderField("accept-charset", ""),  // 15
            new HeaderField("accept-encoding", "gzip, deflate"),  // 16
            new HeaderField("accept-language", ""),  // 17
            new HeaderField("accept-ranges", ""),  // 18
            new HeaderField("accept", ""),  // 19
            new HeaderField("access-control-allow-origin", ""),  // 20
            new HeaderField("age", ""),  // 21
            new HeaderField("allow", ""),  // 22
            new HeaderField("authorization", ""),  // 23
            new HeaderField("cache-control", ""),  // 24
            new HeaderField("content-disposition", ""),  // 25
            new HeaderField("content-encoding", ""),  // 26
            new HeaderField("content-language", ""),  // 27
            new HeaderField("content-length", ""),  // 28
            new HeaderField("content-location", ""),  // 29
            new HeaderField("content-range", ""),  // 30
            new HeaderField("content-type", ""),  // 31
            new HeaderField("cookie", ""),  // 32
            new HeaderField("date", ""),  // 33
            new HeaderField("etag", ""),  // 34
            new HeaderField("expect", ""),  // 35
            new HeaderField("expires", ""),  // 36
            new HeaderField("from", ""),  // 37
            new HeaderField("host", ""),  // 38
            new HeaderField("if-match", ""),  // 39
            new HeaderField("if-modified-since", ""),  // 40
            new HeaderField("if-none-match", ""),  // 41
            new HeaderField("if-range", ""),  // 42
            new HeaderField("if-unmodified-since", ""),  // 43
            new HeaderField("last-modified", ""),  // 44
            new HeaderField("link", ""),  // 45
            new HeaderField("location", ""),  // 46
            new HeaderField("max-forwards", ""),  // 47
            new HeaderField("proxy-authenticate", ""),  // 48
            new HeaderField("proxy-authorization", ""),  // 49
            new HeaderField("range", ""),  // 50
            new HeaderField("referer", ""),  // 51
            new HeaderField("refresh", ""),  // 52
            new HeaderField("retry-after", ""),  // 53
            new HeaderField("server", ""),  // 54
            new HeaderField("set-cookie", ""),  // 55
            new HeaderField("strict-transport-security", ""),  // 56
            new HeaderField("transfer-encoding", ""),  // 57
            new HeaderField("user-agent", ""),  // 58
            new HeaderField("vary", ""),  // 59
            new HeaderField("via", ""),  // 60
            new HeaderField("www-authenticate", "")   // 61
    );

    private StaticTable() {}

    /** The entry at {@code index}, 1 to 61. */
    public static HeaderField get(int index) {
        return ENTRIES.get(index - 1);
    }
}
