package dev.netlab.quic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with SHA-256 (RFC 5869), and TLS 1.3's HKDF-Expand-Label (RFC 8446 §7.1), which QUIC
 * uses to derive its packet protection keys (RFC 9001 §5.1).
 *
 * <pre>
 * HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM)                       -> PRK (32 octets)
 * HKDF-Expand(PRK, info, L): T(0) = empty
 *                            T(i) = HMAC-Hash(PRK, T(i-1) | info | i)  (i as one octet)
 *                            OKM  = first L octets of T(1) | T(2) | ...
 * HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)
 *   struct { uint16 length = Length;
 *            opaque label&lt;7..255&gt; = "tls13 " + Label;
 *            opaque context&lt;0..255&gt; = Context; } HkdfLabel;
 * </pre>
 */
public final class Hkdf {
    static final String HMAC = "HmacSHA256";
    static final int HASH_LENGTH = 32;

    private Hkdf() {}

    /** HKDF-Extract: HMAC-SHA256 keyed with {@code salt} over {@code ikm}. */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        return hmac(salt, ikm);
    }

    /** HKDF-Expand: {@code length} octets (at most 255 × 32) from {@code prk} and {@code info}. */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-Expand gives 0.." + 255 * HASH_LENGTH + " octets: " + length);
        }
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        int filled = 0;
        for (int i = 1; filled < length; i++) {
            byte[] input = new byte[t.length + info.length + 1];
            System.arraycopy(t, 0, input, 0, t.length);
            System.arraycopy(info, 0, input, t.length, info.length);
            input[input.length - 1] = (byte) i;
            t = hmac(prk, input);
            int n = Math.min(t.length, length - filled);
            System.arraycopy(t, 0, okm, filled, n);
            filled += n;
        }
        return okm;
    }

    /** HKDF-Expand-Label of TLS 1.3: the label is prefixed with "tls13 ". */
    public static byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        byte[] fullLabel = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        if (fullLabel.length > 255 || context.length > 255 || length > 0xffff) {
            throw new IllegalArgumentException("label, context or length too long for an HkdfLabel");
        }
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write(length >>> 8);
        info.write(length);
        info.write(fullLabel.length);
        info.writeBytes(fullLabel);
        info.write(context.length);
        info.writeBytes(context);
        return expand(secret, info.toByteArray(), length);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            // An empty key is legal in HMAC (RFC 2104), but SecretKeySpec refuses one: HMAC pads
            // keys with zeros to the block size, so one zero octet is the same key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
