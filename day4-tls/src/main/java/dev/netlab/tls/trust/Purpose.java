package dev.netlab.tls.trust;

import dev.netlab.tls.der.Oids;

/** What a leaf certificate is checked for: its extended key usage (RFC 5280 §4.2.1.12). */
public enum Purpose {
    /** A TLS server's certificate: id-kp-serverAuth. */
    SERVER(Oids.KP_SERVER_AUTH),
    /** A TLS client's certificate (mutual TLS): id-kp-clientAuth. */
    CLIENT(Oids.KP_CLIENT_AUTH);

    private final String keyPurpose;

    Purpose(String keyPurpose) {
        this.keyPurpose = keyPurpose;
    }

    /** The KeyPurposeId OID. */
    public String keyPurpose() {
        return keyPurpose;
    }
}
