package dev.netlab.http2.hpack;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex dumps as RFC 7541 prints them ("8286 8441 ..."), for tests. */
final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {}

    static byte[] bytes(String dump) {
        return HEX.parseHex(dump.replaceAll("\\s", ""));
    }

    static ByteBuffer buffer(String dump) {
        return ByteBuffer.wrap(bytes(dump));
    }

    static String of(OctetBuffer out) {
        return HEX.formatHex(out.toByteArray());
    }

    static String of(byte[] b) {
        return HEX.formatHex(b);
    }
}
