package dev.netlab.tls.hello;

/**
 * One offered key share (RFC 8446 §4.2.8): {@code struct { NamedGroup group; opaque key_exchange<1..2^16-1>; }}.
 * For x25519 the key is 32 octets; for secp256r1 an uncompressed point (0x04, X, Y: 65 octets);
 * X25519MLKEM768 is 1,216 octets.
 */
public record KeyShareEntry(int group, byte[] keyExchange) {
    public KeyShareEntry {
        keyExchange = keyExchange.clone();
    }

    @Override
    public byte[] keyExchange() {
        return keyExchange.clone();
    }

    @Override
    public String toString() {
        return TlsNames.group(group) + "(" + keyExchange.length + ")";
    }
}
