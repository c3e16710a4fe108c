package dev.netlab.websocket;

/**
 * The status codes of a Close frame (RFC 6455 §7.4.1, and the IANA "WebSocket Close Code
 * Number Registry" for 1012–1014), with their wire values.
 *
 * <p>Three of them never travel in a Close frame: 1005, 1006 and 1015 "MUST NOT be set as a
 * status code in a Close control frame by an endpoint" (§7.4.1). They only tell the local
 * application what happened.
 */
public enum CloseCode {
    /** 1000: the purpose of the connection has been fulfilled. */
    NORMAL(1000),
    /** 1001: the endpoint is going away (a server shutting down, a page navigated away). */
    GOING_AWAY(1001),
    /** 1002: a protocol error. */
    PROTOCOL_ERROR(1002),
    /** 1003: a data type the endpoint cannot accept (text-only, binary-only). */
    UNSUPPORTED_DATA(1003),
    /** 1005: no status code was present (local only, never on the wire). */
    NO_STATUS(1005),
    /** 1006: closed without a Close frame (local only, never on the wire). */
    ABNORMAL(1006),
    /** 1007: data inconsistent with the message type, e.g. non-UTF-8 in a text message. */
    INVALID_PAYLOAD(1007),
    /** 1008: a message that violates the endpoint's policy. */
    POLICY_VIOLATION(1008),
    /** 1009: a message too big to process. */
    MESSAGE_TOO_BIG(1009),
    /** 1010: (client) the server did not negotiate an extension the client requires. */
    MANDATORY_EXTENSION(1010),
    /** 1011: (server) an unexpected condition prevented the request from being fulfilled. */
    INTERNAL_ERROR(1011),
    /** 1012: the service is restarting (IANA registry). */
    SERVICE_RESTART(1012),
    /** 1013: try again later, the server is overloaded (IANA registry). */
    TRY_AGAIN_LATER(1013),
    /** 1014: a gateway received an invalid response (IANA registry). */
    BAD_GATEWAY(1014),
    /** 1015: the TLS handshake failed (local only, never on the wire). */
    TLS_HANDSHAKE(1015);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    /** The wire value, two octets in network byte order in a Close frame. */
    public int code() {
        return code;
    }

    /** Whether this code may be sent in a Close frame (not 1005, 1006, 1015). */
    public boolean sendable() {
        return this != NO_STATUS && this != ABNORMAL && this != TLS_HANDSHAKE;
    }

    /** The constant for a wire value, or null when the value has no name here (3000–4999 for instance). */
    public static CloseCode of(int code) {
        for (CloseCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
