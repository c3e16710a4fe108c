package dev.netlab.tls.record;

/**
 * The content type of a TLS record (RFC 8446 §5.1; heartbeat from RFC 6520). In TLS 1.3 every
 * encrypted record says {@code application_data} on the outside; its real type travels
 * encrypted at the end of the plaintext (TLSInnerPlaintext).
 */
public enum ContentType {
    CHANGE_CIPHER_SPEC(20),
    ALERT(21),
    HANDSHAKE(22),
    APPLICATION_DATA(23),
    HEARTBEAT(24);

    private final int code;

    ContentType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with wire value {@code code}, or null. */
    public static ContentType of(int code) {
        for (ContentType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    public String rfcName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
