package dev.netlab.quic;

import java.util.HexFormat;

/**
 * The secrets and keys that protect Initial packets (RFC 9001 §5.2). Anyone who sees a
 * client's first Initial can compute them: they come from a public salt and the Destination
 * Connection ID in the clear. Initial packets are protected against tampering, not read by
 * an on-path observer only.
 *
 * <pre>
 * initial_salt          = 0x38762cf7f55934b34d179ae6a4c80cadccbb7f0a
 * initial_secret        = HKDF-Extract(initial_salt, client_dst_connection_id)
 * client_initial_secret = HKDF-Expand-Label(initial_secret, "client in", "", 32)
 * server_initial_secret = HKDF-Expand-Label(initial_secret, "server in", "", 32)
 * key = HKDF-Expand-Label(secret, "quic key", "", 16)    AES-128-GCM key
 * iv  = HKDF-Expand-Label(secret, "quic iv",  "", 12)
 * hp  = HKDF-Expand-Label(secret, "quic hp",  "", 16)    header protection (AES-128-ECB)
 * </pre>
 */
public final class InitialSecrets {
    /** The salt of QUIC version 1 (RFC 9001 §5.2). */
    public static final byte[] INITIAL_SALT_V1 = HexFormat.of().parseHex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    static final int SECRET_LENGTH = 32;
    static final int KEY_LENGTH = 16;
    static final int IV_LENGTH = 12;
    static final int HP_LENGTH = 16;

    private InitialSecrets() {}

    /** initial_secret = HKDF-Extract(initial_salt, dcid). */
    public static byte[] initialSecret(ConnectionId dcid) {
        return Hkdf.extract(INITIAL_SALT_V1.clone(), dcid.bytes());
    }

    /** client_initial_secret: protects what the client sends. */
    public static byte[] clientSecret(ConnectionId dcid) {
        return Hkdf.expandLabel(initialSecret(dcid), "client in", new byte[0], SECRET_LENGTH);
    }

    /** server_initial_secret: protects what the server sends. */
    public static byte[] serverSecret(ConnectionId dcid) {
        return Hkdf.expandLabel(initialSecret(dcid), "server in", new byte[0], SECRET_LENGTH);
    }

    /** The AEAD key, IV and header-protection key of a secret (RFC 9001 §5.1). */
    public static PacketKeys packetKeys(byte[] secret) {
        return new PacketKeys(
                Hkdf.expandLabel(secret, "quic key", new byte[0], KEY_LENGTH),
                Hkdf.expandLabel(secret, "quic iv", new byte[0], IV_LENGTH),
                Hkdf.expandLabel(secret, "quic hp", new byte[0], HP_LENGTH));
    }

    /** The keys of the client's Initial packets for a connection whose first Initial carried {@code dcid}. */
    public static PacketKeys client(ConnectionId dcid) {
        return packetKeys(clientSecret(dcid));
    }

    /** The keys of the server's Initial packets. */
    public static PacketKeys server(ConnectionId dcid) {
        return packetKeys(serverSecret(dcid));
    }
}
