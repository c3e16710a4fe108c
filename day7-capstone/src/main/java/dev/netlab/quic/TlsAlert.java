package dev.netlab.quic;

/** The TLS alerts (RFC 8446 §6) a ClientHello parser raises; in QUIC they become CRYPTO_ERROR 0x01XX (RFC 9001 §4.8). */
public enum TlsAlert {
    UNEXPECTED_MESSAGE(10),
    HANDSHAKE_FAILURE(40),
    ILLEGAL_PARAMETER(47),
    DECODE_ERROR(50),
    PROTOCOL_VERSION(70),
    MISSING_EXTENSION(109),
    UNSUPPORTED_EXTENSION(110),
    NO_APPLICATION_PROTOCOL(120);

    private final int code;

    TlsAlert(int code) {
        this.code = code;
    }

    /** The AlertDescription value. */
    public int code() {
        return code;
    }

    static TlsAlert of(int code) {
        for (TlsAlert a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        throw new IllegalArgumentException("not an alert of this lab: " + code);
    }
}
