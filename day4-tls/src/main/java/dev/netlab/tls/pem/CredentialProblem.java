package dev.netlab.tls.pem;

/** Why a server's certificate chain and key could not be loaded: one code per cause a server operator must fix. */
public enum CredentialProblem {
    /** Not PEM: no BEGIN line, a BEGIN without its END, END with another label, text that is not base64 (RFC 7468 §3). */
    MALFORMED_PEM,
    /** The chain file holds no {@code CERTIFICATE} block, or one that is not an X.509 certificate. */
    NO_CERTIFICATE,
    /** The key file holds no private key block. */
    NO_PRIVATE_KEY,
    /** A key in a form this loader does not read (PKCS#1, SEC 1, encrypted PKCS#8): convert it with {@code openssl pkcs8 -topk8 -nocrypt}. */
    UNSUPPORTED_KEY,
    /** The private key does not belong to the first certificate's public key. */
    KEY_MISMATCH,
    /** A certificate of the chain is past its notAfter. */
    EXPIRED,
    /** A certificate of the chain is before its notBefore. */
    NOT_YET_VALID,
    /** A certificate is not signed by the one that follows it: the file is out of order, or has a stranger in it. */
    CHAIN_ORDER,
    /** The chain stops at a certificate whose issuer is neither the next certificate nor a trust anchor: an intermediate is missing. */
    INCOMPLETE_CHAIN
}
