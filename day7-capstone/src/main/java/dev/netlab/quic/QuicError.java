package dev.netlab.quic;

/**
 * QUIC transport error codes (RFC 9000 §20.1), with their wire values. A TLS alert raised
 * during the handshake travels as {@link #CRYPTO_ERROR}: 0x0100 plus the alert's number
 * (RFC 9001 §4.8), see {@link QuicException#tlsAlert}.
 */
public enum QuicError {
    NO_ERROR(0x00),
    INTERNAL_ERROR(0x01),
    CONNECTION_REFUSED(0x02),
    FLOW_CONTROL_ERROR(0x03),
    STREAM_LIMIT_ERROR(0x04),
    STREAM_STATE_ERROR(0x05),
    FINAL_SIZE_ERROR(0x06),
    FRAME_ENCODING_ERROR(0x07),
    TRANSPORT_PARAMETER_ERROR(0x08),
    CONNECTION_ID_LIMIT_ERROR(0x09),
    PROTOCOL_VIOLATION(0x0a),
    INVALID_TOKEN(0x0b),
    APPLICATION_ERROR(0x0c),
    CRYPTO_BUFFER_EXCEEDED(0x0d),
    KEY_UPDATE_ERROR(0x0e),
    AEAD_LIMIT_REACHED(0x0f),
    NO_VIABLE_PATH(0x10),
    /** 0x0100-0x01ff: a TLS alert; the exception's {@link QuicException#wireCode()} has the alert. */
    CRYPTO_ERROR(0x0100);

    private final int wireValue;

    QuicError(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The value a CONNECTION_CLOSE frame carries (for CRYPTO_ERROR, the base 0x0100). */
    public int wireValue() {
        return wireValue;
    }
}
