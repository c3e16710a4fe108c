package dev.netlab.tls.hello;

/**
 * One extension of a hello message, as sent (RFC 8446 §4.2):
 * {@code struct { ExtensionType extension_type; opaque extension_data<0..2^16-1>; }}.
 *
 * @param type the two-octet extension type
 * @param offset where the extension's type field is, from the start of the handshake message
 * @param data the extension_data octets
 */
public record Extension(int type, int offset, byte[] data) {
    public Extension {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The RFC name of the type ({@code server_name}), or {@code unknown(0x1234)}. */
    public String name() {
        return TlsNames.extension(type);
    }

    @Override
    public String toString() {
        return name() + "(" + data.length + ")";
    }
}
