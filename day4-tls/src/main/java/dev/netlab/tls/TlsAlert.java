package dev.netlab.tls;

/**
 * The alert descriptions of TLS (RFC 8446 §6, with RFC 6066's {@code unrecognized_name} and
 * RFC 7301's {@code no_application_protocol}), each with its one-octet wire value.
 *
 * <pre>
 * struct {
 *     AlertLevel level;               warning(1), fatal(2): in TLS 1.3 every alert but
 *     AlertDescription description;   close_notify and user_canceled is fatal (RFC 8446 §6)
 * } Alert;
 * </pre>
 *
 * A decoder or a trust decision that fails names the alert a TLS stack sends for it, so the
 * learner sees the same word in a test failure as in {@code openssl s_client}'s
 * "SSL alert number 116".
 */
public enum TlsAlert {
    CLOSE_NOTIFY(0),
    UNEXPECTED_MESSAGE(10),
    BAD_RECORD_MAC(20),
    RECORD_OVERFLOW(22),
    HANDSHAKE_FAILURE(40),
    BAD_CERTIFICATE(42),
    UNSUPPORTED_CERTIFICATE(43),
    CERTIFICATE_REVOKED(44),
    CERTIFICATE_EXPIRED(45),
    CERTIFICATE_UNKNOWN(46),
    ILLEGAL_PARAMETER(47),
    UNKNOWN_CA(48),
    ACCESS_DENIED(49),
    DECODE_ERROR(50),
    DECRYPT_ERROR(51),
    PROTOCOL_VERSION(70),
    INSUFFICIENT_SECURITY(71),
    INTERNAL_ERROR(80),
    INAPPROPRIATE_FALLBACK(86),
    USER_CANCELED(90),
    MISSING_EXTENSION(109),
    UNSUPPORTED_EXTENSION(110),
    UNRECOGNIZED_NAME(112),
    BAD_CERTIFICATE_STATUS_RESPONSE(113),
    UNKNOWN_PSK_IDENTITY(115),
    CERTIFICATE_REQUIRED(116),
    NO_APPLICATION_PROTOCOL(120);

    private final int code;

    TlsAlert(int code) {
        this.code = code;
    }

    /** The AlertDescription octet on the wire. */
    public int code() {
        return code;
    }

    /** The RFC's name: {@code no_application_protocol}. */
    public String rfcName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The alert with wire value {@code code}, or null for one this enum does not know. */
    public static TlsAlert of(int code) {
        for (TlsAlert a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        return null;
    }
}
