package dev.netlab.quic;

import dev.netlab.kit.StubException;

/**
 * HKDF with SHA-256 (RFC 5869), and TLS 1.3's HKDF-Expand-Label (RFC 8446 §7.1), which QUIC
 * uses to derive its packet protection keys (RFC 9001 §5.1). Use the JDK's
 * {@code javax.crypto.Mac.getInstance("HmacSHA256")}.
 *
 * <pre>
 * HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM)                       -> PRK (32 octets)
 * HKDF-Expand(PRK, info, L): T(0) = empty
 *                            T(i) = HMAC-Hash(PRK, T(i-1) | info | i)  (i as one octet, from 1)
 *                            OKM  = first L octets of T(1) | T(2) | ...
 * HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)
 *   struct { uint16 length = Length;
 *            opaque label&lt;7..255&gt; = "tls13 " + Label;     one length octet, then the octets
 *            opaque context&lt;0..255&gt; = Context; } HkdfLabel;  one length octet, then the octets
 * </pre>
 *
 * Watch out: {@code new SecretKeySpec(new byte[0], ...)} is refused, yet an empty HMAC key is
 * legal (RFC 5869's test case 3 uses an empty salt): HMAC pads short keys with zero octets.
 */
public final class Hkdf {
    private Hkdf() {}

    /** HKDF-Extract: HMAC-SHA256 keyed with {@code salt} (possibly empty) over {@code ikm}. */
    public static byte[] extract(byte[] salt, byte[] ikm) {
        throw StubException.notImplemented("7.23", "Initial secrets: HKDF from the Destination Connection ID", "day7-capstone/ADVANCED.md#initial-secrets");
    }

    /** HKDF-Expand: {@code length} octets (0..255 × 32, else IllegalArgumentException) from {@code prk} and {@code info}. */
    public static byte[] expand(byte[] prk, byte[] info, int length) {
        throw StubException.notImplemented("7.23", "Initial secrets: HKDF from the Destination Connection ID", "day7-capstone/ADVANCED.md#initial-secrets");
    }

    /** HKDF-Expand-Label of TLS 1.3: the label is prefixed with "tls13 " (RFC 8446 §7.1). */
    public static byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        throw StubException.notImplemented("7.23", "Initial secrets: HKDF from the Destination Connection ID", "day7-capstone/ADVANCED.md#initial-secrets");
    }
}
