package dev.netlab.tls.server;

import dev.netlab.kit.StubException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLParameters;

/**
 * The day's hardening: what a TLS server on the public Internet should allow in 2026.
 *
 * <ul>
 *   <li><b>TLS 1.3 and 1.2 only</b> (RFC 8996 deprecated 1.0 and 1.1: "MUST NOT be used");</li>
 *   <li><b>AEAD cipher suites with forward secrecy only</b>: the three TLS 1.3 suites (RFC 8446
 *       §9.1), and for TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305 (RFC 9325 §4.2's
 *       recommendations) — no CBC (Lucky 13, padding oracles), no static RSA key exchange (no
 *       forward secrecy, ROBOT), no 3DES (Sweet32), no RC4 (RFC 7465), no anonymous or export
 *       suites;</li>
 *   <li>the server's order of preference decides, not the client's;</li>
 *   <li><b>named groups</b> x25519, secp256r1, secp384r1 (no finite-field groups: their
 *       handshakes are slow, and weak ones were the Logjam attack);</li>
 *
 *   <li><b>no client-initiated renegotiation</b> in TLS 1.2 (TLS 1.3 has none): a client
 *       that renegotiates again and again makes the server do a full handshake each time, a
 *       cheap denial of service (testssl.sh rates it HIGH). JSSE has no per-socket switch, only
 *       the system property {@code jdk.tls.rejectClientInitiatedRenegotiation}, read when the
 *       first server handshake starts: {@link #apply} sets it.</li>
 * </ul>
 *
 * Suites the running JDK does not support are left out rather than refused (a suite list is
 * a filter). JSSE never accepts 0-RTT early data, so nothing needs switching off for it.
 */
public final class TlsPolicy {
    private TlsPolicy() {}

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** In the server's order of preference. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    public static final List<String> NAMED_GROUPS = List.of("x25519", "secp256r1", "secp384r1");

    /** The JSSE system property that refuses a TLS 1.2 client's renegotiation. */
    public static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    /**
     * {@code parameters} (from {@code context.getSupportedSSLParameters()} or a server socket)
     * restricted to the policy: protocols, suites (those the JDK supports, in the policy's
     * order), groups and server preference; and client-initiated renegotiation refused JVM-wide.
     * Returns the same object.
     */
    public static SSLParameters apply(SSLParameters parameters, List<String> supportedSuites) {
        throw StubException.notImplemented("4.13", "Hardening: TLS 1.2/1.3, AEAD with forward secrecy, testssl, a decrypted capture", "day4-tls/README.md#hardening");
    }

    /** {@link #apply(SSLParameters, List)} with the suites {@code parameters} itself lists as supported. */
    public static SSLParameters apply(SSLParameters parameters) {
        throw StubException.notImplemented("4.13", "Hardening: TLS 1.2/1.3, AEAD with forward secrecy, testssl, a decrypted capture", "day4-tls/README.md#hardening");
    }
}
