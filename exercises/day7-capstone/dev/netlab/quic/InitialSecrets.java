package dev.netlab.quic;

import dev.netlab.kit.StubException;
import java.util.HexFormat;

/**
 * The secrets and keys that protect Initial packets (RFC 9001 §5.2). Anyone who sees a
 * client's first Initial can compute them: they come from a public salt and the Destination
 * Connection ID in the clear.
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
 *
 * Your job: the methods below, with your {@link Hkdf}.
 */
public final class InitialSecrets {
    /** The salt of QUIC version 1 (RFC 9001 §5.2). */
    public static final byte[] INITIAL_SALT_V1 = HexFormat.of().parseHex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");

    private InitialSecrets() {}

    /** initial_secret = HKDF-Extract(initial_salt, dcid). */
    public static byte[] initialSecret(ConnectionId dcid) {
        throw StubException.notImplemented("7.23", "Initial secrets: HKDF from the Destination Connection ID", "day7-capstone/ADVANCED.md#initial-secrets");
    }

    /** client_initial_secret (32 octets): protects what the client sends. */
    public static byte[] clientSecret(ConnectionId dcid) {
        throw StubException.notImplemented("7.23", "Initial secrets: HKDF from the Destination Connection ID", "day7-capstone/ADVANCED.md#initial-secrets");
    }

    /** server_initial_secret (32 octets): protects what the server sends. */
    public static byte[] serverSecret(ConnectionId dcid) {
        throw StubException.notImplemented("7.23", "Initial secrets: HKDF from the Destination Connection ID", "day7-capstone/ADVANCED.md#initial-secrets");
    }

    /** The AEAD key (16), IV (12) and header-protection key (16) of a secret (RFC 9001 §5.1). */
    public static PacketKeys packetKeys(byte[] secret) {
        throw StubException.notImplemented("7.23", "Initial secrets: HKDF from the Destination Connection ID", "day7-capstone/ADVANCED.md#initial-secrets");
    }

    /** The keys of the client's Initial packets for a connection whose first Initial carried {@code dcid}. */
    public static PacketKeys client(ConnectionId dcid) {
        throw StubException.notImplemented("7.23", "Initial secrets: HKDF from the Destination Connection ID", "day7-capstone/ADVANCED.md#initial-secrets");
    }

    /** The keys of the server's Initial packets. */
    public static PacketKeys server(ConnectionId dcid) {
        throw StubException.notImplemented("7.23", "Initial secrets: HKDF from the Destination Connection ID", "day7-capstone/ADVANCED.md#initial-secrets");
    }
}
