package dev.netlab.tls.explain;

import dev.netlab.kit.StubException;
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

    /** For the TLS 1.3 suite {@code cipherSuite} (0x1301, 0x1302, 0x1303) and one traffic secret. */
    public RecordDecryptor(int cipherSuite, byte[] trafficSecret) {
        throw StubException.notImplemented("4.06", "explain: your connection octet by octet, decrypted with a key log", "day4-tls/README.md#explain-your-connection-octet-by-octet");
    }

    /** The opened record: its real content type and content, padding removed. */
    public record Inner(ContentType type, byte[] content) {}

    /** HKDF-Expand-Label of RFC 8446 §7.1 with the HMAC {@code hmac} ({@code HmacSHA256}, {@code HmacSHA384}). */
    public static byte[] hkdfExpandLabel(String hmac, byte[] secret, String label, byte[] context, int length) {
        throw StubException.notImplemented("4.06", "explain: your connection octet by octet, decrypted with a key log", "day4-tls/README.md#explain-your-connection-octet-by-octet");
    }

    /** Opens {@code record} (outer type application_data) with the next sequence number. */
    public Inner decrypt(TlsRecord record) throws TlsException {
        throw StubException.notImplemented("4.06", "explain: your connection octet by octet, decrypted with a key log", "day4-tls/README.md#explain-your-connection-octet-by-octet");
    }

    /** Records opened so far: the next record's sequence number. */
    public long sequence() {
        throw StubException.notImplemented("4.06", "explain: your connection octet by octet, decrypted with a key log", "day4-tls/README.md#explain-your-connection-octet-by-octet");
    }
}
