package dev.netlab.kit.tls;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;

/**
 * The key of a development certificate. ECDSA P-256 is the default: small keys, fast
 * handshakes, and what TLS 1.3 implementations prefer (RFC 8446 §9.1: "MUST support
 * ecdsa_secp256r1_sha256"). RSA 2048 is there for tools and exercises that need RSA.
 */
public enum KeyType {
    /** ECDSA on the curve secp256r1 (NIST P-256), signed with SHA-256. */
    EC_P256("EC", "SHA256withECDSA"),
    /** RSA with a 2048-bit modulus, signed with SHA-256 (PKCS#1 v1.5 in certificates). */
    RSA_2048("RSA", "SHA256withRSA");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String algorithm;
    private final String signatureAlgorithm;

    KeyType(String algorithm, String signatureAlgorithm) {
        this.algorithm = algorithm;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The JCA key algorithm: {@code EC} or {@code RSA}. */
    public String algorithm() {
        return algorithm;
    }

    /** The JCA signature algorithm a key of this type signs certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** A fresh key pair of this type. */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            switch (this) {
                case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                case RSA_2048 -> generator.initialize(2048, RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate a " + this + " key", e);
        }
    }

    /** Whether a public key is of this type (algorithm and size). */
    public boolean matches(PublicKey key) {
        return switch (this) {
            case EC_P256 -> key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256;
            case RSA_2048 -> key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() == 2048;
        };
    }
}
