package dev.netlab.quic;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Removes QUIC packet protection with AES-128-GCM (RFC 9001 §5.3, §5.4): first the header
 * protection, which hides the low bits of the first octet and the packet number, then the
 * AEAD, which decrypts and authenticates the payload.
 *
 * <pre>
 *   ... header ... | Packet Number (1-4, protected) | Protected Payload .................. | tag (16)
 *                  ^ pn_offset      sample = 16 octets at pn_offset + 4 ^
 *   mask = AES-ECB(hp_key, sample)
 *   first octet ^= mask[0] &amp; 0x0f (long header) / 0x1f (short header)
 *   pn_length = (first octet &amp; 0x03) + 1;  packet number octets ^= mask[1..pn_length]
 *   nonce = iv XOR packet number (left-padded to 12 octets)
 *   payload = AES-128-GCM-Decrypt(key, nonce, aad = the header through the packet number, ciphertext + tag)
 * </pre>
 */
public final class PacketProtection {
    static final int SAMPLE_OFFSET = 4;
    static final int SAMPLE_LENGTH = 16;
    static final int TAG_LENGTH = 16;
    static final int LONG_HEADER_MASK = 0x0f;
    static final int SHORT_HEADER_MASK = 0x1f;
    /** Reserved Bits after header protection is removed: 0x0c in a long header, 0x18 in a short one. */
    static final int LONG_RESERVED_BITS = 0b0000_1100;
    static final int SHORT_RESERVED_BITS = 0b0001_1000;

    private PacketProtection() {}

    /** The 5 octets of header-protection mask for a 16-octet {@code sample}: AES-ECB(hp, sample)[0..5). */
    public static byte[] headerProtectionMask(byte[] hpKey, byte[] sample) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hpKey, "AES"));
            return Arrays.copyOf(aes.doFinal(sample, 0, SAMPLE_LENGTH), 5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every JDK", e);
        }
    }

    /** The AEAD nonce: the IV with the packet number XORed into its last octets (RFC 9001 §5.3). */
    public static byte[] nonce(byte[] iv, long packetNumber) {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (packetNumber >>> (8 * i));
        }
        return nonce;
    }

    /**
     * Opens the packet {@code header} found in {@code datagram} (which is left untouched):
     * removes header protection, recovers the full packet number from {@code largestReceived}
     * (-1 when none yet, RFC 9000 §17.1), decrypts and authenticates. Faults are
     * {@link QuicException.Scope#PACKET}: too short to sample, failed authentication;
     * non-zero Reserved Bits once both protections are off are a PROTOCOL_VIOLATION of the
     * connection (RFC 9000 §17.2).
     */
    public static OpenedPacket open(byte[] datagram, PacketHeader header, PacketKeys keys, long largestReceived)
            throws QuicException {
        int pnOffset;
        boolean longHeader;
        if (header instanceof PacketHeader.LongHeader h) {
            pnOffset = h.packetNumberOffset();
            longHeader = true;
        } else if (header instanceof PacketHeader.ShortHeader h) {
            pnOffset = h.packetNumberOffset();
            longHeader = false;
        } else {
            throw new IllegalArgumentException("only Initial, 0-RTT, Handshake and 1-RTT packets are protected: " + header);
        }
        int start = header.offset();
        int end = header.end();
        // RFC 9001 §5.4.2: the sample starts 4 octets after the packet number's start, as if it
        // were 4 octets long; a packet too short to sample is discarded.
        if (pnOffset + SAMPLE_OFFSET + SAMPLE_LENGTH > end) {
            throw QuicException.discard(QuicError.PROTOCOL_VIOLATION,
                    "a packet of " + (end - start) + " octets is too short for the header-protection sample");
        }
        byte[] packet = Arrays.copyOfRange(datagram, start, end);
        int pn = pnOffset - start;
        byte[] mask = headerProtectionMask(keys.hp(), Arrays.copyOfRange(packet, pn + SAMPLE_OFFSET, pn + SAMPLE_OFFSET + SAMPLE_LENGTH));
        packet[0] ^= (byte) (mask[0] & (longHeader ? LONG_HEADER_MASK : SHORT_HEADER_MASK));
        int first = packet[0] & 0xff;
        int pnLength = (first & 0b11) + 1;
        long truncated = 0;
        for (int i = 0; i < pnLength; i++) {
            packet[pn + i] ^= mask[1 + i];
            truncated = (truncated << 8) | (packet[pn + i] & 0xff);
        }
        long packetNumber = PacketNumbers.decode(largestReceived, truncated, pnLength * 8);
        int headerLength = pn + pnLength;
        if (packet.length - headerLength < TAG_LENGTH) {
            throw QuicException.discard(QuicError.PROTOCOL_VIOLATION, "no room for the 16-octet AEAD tag");
        }
        byte[] payload;
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key(), "AES"),
                    new GCMParameterSpec(TAG_LENGTH * 8, nonce(keys.iv(), packetNumber)));
            gcm.updateAAD(packet, 0, headerLength);
            payload = gcm.doFinal(packet, headerLength, packet.length - headerLength);
        } catch (AEADBadTagException e) {
            // RFC 9001 §5.3 / RFC 9000 §12.2: a packet that fails authentication is discarded.
            throw QuicException.discard(QuicError.PROTOCOL_VIOLATION, "packet " + packetNumber + " fails authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
        // RFC 9000 §17.2: "An endpoint MUST treat receipt of a packet that has a non-zero value
        // for these bits after removing both packet and header protection as a connection error
        // of type PROTOCOL_VIOLATION."
        int reserved = first & (longHeader ? LONG_RESERVED_BITS : SHORT_RESERVED_BITS);
        if (reserved != 0) {
            throw QuicException.connection(QuicError.PROTOCOL_VIOLATION,
                    "Reserved Bits are " + Integer.toBinaryString(reserved) + " in packet " + packetNumber);
        }
        return new OpenedPacket(header, first, packetNumber, payload);
    }
}
