package dev.netlab.tls.hello;

/**
 * Extension type numbers (IANA "TLS ExtensionType Values"; RFC 8446 §4.2, RFC 6066, RFC 7301).
 * Plain constants rather than an enum: a hello may carry any 16-bit type, GREASE included, and
 * a parser must keep the ones it does not know.
 */
public final class ExtensionType {
    private ExtensionType() {}

    public static final int SERVER_NAME = 0;
    public static final int MAX_FRAGMENT_LENGTH = 1;
    public static final int STATUS_REQUEST = 5;
    public static final int SUPPORTED_GROUPS = 10;
    public static final int EC_POINT_FORMATS = 11;
    public static final int SIGNATURE_ALGORITHMS = 13;
    public static final int USE_SRTP = 14;
    public static final int HEARTBEAT = 15;
    public static final int APPLICATION_LAYER_PROTOCOL_NEGOTIATION = 16;
    public static final int SIGNED_CERTIFICATE_TIMESTAMP = 18;
    public static final int PADDING = 21;
    public static final int ENCRYPT_THEN_MAC = 22;
    public static final int EXTENDED_MASTER_SECRET = 23;
    public static final int COMPRESS_CERTIFICATE = 27;
    public static final int RECORD_SIZE_LIMIT = 28;
    public static final int SESSION_TICKET = 35;
    public static final int PRE_SHARED_KEY = 41;
    public static final int EARLY_DATA = 42;
    public static final int SUPPORTED_VERSIONS = 43;
    public static final int COOKIE = 44;
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    public static final int CERTIFICATE_AUTHORITIES = 47;
    public static final int POST_HANDSHAKE_AUTH = 49;
    public static final int SIGNATURE_ALGORITHMS_CERT = 50;
    public static final int KEY_SHARE = 51;
    public static final int APPLICATION_SETTINGS = 17613;
    public static final int ENCRYPTED_CLIENT_HELLO = 0xfe0d;
    public static final int RENEGOTIATION_INFO = 0xff01;
}
