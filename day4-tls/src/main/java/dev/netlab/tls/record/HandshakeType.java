package dev.netlab.tls.record;

/** Handshake message types (RFC 8446 §4, with the TLS 1.2 ones of RFC 5246 §7.4 an explainer meets). */
public enum HandshakeType {
    HELLO_REQUEST(0),
    CLIENT_HELLO(1),
    SERVER_HELLO(2),
    NEW_SESSION_TICKET(4),
    END_OF_EARLY_DATA(5),
    ENCRYPTED_EXTENSIONS(8),
    CERTIFICATE(11),
    SERVER_KEY_EXCHANGE(12),
    CERTIFICATE_REQUEST(13),
    SERVER_HELLO_DONE(14),
    CERTIFICATE_VERIFY(15),
    CLIENT_KEY_EXCHANGE(16),
    FINISHED(20),
    KEY_UPDATE(24),
    MESSAGE_HASH(254);

    private final int code;

    HandshakeType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with wire value {@code code}, or null. */
    public static HandshakeType of(int code) {
        for (HandshakeType t : values()) {
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
