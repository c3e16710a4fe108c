package dev.netlab.tls.server;

/**
 * Who a mutual-TLS client is, as the server decided from its verified certificate.
 *
 * @param name the subject's common name ({@code alice})
 * @param fingerprint the SHA-256 of the certificate's DER as {@code openssl x509 -fingerprint -sha256}
 *        prints it: upper-case hex pairs joined by colons
 */
public record ClientIdentity(String name, String fingerprint) {}
