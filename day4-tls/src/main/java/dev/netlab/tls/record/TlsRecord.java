package dev.netlab.tls.record;

/**
 * One TLS record as it crossed the wire (RFC 8446 §5.1, TLSPlaintext / TLSCiphertext):
 *
 * <pre>
 *  0        1        2        3        4        5 ...
 * ┌────────┬────────┬────────┬────────┬────────┬──────────────────────┐
 * │  type  │ legacy_record_version │     length      │ fragment (length octets)
 * │ 0x16   │  0x03  │  0x01  │  0x00  │  0xf4  │ 01 00 00 f0 03 03 ...
 * └────────┴────────┴────────┴────────┴────────┴──────────────────────┘
 *  handshake  "TLS 1.0" in a first ClientHello   244    a ClientHello, 240 octets
 * </pre>
 *
 * @param type the content type
 * @param legacyVersion the two version octets as one number (0x0303); ignored by TLS 1.3 receivers
 * @param fragment the payload: plaintext handshake/alert octets, or ciphertext
 */
public record TlsRecord(ContentType type, int legacyVersion, byte[] fragment) {
    /** The record header's length: type, version, length. */
    public static final int HEADER_LENGTH = 5;

    public TlsRecord {
        fragment = fragment.clone();
    }

    @Override
    public byte[] fragment() {
        return fragment.clone();
    }

    public int length() {
        return fragment.length;
    }

    /** The record as it was on the wire, header included. */
    public byte[] encoded() {
        byte[] out = new byte[HEADER_LENGTH + fragment.length];
        out[0] = (byte) type.code();
        out[1] = (byte) (legacyVersion >>> 8);
        out[2] = (byte) legacyVersion;
        out[3] = (byte) (fragment.length >>> 8);
        out[4] = (byte) fragment.length;
        System.arraycopy(fragment, 0, out, HEADER_LENGTH, fragment.length);
        return out;
    }

    @Override
    public String toString() {
        return String.format("TlsRecord[%s, 0x%04x, %d octets]", type.rfcName(), legacyVersion, fragment.length);
    }
}
