package dev.netlab.quic;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test code: protects packets the way a sender does (RFC 9001 §5.3, §5.4), with the JDK's
 * AES directly, so tests can make valid, tampered and odd packets. Checked against RFC 9001
 * A.2 and A.3 in {@link PacketProtectionTest}.
 */
final class Sealer {
    private Sealer() {}

    /**
     * {@code header} is the unprotected header through the packet number (its first octet says
     * the packet number length); returns header + ciphertext + tag, both protections applied.
     */
    static byte[] seal(PacketKeys keys, byte[] header, long packetNumber, byte[] payload) {
        try {
            byte[] nonce = keys.iv();
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (packetNumber >>> (8 * i));
            }
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(header);
            byte[] sealed = gcm.doFinal(payload);
            byte[] packet = Arrays.copyOf(header, header.length + sealed.length);
            System.arraycopy(sealed, 0, packet, header.length, sealed.length);
            int pnLength = (header[0] & 0b11) + 1;
            int pnOffset = header.length - pnLength;
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.hp(), "AES"));
            byte[] mask = ecb.doFinal(packet, pnOffset + 4, 16);
            boolean longHeader = (header[0] & 0x80) != 0;
            packet[0] ^= (byte) (mask[0] & (longHeader ? 0x0f : 0x1f));
            for (int i = 0; i < pnLength; i++) {
                packet[pnOffset + i] ^= mask[1 + i];
            }
            return packet;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client Initial datagram: header (DCID, SCID, no token, Length in two octets, packet
     * number in {@code pnLength} octets), the frames, PADDING up to {@code datagramSize}.
     */
    static byte[] clientInitial(PacketKeys keys, ConnectionId dcid, ConnectionId scid, long packetNumber, int pnLength,
                                byte[] frames, int datagramSize) {
        int headerLength = 1 + 4 + 1 + dcid.length() + 1 + scid.length() + 1 + 2 + pnLength;
        int payloadLength = Math.max(frames.length, datagramSize - headerLength - 16);
        payloadLength = Math.max(payloadLength, 4 - pnLength); // room for the header-protection sample
        byte[] payload = Arrays.copyOf(frames, payloadLength);
        int length = pnLength + payloadLength + 16;
        byte[] header = new byte[headerLength];
        int i = 0;
        header[i++] = (byte) (0xc0 | (pnLength - 1));
        header[i++] = 0;
        header[i++] = 0;
        header[i++] = 0;
        header[i++] = 1;
        header[i++] = (byte) dcid.length();
        System.arraycopy(dcid.bytes(), 0, header, i, dcid.length());
        i += dcid.length();
        header[i++] = (byte) scid.length();
        System.arraycopy(scid.bytes(), 0, header, i, scid.length());
        i += scid.length();
        header[i++] = 0; // token length
        header[i++] = (byte) (0x40 | (length >>> 8));
        header[i++] = (byte) length;
        for (int k = pnLength - 1; k >= 0; k--) {
            header[i++] = (byte) (packetNumber >>> (8 * k));
        }
        return seal(keys, header, packetNumber, payload);
    }
}
