package dev.netlab.quic;

import java.util.HexFormat;

/** One TLS extension as sent (RFC 8446 §4.2): its type and raw data. */
public record Extension(int type, byte[] data) {
    public static final int SERVER_NAME = 0;
    public static final int SUPPORTED_GROUPS = 10;
    public static final int SIGNATURE_ALGORITHMS = 13;
    public static final int ALPN = 16;
    public static final int PRE_SHARED_KEY = 41;
    public static final int SUPPORTED_VERSIONS = 43;
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    public static final int KEY_SHARE = 51;
    /** quic_transport_parameters (RFC 9001 §8.2). */
    public static final int QUIC_TRANSPORT_PARAMETERS = 0x39;

    @Override
    public String toString() {
        return "Extension[" + type + ", " + data.length + " octets" + (data.length <= 16 ? ": " + HexFormat.of().formatHex(data) : "") + "]";
    }
}
