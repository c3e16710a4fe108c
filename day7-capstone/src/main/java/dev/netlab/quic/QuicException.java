package dev.netlab.quic;

/**
 * What goes wrong with QUIC input, in the protocol's own terms: a transport error code
 * (RFC 9000 §20.1) and its scope.
 *
 * <ul>
 *   <li>{@link Scope#PACKET}: the packet is invalid and is <em>discarded</em>; the connection
 *       goes on as if it never arrived (RFC 9000 §5.2 and §12.2: a malformed header, a packet
 *       that fails authentication, an Initial in a datagram under 1200 octets). Nothing is
 *       sent back. The code says what kind of fault it was.</li>
 *   <li>{@link Scope#CONNECTION}: a connection error; the endpoint closes the connection with
 *       a CONNECTION_CLOSE frame carrying {@link #wireCode()} (RFC 9000 §11.1).</li>
 * </ul>
 */
public final class QuicException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What the receiver does about it. */
    public enum Scope {
        /** Drop this packet, keep the connection. */
        PACKET,
        /** Close the connection with the code. */
        CONNECTION
    }

    private final QuicError code;
    private final Scope scope;
    private final int tlsAlert;

    private QuicException(QuicError code, Scope scope, int tlsAlert, String message) {
        super(message);
        this.code = code;
        this.scope = scope;
        this.tlsAlert = tlsAlert;
    }

    /** A connection error: close with {@code code}. */
    public static QuicException connection(QuicError code, String message) {
        return new QuicException(code, Scope.CONNECTION, -1, message);
    }

    /** An invalid packet: discard it; {@code code} classifies the fault. */
    public static QuicException discard(QuicError code, String message) {
        return new QuicException(code, Scope.PACKET, -1, message);
    }

    /** A TLS alert raised by the handshake: CRYPTO_ERROR 0x0100 + alert (RFC 9001 §4.8). */
    public static QuicException tlsAlert(TlsAlert alert, String message) {
        return new QuicException(QuicError.CRYPTO_ERROR, Scope.CONNECTION, alert.code(), message);
    }

    public QuicError code() {
        return code;
    }

    public Scope scope() {
        return scope;
    }

    /** The TLS alert of a CRYPTO_ERROR, or null. */
    public TlsAlert alert() {
        return tlsAlert < 0 ? null : TlsAlert.of(tlsAlert);
    }

    /** The error code on the wire: the transport code, or 0x0100 + the TLS alert. */
    public long wireCode() {
        return tlsAlert < 0 ? code.wireValue() : QuicError.CRYPTO_ERROR.wireValue() + tlsAlert;
    }

    /** Re-raised with another scope (a header fault found inside a frame reader, say). */
    public QuicException withScope(Scope newScope) {
        QuicException e = new QuicException(code, newScope, tlsAlert, getMessage());
        e.initCause(this);
        return e;
    }

    @Override
    public String toString() {
        return "QuicException[" + (alert() != null ? "CRYPTO_ERROR(" + alert() + ")" : code)
                + ", 0x" + Long.toHexString(wireCode()) + ", " + scope + "]: " + getMessage();
    }
}
