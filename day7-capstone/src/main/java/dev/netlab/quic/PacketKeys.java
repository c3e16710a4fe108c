package dev.netlab.quic;

import java.util.HexFormat;

/**
 * The keys that protect one direction of one packet number space (RFC 9001 §5.1): the AEAD
 * key and IV, and the header-protection key. For Initial packets, AES-128-GCM: 16, 12 and 16
 * octets.
 */
public record PacketKeys(byte[] key, byte[] iv, byte[] hp) {
    public PacketKeys {
        key = key.clone();
        iv = iv.clone();
        hp = hp.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public byte[] hp() {
        return hp.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PacketKeys k && java.util.Arrays.equals(key, k.key) && java.util.Arrays.equals(iv, k.iv)
                && java.util.Arrays.equals(hp, k.hp);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(key) * 31 + java.util.Arrays.hashCode(iv);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "PacketKeys[key=" + hex.formatHex(key) + ", iv=" + hex.formatHex(iv) + ", hp=" + hex.formatHex(hp) + "]";
    }
}
