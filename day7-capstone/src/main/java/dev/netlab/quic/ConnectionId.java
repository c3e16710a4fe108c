package dev.netlab.quic;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A connection ID: 0 to 20 octets in QUIC version 1 (RFC 9000 §5.1, §17.2), up to 255 in the
 * version-independent invariants (RFC 8999 §5.1). A value: equal when the octets are equal;
 * printed in hex.
 */
public final class ConnectionId {
    /** The longest connection ID of QUIC version 1 (RFC 9000 §17.2). */
    public static final int MAX_LENGTH_V1 = 20;
    public static final ConnectionId EMPTY = new ConnectionId(new byte[0]);

    private final byte[] bytes;

    private ConnectionId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static ConnectionId of(byte[] bytes) {
        if (bytes.length > 255) {
            throw new IllegalArgumentException("a connection ID has at most 255 octets: " + bytes.length);
        }
        return new ConnectionId(bytes.clone());
    }

    public static ConnectionId of(byte[] source, int offset, int length) {
        return of(Arrays.copyOfRange(source, offset, offset + length));
    }

    public static ConnectionId ofHex(String hex) {
        return new ConnectionId(HexFormat.of().parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionId c && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes.length == 0 ? "(empty)" : HexFormat.of().formatHex(bytes);
    }
}
