package dev.netlab.tls.explain;

import dev.netlab.tls.TlsAlert;
import dev.netlab.tls.TlsException;
import dev.netlab.tls.record.ContentType;
import dev.netlab.tls.record.TlsRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens TLS 1.3 records with one traffic secret from a key log (RFC 8446 §5.2, §5.3, §7.3):
 *
 * <pre>
 * key   = HKDF-Expand-Label(secret, "key", "", key_length)      16 (AES-128) or 32 octets
 * iv    = HKDF-Expand-Label(secret, "iv",  "", 12)
 * nonce = iv XOR (the record's 64-bit sequence number, left-padded with zeros to 12 octets)
 * AAD   = the record header: 17 03 03 LL LL                      opaque_type, legacy version, length
 * plaintext = AEAD-Decrypt(key, nonce, AAD, ciphertext || tag)   = TLSInnerPlaintext:
 *             content || real content type (1 octet) || zero padding
 *
 * HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)
 * struct { uint16 length = Length; opaque label&lt;7..255&gt; = "tls13 " + Label; opaque context&lt;0..255&gt; = Context; } HkdfLabel;
 * HKDF-Expand (RFC 5869 §2.3): T(1) = HMAC(PRK, info | 0x01), T(2) = HMAC(PRK, T(1) | info | 0x02), ...
 * </pre>
 *
 * The sequence number starts at 0 for each secret and counts every record opened with it. A
 * record that does not authenticate is {@code bad_record_mac} (RFC 8446 §5.2: "If the
 * decryption fails, the receiver MUST terminate the connection with a "bad_record_mac" alert");
 * a plaintext of nothing but zeros is {@code unexpected_message} (§5.4).
 */
public final class RecordDecryptor {
    private final String cipher;
    private final SecretKeySpec key;
    private final byte[] iv;
    private long sequence;

    /** For the TLS 1.3 suite {@code cipherSuite} (0x1301, 0x1302, 0x1303) and one traffic secret. */
    public RecordDecryptor(int cipherSuite, byte[] trafficSecret) {
        String hash;
        int keyLength;
        switch (cipherSuite) {
            case 0x1301 -> { cipher = "AES/GCM/NoPadding"; hash = "HmacSHA256"; keyLength = 16; }
            case 0x1302 -> { cipher = "AES/GCM/NoPadding"; hash = "HmacSHA384"; keyLength = 32; }
            case 0x1303 -> { cipher = "ChaCha20-Poly1305"; hash = "HmacSHA256"; keyLength = 32; }
            default -> throw new IllegalArgumentException(String.format("0x%04x is not a TLS 1.3 cipher suite", cipherSuite));
        }
        byte[] keyBytes = hkdfExpandLabel(hash, trafficSecret, "key", new byte[0], keyLength);
        this.key = new SecretKeySpec(keyBytes, cipher.startsWith("AES") ? "AES" : "ChaCha20");
        this.iv = hkdfExpandLabel(hash, trafficSecret, "iv", new byte[0], 12);
    }

    /** The opened record: its real content type and content, padding removed. */
    public record Inner(ContentType type, byte[] content) {}

    /** HKDF-Expand-Label of RFC 8446 §7.1 with the HMAC {@code hmac} ({@code HmacSHA256}, {@code HmacSHA384}). */
    public static byte[] hkdfExpandLabel(String hmac, byte[] secret, String label, byte[] context, int length) {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(length >>> 8);
        info.write(length);
        info.write(fullLabel.length);
        info.writeBytes(fullLabel);
        info.write(context.length);
        info.writeBytes(context);
        return hkdfExpand(hmac, secret, info.toByteArray(), length);
    }

    private static byte[] hkdfExpand(String hmac, byte[] prk, byte[] info, int length) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(prk, hmac));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] t = new byte[0];
            for (int i = 1; out.size() < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                t = mac.doFinal();
                out.writeBytes(t);
            }
            return Arrays.copyOf(out.toByteArray(), length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmac + " is missing from this JDK", e);
        }
    }

    /** Opens {@code record} (outer type application_data) with the next sequence number. */
    public Inner decrypt(TlsRecord record) throws TlsException {
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (sequence >>> (8 * i));
        }
        byte[] header = Arrays.copyOf(record.encoded(), TlsRecord.HEADER_LENGTH);
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance(cipher);
            c.init(Cipher.DECRYPT_MODE, key, cipher.startsWith("AES") ? new GCMParameterSpec(128, nonce) : new IvParameterSpec(nonce));
            c.updateAAD(header);
            plain = c.doFinal(record.fragment());
        } catch (AEADBadTagException e) {
            throw new TlsException(TlsAlert.BAD_RECORD_MAC, 0, "record " + sequence + " does not authenticate with this secret");
        } catch (GeneralSecurityException e) {
            throw new TlsException(TlsAlert.BAD_RECORD_MAC, 0, "record " + sequence + " cannot be opened: " + e.getMessage());
        }
        sequence++;
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) {
            end--; // zero padding (RFC 8446 §5.4)
        }
        if (end == 0) {
            throw new TlsException(TlsAlert.UNEXPECTED_MESSAGE, 0, "a TLSInnerPlaintext of only zeros has no content type");
        }
        ContentType type = ContentType.of(plain[end - 1] & 0xFF);
        if (type == null) {
            throw new TlsException(TlsAlert.UNEXPECTED_MESSAGE, 0, "inner content type " + (plain[end - 1] & 0xFF));
        }
        return new Inner(type, Arrays.copyOf(plain, end - 1));
    }

    /** Records opened so far: the next record's sequence number. */
    public long sequence() {
        return sequence;
    }
}
