package dev.netlab.quic;

import dev.netlab.kit.StubException;

/**
 * Removes QUIC packet protection with AES-128-GCM (RFC 9001 §5.3, §5.4): first the header
 * protection, which hides the low bits of the first octet and the packet number, then the
 * AEAD, which decrypts and authenticates the payload.
 *
 * <pre>
 *   ... header ... | Packet Number (1-4, protected) | Protected Payload .................. | tag (16)
 *                  ^ pn_offset      sample = 16 octets at pn_offset + 4 ^
 *   mask = AES-ECB(hp_key, sample)                        Cipher "AES/ECB/NoPadding"
 *   first octet ^= mask[0] &amp; 0x0f (long header) / 0x1f (short header)
 *   pn_length = (first octet &amp; 0x03) + 1;  packet number octets ^= mask[1..pn_length]
 *   nonce = iv XOR packet number (left-padded to 12 octets)
 *   payload = AES-128-GCM-Decrypt(key, nonce, aad = the header through the packet number,
 *                                 ciphertext + 16-octet tag)   Cipher "AES/GCM/NoPadding"
 * </pre>
 */
public final class PacketProtection {
    private PacketProtection() {}

    /** The first 5 octets of AES-ECB(hp, sample) for a 16-octet {@code sample}. */
    public static byte[] headerProtectionMask(byte[] hpKey, byte[] sample) {
        throw StubException.notImplemented("7.24", "Opening a packet: header protection and AES-128-GCM", "day7-capstone/ADVANCED.md#opening-an-initial-packet");
    }

    /** The AEAD nonce: a copy of the IV with the packet number (big-endian) XORed into its last octets (RFC 9001 §5.3). */
    public static byte[] nonce(byte[] iv, long packetNumber) {
        throw StubException.notImplemented("7.24", "Opening a packet: header protection and AES-128-GCM", "day7-capstone/ADVANCED.md#opening-an-initial-packet");
    }

    /**
     * Opens the packet {@code header} (a LongHeader or a ShortHeader, else
     * IllegalArgumentException) found in {@code datagram}, which is left untouched (work on a
     * copy of octets {@code header.offset()..header.end()}): removes header protection,
     * recovers the full packet number with {@link PacketNumbers#decode} from
     * {@code largestReceived} (-1 when none yet), decrypts and authenticates. Returns the
     * header, the unprotected first octet, the packet number and the payload.
     *
     * <p>Faults: a packet with fewer than 4 + 16 octets from the packet number offset to its
     * end (no sample), or too short for the tag, or that fails authentication (the JCE's
     * {@code AEADBadTagException}) is {@code QuicException.discard(PROTOCOL_VIOLATION, ...)};
     * non-zero Reserved Bits (0x0c long, 0x18 short) once both protections are off are
     * {@code QuicException.connection(PROTOCOL_VIOLATION, ...)} (RFC 9000 §17.2) — checked
     * after authentication.
     */
    public static OpenedPacket open(byte[] datagram, PacketHeader header, PacketKeys keys, long largestReceived)
            throws QuicException {
        throw StubException.notImplemented("7.24", "Opening a packet: header protection and AES-128-GCM", "day7-capstone/ADVANCED.md#opening-an-initial-packet");
    }
}
